#pragma once
// The IMAP and SMTP passwords. They are never in the config body: systemd passes them as
// credentials (LoadCredential=imap:PATH, see systemd/appeald.service.in), or the config names a
// password_file. Nothing here logs; the secret never appears in an error or a warning.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::config {

// Largest password file accepted: a password, not a document.
inline constexpr std::size_t max_secret_bytes = 4096;

// The password for `credential` ("imap" or "smtp"): $CREDENTIALS_DIRECTORY/<credential> when
// systemd passed a non-empty one (LoadCredential=), else the contents of `password_file` when
// set; trailing CR/LF removed. "" when neither is set (no AUTH); an empty password_file also
// gives "" (with a warning), so the unit's LoadCredential= can point at an empty file for a
// server that needs no login.
// Errors, one line, never holding the secret: "PATH: cannot read: reason",
// "PATH: larger than 4096 bytes", "PATH: the password holds a line break or NUL" (a second line
// would be sent as part of the password).
// Warns (appended to `warnings`) when password_file is readable by group or others.
std::expected<std::string, std::string> load_secret(std::string_view credential,
                                                    const std::string& password_file,
                                                    std::vector<std::string>& warnings);

} // namespace appeald::config
