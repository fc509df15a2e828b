#pragma once
// `appeald run --config FILE [--once]`: the daemon (service.hpp).
#include <CLI/CLI.hpp>

#include <functional>

namespace appeald::daemon {

// Registers the command on `app`; the returned callable runs it once parsing succeeded.
std::function<int()> add_run_command(CLI::App& app);

} // namespace appeald::daemon
