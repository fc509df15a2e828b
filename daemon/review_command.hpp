#pragma once
// `appeald review list|show|raw|accept|reject|ask`: the human review queue (contract: "Binary
// and commands"). The queue holds at most one entry per case, so a review ID is the case id.
#include <CLI/CLI.hpp>

#include <functional>

namespace appeald::daemon {

// Registers `review` and its sub-commands on `app`; the returned callable runs whichever was given
// and returns the exit code. Every sub-command takes --config FILE (required); the store is the
// config's [store] path.
//
// list [--state pending|accepted|rejected|asked|all] [--json]: the entries in that state
//   (default pending), nearest deadline first (daemon/review_queue_view.hpp), as a table
//   (CASE ACCOUNT ISSUE KIND DEADLINE WAITING FLAGS REASON) or a JSON array.
// show ID [--json]: everything about the case a reviewer needs (daemon/review_show.hpp).
// raw ID [--message MID]: the raw bytes of the case's latest (or the named) message on stdout.
// accept ID [--note TEXT], reject ID --reason TEXT, ask ID --text TEXT, each with
//   [--reviewer NAME] [--json]: records the decision and queues its mail in one transaction
//   (daemon/review_decision.hpp), appends the audit events to the audit log file, and prints
//   what was queued. The reviewer defaults to the login name, else $USER, else "unknown".
// Exit 0 on success, 1 on a runtime failure (unknown case, not pending, unreadable config or
// store), 2 on a usage error (CLI11's, or an empty --reason/--text/--reviewer); errors are one
// line on stderr prefixed "appeald review: ".
std::function<int()> add_review_command(CLI::App& app);

} // namespace appeald::daemon
