#pragma once
// The sender's own new words in a reply: quotes, attributions, signatures, disclaimers removed.
#include "parsers/parser_limits.hpp"
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

// A run of the sender's own lines, with the quoted text directly above it (if any). Inline
// answers take their meaning from the question they answer, so the assessor needs both; the
// context is never the sender's own evidence.
struct ReplyBlock {
  std::string context; // the quoted paragraph directly above, unquoted; "" at the top
  std::string text;    // the sender's lines, joined with '\n'
};

struct ReplyText {
  std::string text;               // all blocks' text joined by blank lines
  std::vector<ReplyBlock> blocks; // in order
};

// Extracts the new words from a decoded text body (UTF-8, '\n' or "\r\n" line ends). Removes:
// '>' quoting at any depth (also "> >", ">>"); attribution lines ("On <date>, X wrote:",
// wrapped over two lines; Outlook's "From: ... Sent: ..." header blocks; "-----Original
// Message-----"; "Begin forwarded message:"; German "Am ... schrieb", French "Le ... a écrit",
// Spanish "El ... escribió", Dutch "Op ... schreef", Portuguese "Em ... escreveu"); anything
// below a top-posted attribution (the quoted history of a top-posted reply); signatures ("-- ",
// "Sent from my ...", a sign-off followed by a short name block); legal disclaimers. Keeps inline
// answers written between quoted blocks. A line is never dropped merely for containing a colon
// or the word "From".
//
// How markers are read: an attribution or header block followed (after blank lines) by '>' lines
// introduces quoted text, and new text after those quotes is kept (inline and bottom posting);
// one followed by unprefixed lines starts the history of a top-posted reply, and everything from
// it on is dropped. Each run of new lines is a block; its context is the last paragraph of the
// '>' run directly above it (its last 40 lines and 16 KiB at most). Every block is trimmed of its
// signature; the last block with words left after trimming (a later one may hold only a list
// footer or a "-- " signature) is trimmed as BlockPlace::last. Lines keep their indentation,
// lose trailing spaces; blank runs collapse to one. Uses the default ParserLimits and drops the
// warnings.
//
// Helpdesk updates: a "reply above this line" marker that is the FIRST non-blank line is the
// ticketing tool's banner on an outgoing update (the customer answered from their own helpdesk),
// not the start of history: it is skipped with the tool's framing under it (Zendesk's "Your
// request (N) has been updated." paragraph and rule, the comment's author and date lines; see
// helpdesk_header_length), and the newest comment is read up to the next rule of 10+ '-', where
// the ticket's older comments start. The same marker anywhere later still ends the reply.
ReplyText extract_reply(std::string_view text);

// Same, with explicit limits. Linear in the input; lines are kept as views into `text`, so the
// allocations are per block (its context, its joined text, the amortised growth of its line
// list), never per line. Never fails. Warnings:
//   "reply-line-truncated": a kept line was longer than max_line_bytes and was cut (at a UTF-8
//     boundary) to that size;
//   "reply-truncated": new words and contexts reached max_text_bytes; the rest is dropped.
ReplyText extract_reply(std::string_view text, const ParserLimits& limits, Warnings& warnings);

} // namespace appeald::parsers
