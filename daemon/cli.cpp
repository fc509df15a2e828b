#include "daemon/cli.hpp"

#include "daemon/audit_command.hpp"
#include "daemon/cases_command.hpp"
#include "daemon/dry_run_command.hpp"
#include "daemon/inspect_command.hpp"
#include "daemon/notice_command.hpp"
#include "daemon/review_command.hpp"
#include "daemon/run_command.hpp"
#include "daemon/triage_command.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <map>

namespace appeald::daemon {

int run_cli(int argc, char** argv) {
  CLI::App app{"appeald: the email-native appeal desk for an enforcement mailbox", "appeald"};
  app.set_version_flag("--version", std::string("appeald ") + APPEALD_VERSION);
  app.require_subcommand(1);
  // The contract wants errors in one line on stderr.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return "appeald" + (failed->get_parent() ? " " + failed->get_name() : std::string()) + ": " +
           e.what() + " (see --help)\n";
  });
  std::map<std::string, std::function<int()>> commands;
  commands["dry-run"] = add_dry_run_command(app);
  commands["inspect"] = add_inspect_command(app);
  commands["run"] = add_run_command(app);
  commands["cases"] = add_cases_command(app);
  commands["audit"] = add_audit_command(app);
  commands["review"] = add_review_command(app);
  commands["triage"] = add_triage_command(app);
  commands["notice"] = add_notice_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? exit_ok : exit_usage;
  }
  try {
    for (CLI::App* sub : app.get_subcommands()) {
      return commands.at(sub->get_name())();
    }
  } catch (const std::exception& e) {
    std::cerr << "appeald: " << e.what() << '\n';
    return exit_failure;
  }
  return exit_usage;
}

} // namespace appeald::daemon
