#pragma once
// Content-Transfer-Encoding decoding (RFC 2045) and the B/Q codings of RFC 2047.
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>

namespace appeald::parsers {

// Decodes a body given its Content-Transfer-Encoding value (case-insensitive, trimmed).
// 7bit/8bit/binary/empty/unknown: returned unchanged (unknown adds "cte-unknown").
// base64: characters outside the alphabet are skipped, missing or extra padding tolerated
// ("base64-malformed" when the input was not clean). quoted-printable: soft breaks removed,
// bad escapes kept literally, trailing whitespace on lines dropped.
std::string decode_transfer_encoding(std::string_view body, std::string_view cte,
                                     Warnings& warnings);

// Base64 with the tolerance above. `clean` (optional) reports whether the input was well formed.
std::string decode_base64(std::string_view in, bool* clean = nullptr);

// Quoted-printable. With QMode::header, '_' decodes to a space (RFC 2047 "Q").
enum class QMode { body, header };
std::string decode_quoted_printable(std::string_view in, QMode mode = QMode::body);

} // namespace appeald::parsers
