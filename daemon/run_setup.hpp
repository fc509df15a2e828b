#pragma once
// Everything `appeald run` loads from its config before a cycle: the config itself, the rubric,
// the templates, the reply identity and the two passwords. A loaded setup is immutable; SIGHUP
// loads a new one and swaps it in only when the whole load succeeded.
#include "appeals/rubric.hpp"
#include "config/app_config.hpp"
#include "parsers/message_parser.hpp"
#include "responders/reply_composer.hpp"
#include "responders/templates.hpp"

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace appeald::daemon {

struct RunSetup {
  config::AppConfig config;
  parsers::ParseOptions parse;
  appeals::Rubric rubric;
  responders::Templates templates;
  responders::ReplySettings reply;
  std::string imap_password; // never logged
  std::string smtp_password; // never logged
  // The key of the HMAC in notice Message-IDs (config/secrets.hpp load_notice_key), loaded only
  // when [policy] notice_key_file or the notice_key credential is set; "" otherwise, and then
  // notice ids are not verified (threading relies on the ids stored with the cases). Never
  // logged.
  std::string notice_key;
  std::vector<std::string> warnings; // for the operational log (e.g. a world-readable secret)
};

// Loads and checks `config_path` for running: the config (validate_for_run), the URL policy
// (plain imap:// or smtp:// only to loopback unless allow_plaintext), the rubric, the templates
// and the secrets (the notice key only when configured). Error: one line naming the file and what
// is wrong.
std::expected<std::shared_ptr<const RunSetup>, std::string>
load_run_setup(const std::filesystem::path& config_path);

} // namespace appeald::daemon
