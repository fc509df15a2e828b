#pragma once
// `appeald run`: the daemon. One Boost.Asio io_context on the main thread owns the signals and
// timers; the blocking libcurl and SQLite work of a cycle runs on one worker thread, so signal
// handling and the systemd watchdog never wait on the network.
//
// - The poll timer starts a cycle every [imap] poll_interval_seconds; cycles never overlap.
// - SIGTERM/SIGINT: the cycle in hand finishes the message it is on (each message is one
//   transaction), then the process exits 0.
// - SIGHUP: config, rubric, templates and secrets are loaded again; a bad new config is logged and
//   the old one kept. The audit log file is reopened (for logrotate's postrotate); [store] and
//   [audit] paths take effect at the next start.
// - An IMAP or SMTP outage is logged once when it starts and once when it ends; cycles are retried
//   with exponential backoff (the poll interval doubled per failure, at most 10 times it).
// - systemd: READY=1 after the first cycle is scheduled, RELOADING=1/READY=1 around reloads,
//   STOPPING=1, STATUS= after each cycle, WATCHDOG=1 while cycles make progress.
// - One process per store: a second `run` on the same store exits 1 at once.
#include <filesystem>

namespace appeald::daemon {

enum class RunMode { forever, once };

// Returns the process exit code: 0 after a clean stop (or a complete --once cycle), 1 when the
// setup cannot be loaded or a --once cycle could not complete (IMAP, SMTP or store failure).
int run_service(const std::filesystem::path& config_path, RunMode mode);

} // namespace appeald::daemon
