#pragma once
// Content-Type and Content-Disposition values with RFC 2045 and RFC 2231 parameters.
#include "parsers/warnings.hpp"

#include <map>
#include <string>
#include <string_view>

namespace appeald::parsers {

// A parsed MIME value such as `text/plain; charset=utf-8` or `attachment; filename=a.pdf`.
struct MimeValue {
  std::string value; // lowercased: "text/plain", "attachment"
  // Parameter names lowercased; values unquoted and, for RFC 2231 (name*=, name*0*=, ...),
  // continuations joined and percent-decoded and converted to UTF-8. RFC 2047 words in quoted
  // values (a common violation) are decoded too.
  std::map<std::string, std::string> params;

  // The parameter or "" when absent.
  std::string param(std::string_view name) const;
};

// Parses a Content-Type. Tolerates missing subtype ("text" -> "text/plain"), junk, unbalanced
// quotes, comments and duplicate parameters (first wins). Empty or unusable input gives
// "text/plain" with no parameters ("content-type-malformed" when input was non-empty).
MimeValue parse_content_type(std::string_view raw, Warnings& warnings);

// Parses a Content-Disposition (same tolerance; empty value when unusable).
MimeValue parse_content_disposition(std::string_view raw, Warnings& warnings);

} // namespace appeald::parsers
