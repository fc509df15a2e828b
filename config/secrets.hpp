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
// Shortest notice key accepted: an HMAC key needs enough bytes to be unguessable.
inline constexpr std::size_t min_notice_key_bytes = 16;

// The password for `credential` ("imap" or "smtp"): $CREDENTIALS_DIRECTORY/<credential> when
// systemd passed a non-empty one (LoadCredential=), else the contents of `password_file` when
// set; trailing CR/LF removed. "" when neither is set (no AUTH); an empty password_file also
// gives "" (with a warning), so the unit's LoadCredential= can point at an empty file for a
// server that needs no login.
// Errors, one line, never holding the secret: "PATH: cannot read: reason",
// "PATH: larger than 4096 bytes", "PATH: the password holds a line break or NUL" (a second line
// would be sent as part of the password), "PATH: readable by group or others: chmod 600 it"
// (password_file only, as for the notice key: a password others can read is as good as
// published, so it is refused, not warned about).
// Warns (appended to `warnings`) when password_file is empty.
std::expected<std::string, std::string> load_secret(std::string_view credential,
                                                    const std::string& password_file,
                                                    std::vector<std::string>& warnings);

// The key of the HMAC in notice Message-IDs (appeals/notice_id.hpp):
// $CREDENTIALS_DIRECTORY/notice_key when systemd passed a non-empty one
// (LoadCredential=notice_key:PATH), else the contents of `key_file` ([policy] notice_key_file);
// trailing CR/LF removed. Any other bytes are part of the key.
// Errors, one line, never holding the key:
//   "no notice key: set [policy] notice_key_file or pass the notice_key credential";
//   "PATH: cannot read: reason"; "PATH: larger than 4096 bytes";
//   "PATH: the notice key is shorter than 16 bytes";
//   "PATH: readable by group or others: chmod 600 it" (key_file only, as for password files: a
//   key others can read lets them forge notice ids; systemd keeps its credentials private
//   itself).
std::expected<std::string, std::string> load_notice_key(const std::string& key_file);

// True when a notice key is configured: `key_file` is set or systemd passed a non-empty
// notice_key credential. `appeald run` loads the key only then (without one, notice ids are not
// verified); `notice send` always needs it.
bool notice_key_configured(const std::string& key_file);

} // namespace appeald::config
