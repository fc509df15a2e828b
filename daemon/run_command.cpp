#include "daemon/run_command.hpp"

#include "daemon/service.hpp"

#include <memory>
#include <string>

namespace appeald::daemon {

std::function<int()> add_run_command(CLI::App& app) {
  struct Args {
    std::string config;
    bool once = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Watch the enforcement mailbox: take appeals over IMAP, judge them, answer over SMTP");
  cmd->add_option("--config", args->config, "Config file (TOML)")->required();
  cmd->add_flag("--once", args->once,
                "Run one poll cycle, try every queued reply once, then exit (for tests and cron)");
  return
      [args] { return run_service(args->config, args->once ? RunMode::once : RunMode::forever); };
}

} // namespace appeald::daemon
