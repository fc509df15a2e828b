#pragma once
// Choosing the body of a message: which MIME leaves are the text, which are attachments, and
// which are forwarded messages.
#include "parsers/message.hpp"
#include "parsers/mime_tree.hpp"
#include "parsers/parser_limits.hpp"
#include "parsers/warnings.hpp"

#include <string>
#include <vector>

namespace appeald::parsers {

struct BodyContent {
  std::string text;                    // the chosen body, UTF-8, '\n' line ends, HTML converted
  std::vector<Attachment> attachments; // files, in order (forwarded messages included)
  std::vector<EmbeddedMessage> embedded;
  std::vector<TextPart> text_parts; // every inline text/plain and text/html leaf, decoded
};

// Walks `root`: within multipart/alternative text/plain is preferred (a non-empty one), else the
// richest other alternative (HTML converted); multipart/mixed concatenates its inline text parts
// in order (Apple Mail splits text around inline images); multipart/related uses its root part;
// multipart/report and multipart/signed use their first part. message/rfc822 parts are kept as
// EmbeddedMessage, never merged into `text`. A leaf is an attachment when its disposition is
// "attachment", or it has a file name and is not marked inline, or it is not text at all.
// `text` is cut at limits.max_text_bytes ("text-truncated").
BodyContent extract_body(const MimeEntity& root, const ParserLimits& limits, Warnings& warnings);

// One leaf's content as UTF-8 text: transfer decoding, then its charset (for HTML without a
// charset parameter, a <meta> charset in its first KiB), CRLF and lone CR turned into '\n', NUL
// bytes dropped, and format=flowed text/plain unflowed.
std::string decode_text_leaf(const MimeEntity& leaf, Warnings& warnings);

// RFC 3676: joins lines that end in a space with the next line of the same quote depth, undoes
// space-stuffing, and with `delete_space` (delsp=yes) drops the joining space. Quoted lines keep
// a "> " prefix per depth ('>' repeated, then one space). Input and output use '\n'.
std::string unflow(std::string_view text, bool delete_space);

} // namespace appeald::parsers
