#pragma once
// Recognisers for the lines a mail client writes above quoted history: attributions ("On <date>,
// X wrote:" and its translations), separators ("-----Original Message-----", "Begin forwarded
// message:") and the "From: / Sent: / To: / Subject:" header blocks that Outlook and forwards put
// above an unprefixed original. Pure functions over single lines (or a few lines the caller
// gathered); the reply extractor decides what a marker means for the lines around it.
#include <cstddef>
#include <span>
#include <string_view>

namespace appeald::parsers {

// True for a complete attribution line, e.g. "On Mon, Nov 2, 2026 at 3:00 PM X <x@y> wrote:",
// "Am 02.11.2026 um 15:00 schrieb X <x>:", "Le lun. 2 nov. 2026 à 15:00, X a écrit :",
// "El ..., X escribió:", "Op ... schreef X <x>:", "Em ..., X escreveu:", or "X <x@y> wrote:".
// Needs a lead word ("On", "Am", "Le", "El", "Op", "Em", "Il", or a "<address>" before the verb),
// a "wrote" verb before the final ':' (German/Dutch: before the name), and a time ("15:00") or an
// '@', so a sender's own sentence ending in "wrote:" is not taken for one. Lines longer than
// reply_text::max_marker_bytes are never attributions.
bool is_attribution(std::string_view line);

// True when `line` may be the first half of an attribution wrapped over two lines ("On Mon, 2
// Nov 2026 at 15:00, X <x@y" + "wrote:"): a lead word, a time or '@', no sentence end. The
// caller joins it with the next line (separated by a space) and asks is_attribution.
bool may_start_wrapped_attribution(std::string_view line);

enum class SeparatorKind {
  none,
  history, // "-----Original Message-----", "Begin forwarded message:", is_reply_above_marker
  rule,    // a line of underscores: history only when a header block follows it
};

SeparatorKind separator_kind(std::string_view line);

enum class HeaderKey { none, from, date, recipient_or_subject };

struct HeaderLine {
  HeaderKey key = HeaderKey::none;
  std::string_view value; // trimmed, after the ':'
};

// Classifies "From: x", "*Sent:* y", "De : z", "Betreff: w" (English, German, French, Spanish,
// Dutch, Portuguese, Italian keys; Outlook's bold '*' from HTML conversion is ignored).
HeaderLine header_line(std::string_view line);

// Number of lines, from lines[0], forming a quoted message's header block; 0 when lines[0] is
// not the start of one. A block starts with a From line and has, within the next
// max_header_block_lines non-blank lines, a Sent/Date line with a digit and a To/Cc/Subject
// line; a lone "From: the CRM export" is not a block.
inline constexpr std::size_t max_header_block_lines = 8;
std::size_t header_block_length(std::span<const std::string_view> lines);

// True for a ticketing tool's "type your reply above this line" marker: "##- Please type your
// reply above this line -##", "-- Reply above this line --", and the German, French, Spanish,
// Dutch, Portuguese and Italian wordings; at most 120 bytes. Under the customer's own reply it
// starts the history; as the first line of a helpdesk's outgoing update it is only a banner.
bool is_reply_above_marker(std::string_view line);

// True for the rule a helpdesk puts between the comments of a ticket update: ten or more '-'
// (or '_') and nothing else.
bool is_helpdesk_rule(std::string_view line);

// Number of lines, from lines[0] (the lines right under a leading reply-above marker, blank ones
// as ""), that are the helpdesk's own framing of the newest comment; 0 when none is recognised.
// Two layouts (Zendesk's):
//   [blank] "Author (Company)" [blank] "Nov 3, 2026, 11:05 GMT+1"
//   [blank] "Your request (48213) has been updated. ..." (1-4 lines) helpdesk rule, then as above
// The author line is one short line without closing punctuation; the date line is short, has a
// time ("11:05") and no final '.', so a customer's "Hi," or "On 3 Nov at 11:05 we stopped." is
// never taken for one. At most 2 blank lines between the parts.
inline constexpr std::size_t max_helpdesk_header_lines = 14;
std::size_t helpdesk_header_length(std::span<const std::string_view> lines);

} // namespace appeald::parsers
