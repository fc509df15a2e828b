#pragma once
// `appeald notice send`: compose, record and queue an enforcement notice (contract: "Binary and
// commands").
#include <CLI/CLI.hpp>

#include <functional>

namespace appeald::daemon {

// Registers `notice send` on `app`; the returned callable runs it and returns the exit code.
//
// notice send --config FILE --case ID --account ACCT --address ADDR --issue ISSUE --kind KIND
//   [--deadline T] [--representative ADDR] [--summary TEXT] [--sent-at T] [--reviewer NAME]
//   [--json]
// Composes the notice (responders/notice_composer.hpp: the config's templates, rubric, From and
// notice key), then in one transaction records the case, queues the mail in the outbox and audits
// `notice_queued` (daemon/notice_record.hpp), appends the audit events to the audit log file, and
// prints what was queued: one line, or with --json an object with case, kind, issue, account,
// address, representative, deadline, sent_at, message_id, subject, recipients and outbox
// ("queued"). The running daemon, or the next `run --once`, sends the mail.
// A probation without --deadline gets --sent-at (default now) plus [policy] probation_days; a
// suspension has no deadline unless one is given. The actor is --reviewer, else the login name
// (daemon/operator_name.hpp).
// Exit 0 on success; 2 on a usage error (CLI11's, or daemon/notice_args.hpp's); 1 on a runtime
// failure (the case exists, no notice key, unreadable config, store, rubric or templates).
// Errors are one line on stderr prefixed "appeald notice: ".
std::function<int()> add_notice_command(CLI::App& app);

} // namespace appeald::daemon
