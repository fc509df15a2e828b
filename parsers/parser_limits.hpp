#pragma once
// Named hard limits for everything in parsers/. Input beyond a limit is never fatal: the parser
// stops at the limit, keeps what it has and records a warning (see warnings.hpp).
#include <cstddef>

namespace appeald::parsers {

struct ParserLimits {
  // Whole message as received; larger messages are parsed up to this many bytes only.
  std::size_t max_message_bytes = 26214400;
  // Header block of one entity (top level or MIME part), including folding.
  std::size_t max_header_bytes = 1024 * 1024;
  // Header fields per entity; further fields are dropped.
  std::size_t max_header_count = 2000;
  // One physical line; longer lines are still read, but only this much is kept for inspection
  // in line-oriented stages (reply extraction, HTML conversion).
  std::size_t max_line_bytes = 64 * 1024;
  // Nesting of multipart and message/rfc822 entities; deeper ones are treated as opaque.
  std::size_t max_mime_depth = 32;
  // Entities in one message; further parts are not parsed.
  std::size_t max_parts = 1000;
  // Decoded text kept for the body (what the assessor reads).
  std::size_t max_text_bytes = 1024 * 1024;
  // Element nesting tracked by the HTML converter.
  std::size_t max_html_depth = 256;
};

} // namespace appeald::parsers
