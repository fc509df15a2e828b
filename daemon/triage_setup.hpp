#pragma once
// What the `appeald triage` commands load from the config. Like `review`, nothing here needs the
// IMAP or SMTP URLs or their passwords (an operator may not be able to read them): triage commands
// never touch the mailbox or send mail; an assignment only queues its reply for the daemon.
#include "daemon/review_setup.hpp"
#include "daemon/run_setup.hpp"
#include "store/database.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace appeald::daemon {

// What a triage command is about to do: read the queue (list, show, raw, dismiss), or assign a
// message, which judges it and may compose a reply.
enum class TriageNeeds { reading, assigning };

struct TriageSetup {
  // The config, the parse options and, when assigning, the From address, the templates and the
  // rubric ([policy] rubric, else the shipped one). Its passwords stay empty.
  RunSetup run;
  store::Database db;       // the config's [store]
  std::string config_shown; // the config path as operators should type it again
};

// Loads `config_path` and opens its store. Errors, one line: load_review_setup's
// (daemon/review_setup.hpp), and when assigning the rubric's (config/rubric_loader.hpp).
std::expected<TriageSetup, std::string> load_triage_setup(const std::filesystem::path& config_path,
                                                          TriageNeeds needs);

} // namespace appeald::daemon
