#pragma once
// Well-formed UTF-8 (RFC 3629, Unicode 3.9): checking it, and repairing what is not. Every text
// the message model holds, and every text appeald writes, passes through these.
#include <string>
#include <string_view>

namespace appeald::parsers {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Copy of `s` with every ill-formed sequence replaced by U+FFFD, one per maximal ill-formed
// subpart (Unicode 3.9, as the WHATWG decoder does). Valid input comes back unchanged.
std::string sanitize_utf8(std::string_view s);

} // namespace appeald::parsers
