#pragma once
// MIME structure (RFC 2045/2046): the entity tree of a message, with hard limits.
#include "parsers/content_type.hpp"
#include "parsers/header_block.hpp"
#include "parsers/parser_limits.hpp"
#include "parsers/warnings.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace appeald::parsers {

// One entity. Views point into the bytes given to parse_mime_tree, which must outlive the tree.
struct MimeEntity {
  std::vector<HeaderField> headers;
  MimeValue content_type;           // defaulted per RFC 2046 (text/plain, or message/rfc822 in a
                                    // multipart/digest)
  MimeValue disposition;            // value "" when absent
  std::string transfer_encoding;    // lowercased, trimmed
  std::string_view body;            // raw body (still transfer-encoded); for multiparts the
                                    // whole body including boundaries
  std::vector<MimeEntity> children; // multipart parts, or the one message of message/rfc822
  std::size_t depth = 0;            // 0 for the top level
};

// Parses the entity tree of `bytes` (a whole message). Why not mimetic's MimeEntity parser: it
// recurses without a depth limit and rescans every enclosing boundary per part, so a hostile
// nesting bomb costs stack and quadratic time; this walker scans each byte a bounded number of
// times and obeys max_mime_depth and max_parts (deeper/further entities stay opaque leaves,
// with "mime-too-deep" / "mime-too-many-parts"). Missing closing boundaries ("mime-unterminated"),
// transport padding after boundaries, preamble/epilogue text and CRLF/LF mixtures are tolerated.
// A boundary line must be exactly "--" boundary ["--"] plus whitespace, so an inner boundary
// that merely starts with the outer one is not mistaken for it. A multipart without any of its
// boundaries keeps its type but has no children ("mime-no-parts"); body_text reads such an
// entity as text, so nothing is lost. Empty parts between adjacent delimiters are skipped.
MimeEntity parse_mime_tree(std::string_view bytes, const ParserLimits& limits, Warnings& warnings);

} // namespace appeald::parsers
