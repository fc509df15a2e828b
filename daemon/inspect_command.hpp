#pragma once
// `appeald inspect FILE.eml|-`: the parsed view of one message, as JSON on stdout.
#include <CLI/CLI.hpp>

#include <functional>

namespace appeald::daemon {

// Registers the sub-command on `app`; the returned callable runs it and returns the exit code.
// Exits 1 only when the input cannot be read (one line on stderr); any parse trouble is reported
// in the JSON's "warnings".
std::function<int()> add_inspect_command(CLI::App& app);

} // namespace appeald::daemon
