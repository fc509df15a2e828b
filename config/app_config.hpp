#pragma once
// appeald's configuration file (TOML, see the contract) turned into the plain structs each layer
// defines. Only config/ sees TOML. config/appeald.toml.sample documents every key.
//
// Relative paths in the file ([store] path, [audit] path, [policy] rubric and templates, every
// password_file and ca_file) are resolved against the directory of the config file, never the
// working directory, so a config and the files beside it can be moved together.
#include "parsers/parser_limits.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace appeald::config {

// Named bounds of the numeric keys (errors quote them).
inline constexpr int min_poll_interval_seconds = 1;
inline constexpr int max_poll_interval_seconds = 86400;
inline constexpr int min_timeout_seconds = 1;
inline constexpr int max_timeout_seconds = 3600;
inline constexpr int max_auto_replies_limit = 100;
inline constexpr int max_deadline_warning_hours = 24 * 30;
inline constexpr int max_probation_days = 365;

struct ImapConfig {
  std::string url; // required for run; "imaps://host:993/INBOX"
  std::string user = "enforcement";
  std::string password_file; // "" = not set
  std::string processed_folder = "Appeals/Processed";
  std::string review_folder = "Appeals/Review";
  std::string triage_folder = "Appeals/Triage";
  int poll_interval_seconds = 30; // 1..86400
  std::string ca_file;
  bool allow_plaintext = false;       // extension: plain imap:// to a non-loopback host
  int connect_timeout_seconds = 30;   // extension, 1..3600
  int transfer_timeout_seconds = 120; // extension, 1..3600
};

struct SmtpConfig {
  std::string url; // required for run
  std::string user = "enforcement";
  std::string password_file;
  std::string ca_file;          // extension
  bool allow_plaintext = false; // extension
  int connect_timeout_seconds = 30;
  int transfer_timeout_seconds = 120;
};

struct AppConfig {
  std::string authserv_id;      // [policy] authserv_id
  std::string from_address;     // [smtp] from (full "Name <addr>"); required for run
  std::string rubric_path;      // [policy] rubric; "" = the shipped rubric
  std::string templates_path;   // [policy] templates; "" = the shipped templates
  parsers::ParserLimits limits; // [limits], plus [policy] max_message_bytes
  ImapConfig imap;
  SmtpConfig smtp;
  std::string store_path = "/var/lib/appeald/appeald.db";  // [store] path
  std::string audit_path = "/var/log/appeald/audit.jsonl"; // [audit] path
  int max_auto_replies_per_case = 3;                       // [policy], 0..100
  // [policy] deadline_warning_hours (extension), 1..720: how long before a probation's deadline
  // the daemon audits `deadline_near`.
  int deadline_warning_hours = 24;
  // [policy] probation_days (extension), 1..365: the deadline `notice send` gives a probation
  // when --deadline is not given, counted from the sending time.
  int probation_days = 14;
  // [policy] notice_key_file (extension): the key of the HMAC in notice Message-IDs;
  // $CREDENTIALS_DIRECTORY/notice_key takes precedence (config/secrets.hpp). "" = not set.
  std::string notice_key_file;
  std::filesystem::path source; // the file it was loaded from (absolute); "" for defaults
};

// Loads and validates `path`. Every key is optional here, so a dry-run config without [imap] or
// [smtp] loads. Errors, one line:
//   "FILE: cannot read: reason" when unreadable;
//   "FILE:LINE:COL: what" for TOML syntax errors;
//   "FILE:LINE:COL: unknown key imap.urll" / "unknown table [imapp]" (a typo never falls back to
//   a default silently);
//   "FILE:LINE:COL: imap.user must be a string" (and "an integer", "true or false");
//   "FILE:LINE:COL: imap.poll_interval_seconds must be between 1 and 86400";
//   "FILE:LINE:COL: imap.password is not allowed: ..." (passwords live in password_file or a
//   systemd credential, never in the config body).
std::expected<AppConfig, std::string> load_config(const std::filesystem::path& path);

// What `run` needs beyond load_config: imap.url, smtp.url and smtp.from present, URLs of a known
// scheme (imap/imaps, smtp/smtps, any letter case) with something after "://", and smtp.from
// holding an address. Error: "FILE: imap.url is required", "FILE: imap.url must start with
// imap:// or imaps://", "FILE: smtp.from has no email address". The plain-text-to-loopback
// policy is daemon/url_policy's, not checked here.
std::expected<void, std::string> validate_for_run(const AppConfig& c);

} // namespace appeald::config
