#pragma once
// Content-Transfer-Encoding decoding (RFC 2045) and the B/Q codings of RFC 2047.
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

// Decodes a body given its Content-Transfer-Encoding value (case-insensitive, trimmed; only the
// first token counts, so "base64; x" and "7bit (comment)" work).
// 7bit/8bit/binary/empty/unknown: returned unchanged (unknown adds "cte-unknown").
// base64: see decode_base64 ("base64-malformed" when the input was not clean).
// quoted-printable: see decode_quoted_printable.
std::string decode_transfer_encoding(std::string_view body, std::string_view cte,
                                     Warnings& warnings);

// Base64 (RFC 2045 6.8) that never fails: characters outside the alphabet are skipped (CR, LF,
// space and tab silently, anything else makes the input unclean), missing or extra padding is
// tolerated, data after padding starts a new quantum, a lone trailing character is dropped and
// non-zero leftover bits are ignored. `clean` (optional) is set to whether the input was well
// formed. Output is at most 3/4 of the input.
std::string decode_base64(std::string_view in, bool* clean = nullptr);

// Quoted-printable (RFC 2045 6.7). Escapes take upper- or lowercase hex; an '=' not followed by
// two hex digits is kept literally ("=ZZ", "=4" at the end). Line ends (CRLF or LF) are kept as
// they are, except soft breaks ("=\r\n", "=\n", with transport blanks allowed after the '='),
// which are removed. QMode::body also drops blanks at the end of each line and treats a final
// '=' at the very end as a soft break (its CRLF went to the MIME boundary). QMode::header is
// RFC 2047 "Q": '_' decodes to a space, nothing is trimmed and a final '=' is literal.
enum class QMode { body, header };
std::string decode_quoted_printable(std::string_view in, QMode mode = QMode::body);

} // namespace appeald::parsers
