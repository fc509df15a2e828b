#pragma once
// Writing header fields safely: neutralising control characters, validating what goes on the
// wire, RFC 2047 encoded words for non-ASCII text, and folding at 78 columns (RFC 5322 2.1.1).
//
// Injection rule: every value written into a header passes through sanitize_header_text() or a
// validator here first, so no CR, LF, NUL or other control taken from input ever reaches the
// rendered header block.
#include "parsers/address_list.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::responders {

// Folded lines aim at this many characters, CRLF excluded (RFC 5322 2.1.1 "SHOULD").
inline constexpr std::size_t header_line_target = 78;
// Longest header text kept, in bytes, after sanitising (longer text is cut at a character
// boundary): a reply never needs more, and it bounds what a hostile subject can make us write.
inline constexpr std::size_t max_header_text_bytes = 998;

// One line of valid UTF-8: CR, LF, NUL, every other C0 control, DEL and C1 controls become a
// space, invalid UTF-8 becomes U+FFFD, runs of whitespace collapse to one space, and the ends are
// trimmed. At most max_header_text_bytes.
std::string sanitize_header_text(std::string_view raw);

// True for an addr-spec we are willing to send to: ASCII only (we do not assume SMTPUTF8), a
// local part that is a dot-atom or a quoted string without spaces, '@', and a domain of
// letters/digits/hyphen labels. No spaces, brackets, controls or second '@'. At most 254 bytes.
bool is_sendable_address(std::string_view address);

// `mailboxes` without the unsendable ones and without repeats (addresses compared
// case-insensitively, the first kept).
std::vector<parsers::Mailbox> sendable_mailboxes(const std::vector<parsers::Mailbox>& mailboxes);

// `id` when it is a well-formed "<...>" message id: printable ASCII, no spaces, no '<' or '>'
// inside, at most 997 bytes (so the folded line holding it, " " + id, stays within RFC 5322's
// 998); nullopt otherwise (an id we cannot write safely is dropped).
std::optional<std::string> sendable_message_id(std::string_view id);

// True for an RFC 5322 field name: 1-76 printable ASCII characters other than ':'.
bool is_field_name(std::string_view name);

// Unstructured text (Subject, extra header values) as foldable tokens. Sanitises `text` first.
// ASCII words stay literal; runs of words with non-ASCII characters, words that look like
// encoded words, and words too long to fit a folded line become UTF-8 encoded words (Q, or B
// when most bytes would need escaping), each at most 66 characters and never splitting a
// character, so every folded line stays within header_line_target.
std::vector<std::string> unstructured_tokens(std::string_view text);

// A mailbox as foldable tokens: `addr`, `Name <addr>`, `"Quoted, Name" <addr>`, or encoded words
// followed by `<addr>` when the name is non-ASCII or long. The address must already be sendable;
// the name is sanitised here.
std::vector<std::string> mailbox_tokens(const parsers::Mailbox& mailbox);

// "Name: token token" folded before a token whenever the line would pass header_line_target
// (a single token longer than a line is never split). No trailing CRLF.
std::string fold_header(std::string_view name, const std::vector<std::string>& tokens);

// "Name: a, b <c>" with every mailbox of `mailboxes` (already sendable), folded.
std::string fold_address_header(std::string_view name,
                                const std::vector<parsers::Mailbox>& mailboxes);

} // namespace appeald::responders
