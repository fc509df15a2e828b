#pragma once
// `appeald dry-run`: judge every message of one or more mailbox dumps and print what appeald
// would do, sending nothing and writing no state (except would-be replies with --replies-dir).
#include <CLI/CLI.hpp>

#include <functional>

namespace appeald::daemon {

// Registers the sub-command on `app`; the returned callable runs it and returns the exit code.
// Output: JSON Lines on stdout (contract "dry-run output"), or a table with --format table; a
// summary (counts per action and match rule, time taken) on stderr, and a progress line on
// stderr when it is a terminal. Exit 1 when the cases, config, rubric, templates or a mailbox
// cannot be read (one line on stderr); a message that cannot be parsed is still judged.
std::function<int()> add_dry_run_command(CLI::App& app);

} // namespace appeald::daemon
