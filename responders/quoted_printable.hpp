#pragma once
// Body encoding for outgoing text (RFC 2045 6.7).
#include <string>
#include <string_view>

namespace appeald::responders {

// Quoted-printable of `text`, whose line ends are LF or CRLF; the output uses CRLF. '=' and
// bytes outside printable ASCII are escaped, as are a space or tab at a line end; lines are cut
// with soft breaks so that no encoded line passes 76 characters, never inside an escape.
std::string encode_quoted_printable(std::string_view text);

} // namespace appeald::responders
