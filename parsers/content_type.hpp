#pragma once
// Content-Type and Content-Disposition values with RFC 2045 and RFC 2231 parameters.
#include "parsers/warnings.hpp"

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace appeald::parsers {

// Parameters by name; the transparent comparator finds a std::string_view without a copy.
using MimeParams = std::map<std::string, std::string, std::less<>>;

// A parsed MIME value such as `text/plain; charset=utf-8` or `attachment; filename=a.pdf`.
struct MimeValue {
  std::string value; // lowercased: "text/plain", "attachment"
  // Parameter names lowercased; values unquoted and, for RFC 2231 (name*=, name*0*=, ...),
  // continuations joined in section order and percent-decoded and converted to UTF-8; the
  // RFC 2231 form wins over a plain parameter of the same name. RFC 2047 words and raw 8-bit
  // bytes in other values (a common violation) are decoded too, except in "boundary", which is
  // kept byte for byte.
  MimeParams params;

  // The parameter or "" when absent.
  std::string param(std::string_view name) const;
};

// Parses a Content-Type. Tolerates missing subtype ("text" -> "text/plain"), junk, unbalanced
// quotes (the value runs to the end), comments, duplicate parameters (first wins), unquoted
// values with spaces (`name=my file.pdf`) and a missing ';' before `name=`. Empty or unusable
// input gives "text/plain" with no parameters ("content-type-malformed" when input was
// non-empty); skipped pieces also add "content-type-malformed", RFC 2231 gaps
// "rfc2231-malformed". RFC 2231 section numbers above 999 are ignored. Linear in the input.
MimeValue parse_content_type(std::string_view raw, Warnings& warnings);

// Parses a Content-Disposition (same tolerance; empty value when unusable or when the input
// starts with a parameter, "content-disposition-malformed").
MimeValue parse_content_disposition(std::string_view raw, Warnings& warnings);

} // namespace appeald::parsers
