#pragma once
// Charset conversion to UTF-8 through glibc iconv.
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

// Maps a charset label as found in mail to the name given to iconv, applying the mislabels that
// browsers (WHATWG Encoding) and mail clients apply: ISO-8859-1/US-ASCII/latin1 -> WINDOWS-1252,
// gb2312/GBK/cp936 -> GB18030, ks_c_5601-1987/euc-kr -> CP949, shift_jis/x-sjis/ms_kanji -> CP932,
// big5 -> BIG5-HKSCS, iso-2022-jp -> ISO-2022-JP-2 (to_utf8 retries with ISO-2022-JP-3),
// iso-8859-9 -> WINDOWS-1254, utf8/unicode-1-1-utf-8 -> UTF-8, cpNNNN/windows-NNNN and
// iso8859-N spellings normalised. Lowercases, trims quotes and spaces and drops an RFC 2231
// language suffix ("utf-8*en"). Unknown labels come back uppercased. Empty input gives "".
std::string canonical_charset(std::string_view label);

// Converts `bytes` from `charset` to UTF-8. Never fails:
// - pure ASCII input in an ASCII-compatible charset is returned unchanged (no iconv);
// - empty charset: valid UTF-8 is kept, anything else is decoded as Windows-1252;
// - unknown charset: as for empty, plus "charset-unknown";
// - invalid sequences become U+FFFD ("charset-invalid-bytes"), and conversion continues;
// - a sequence truncated at the end becomes one U+FFFD ("charset-invalid-bytes");
// - the result is always valid UTF-8.
// Thread-safe: iconv descriptors are cached per thread (a few charsets, reset before each use).
std::string to_utf8(std::string_view bytes, std::string_view charset, Warnings& warnings);

} // namespace appeald::parsers
