#pragma once
// HTML character references (&amp; &#233; &#xE9;) for the HTML-to-text converter.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::parsers::html {

// Parses the reference starting at html[i] == '&'. Returns its code point and sets `end` just
// past it, or nullopt when it is not a reference we know (the '&' is then literal text).
// Named: all of Latin-1 plus the HTML5 names common in mail; the ';' may be left out only for
// amp, lt, gt, quot and nbsp. Numeric: decimal or hex, ';' optional; 0, surrogates and values
// above U+10FFFF give U+FFFD, 128-159 are read as Windows-1252 (HTML5). Reads at most a few dozen
// bytes past `i` for names; digits are read to their end.
std::optional<char32_t> parse_entity(std::string_view html, std::size_t i, std::size_t& end);

// Appends `cp` (a Unicode scalar value) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

} // namespace appeald::parsers::html
