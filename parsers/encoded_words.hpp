#pragma once
// RFC 2047 encoded words in unstructured header text (Subject, display names).
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

// Decodes `raw` (an unfolded header value) to UTF-8:
// - =?charset?B|Q?text?= words in any charset known to iconv (see charset.hpp), with an optional
//   RFC 2231 language suffix (=?utf-8*en?Q?...?=);
// - whitespace between adjacent encoded words is dropped, and adjacent words in the same charset
//   are joined before conversion so multi-byte characters split across words survive;
// - malformed words (bad base64, unknown charset, missing ?=) are left readable: decoded as far
//   as possible or kept literally, with a warning ("encoded-word-malformed"). A B word must be
//   clean base64 (missing padding allowed), else it is kept literally; a Q word may contain
//   spaces (broken encoders); a word holding "=?" lost its "?=" and is kept literally;
// - words are recognised anywhere, also glued to text ("Re:=?utf-8?Q?x?="), as clients do;
// - raw 8-bit bytes outside encoded words are taken as UTF-8 when valid, else Windows-1252;
// - CR, LF, NUL and other C0 controls in the result are replaced by a space (TAB kept).
// Conversion warnings from charset.hpp are passed on. Linear in the input.
std::string decode_header_text(std::string_view raw, Warnings& warnings);

} // namespace appeald::parsers
