#pragma once
// `appeald audit --config FILE [--case ID] [--since T] [--event NAME]... [--json] [--follow]`:
// reads the audit log file of the config ([audit] path, JSON Lines; contract: "Audit log").
#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>

namespace appeald::daemon {

// How often --follow looks for new lines, rotation and truncation.
inline constexpr std::chrono::milliseconds audit_follow_interval{200};

// Registers `audit` on `app`; the returned callable runs it and returns the exit code.
//
// Filters (all must hold; audit_reader.hpp): --case ID (exact), --since T (RFC 3339 with a
// zone, a date = midnight UTC, or an age 30m / 2h / 7d before now), --event NAME (repeatable or
// comma-separated; any of them).
// Output: a table (audit_table.hpp) with a header line, one line per matching event in file
// order; with --json the matching lines exactly as stored, one per line, for `jq`.
// A line that is not a JSON object (a torn last line, corruption) or is longer than
// max_audit_line_bytes is skipped with one stderr warning "appeald audit: PATH:N: ..., skipped";
// blank lines are skipped silently. Nothing a line holds aborts the read.
// A missing log is an empty log: the header (or nothing with --json), the note "appeald audit: no
// audit log yet at PATH" on stderr, exit 0.
// --follow: after the matching lines, keeps printing matching lines as they are appended
// (audit_tail.hpp: every audit_follow_interval; rotation and truncation followed, a partial last
// line held until complete; a missing file waited for) until SIGINT or SIGTERM, then exits 0.
// Output is flushed after every batch, so a pipe sees each event as it comes.
// Exit 2 on a usage error (bad --since, empty --case or --event), 1 when the config cannot be
// loaded or the log cannot be opened or read; one line on stderr prefixed "appeald audit: ".
std::function<int()> add_audit_command(CLI::App& app);

} // namespace appeald::daemon
