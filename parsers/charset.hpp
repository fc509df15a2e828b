#pragma once
// Charset conversion to UTF-8 through glibc iconv.
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

// Maps a charset label as found in mail to the name given to iconv, applying the mislabels that
// browsers and mail clients apply: ISO-8859-1/US-ASCII/latin1 -> WINDOWS-1252, gb2312/GBK ->
// GB18030, ks_c_5601-1987/euc-kr -> CP949, x-sjis/shift-jis -> SHIFT_JIS (CP932), utf8 -> UTF-8.
// Lowercases and trims quotes and spaces. Empty input gives an empty result.
std::string canonical_charset(std::string_view label);

// Converts `bytes` from `charset` to UTF-8. Never fails:
// - empty charset: valid UTF-8 is kept, anything else is decoded as Windows-1252;
// - unknown charset: as for empty, plus "charset-unknown";
// - invalid sequences become U+FFFD ("charset-invalid-bytes"), and conversion continues;
// - the result is always valid UTF-8.
std::string to_utf8(std::string_view bytes, std::string_view charset, Warnings& warnings);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Copy of `s` with every ill-formed sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view s);

} // namespace appeald::parsers
