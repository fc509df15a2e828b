#pragma once
// What the `appeald review` commands load from the config: the config itself, how to parse the
// stored messages, the store, and for decisions the From address and the templates. Unlike
// `run`, nothing here needs the IMAP or SMTP settings or their passwords: a reviewer may not be
// able to read them, and decisions are only queued (the daemon sends them).
#include "config/app_config.hpp"
#include "parsers/message_parser.hpp"
#include "responders/reply_composer.hpp"
#include "responders/templates.hpp"
#include "store/database.hpp"

#include <expected>
#include <filesystem>
#include <optional>
#include <string>

namespace appeald::daemon {

// What a review command is about to do: read the queue, or also decide (and compose a mail).
enum class ReviewNeeds { reading, deciding };

struct ReviewSetup {
  config::AppConfig config;
  parsers::ParseOptions parse;
  // deciding only: [smtp] from and the loop header; the templates ([policy] templates, else the
  // shipped ones).
  responders::ReplySettings reply;
  responders::Templates templates;
  std::optional<store::Database> db;
};

// Loads `config_path` and opens its store. Errors, one line: the config's (config/app_config.hpp),
// the store's ("PATH: reason"), and when deciding "FILE: smtp.from has no email address" and the
// templates' (config/templates_loader.hpp).
std::expected<ReviewSetup, std::string> load_review_setup(const std::filesystem::path& config_path,
                                                          ReviewNeeds needs);

} // namespace appeald::daemon
