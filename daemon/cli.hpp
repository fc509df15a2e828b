#pragma once
// The command line: parses arguments with CLI11 and dispatches to the sub-commands.

namespace appeald::daemon {

// Exit codes fixed by the contract.
enum ExitCode : int { exit_ok = 0, exit_failure = 1, exit_usage = 2 };

// Runs appeald with the given arguments; returns the process exit code. Errors are printed to
// stderr as one line; nothing escapes as an exception.
int run_cli(int argc, char** argv);

} // namespace appeald::daemon
