#include "daemon/cli.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace appeald::daemon {

int run_cli(int argc, char** argv) {
  CLI::App app{"appeald: the email-native appeal desk for an enforcement mailbox", "appeald"};
  app.set_version_flag("--version", std::string("appeald ") + APPEALD_VERSION);
  app.require_subcommand(0, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? exit_ok : exit_usage;
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
  }
  return exit_ok;
}

} // namespace appeald::daemon
