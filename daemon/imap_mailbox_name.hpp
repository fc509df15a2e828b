#pragma once
// Mailbox names as an IMAP server wants them: appeald's folder settings are UTF-8 and
// '/'-separated ("Appeals/Processed"); the server has its own hierarchy delimiter (from LIST) and
// IMAP4rev1 names are in modified UTF-7 (RFC 3501 section 5.1.3). Pure functions, no I/O.
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::daemon::imap {

// UTF-8 to modified UTF-7: printable ASCII stays (with '&' as "&-"), everything else goes in
// "&<base64 of UTF-16BE, ',' for '/'>-" runs. Unexpected (a one-line reason) on invalid UTF-8.
std::expected<std::string, std::string> encode_modified_utf7(std::string_view utf8);

// The server's name for a '/'-separated folder: components joined with `delimiter` (nullopt: the
// server has a flat namespace, so only single-component names work), then modified UTF-7.
// Refuses empty names and components, control characters (CR, LF, NUL and the rest), the LIST
// wildcards '*' and '%', and components that contain the server's delimiter.
std::expected<std::string, std::string> server_mailbox_name(std::string_view folder,
                                                            std::optional<char> delimiter);

// A quoted string for a command: "..." with '\' and '"' escaped. The caller has already refused
// CR, LF and NUL (server_mailbox_name does).
std::string quoted(std::string_view s);

} // namespace appeald::daemon::imap
