#pragma once
// Which mail-server URLs appeald may use. TLS (imaps://, smtps://) is always allowed; plain
// imap:// or smtp:// only to loopback, where nothing crosses a network, unless the operator says
// allow_plaintext.
#include <string>
#include <string_view>

namespace appeald::daemon {

enum class Protocol { imap, smtp };

// Plain imap:// or smtp:// is allowed only to loopback (127.0.0.0/8, ::1, "localhost") unless
// allow_plaintext. Returns "" when allowed, else a one-line reason. Also rejects schemes other than
// imap/imaps (resp. smtp/smtps), URLs without a host, with a bad port, with credentials in them
// (they belong in password files) and with control characters or spaces. Looks nothing up: a host
// name other than "localhost" is never taken for loopback.
std::string check_url(std::string_view url, Protocol protocol, bool allow_plaintext);

} // namespace appeald::daemon
