#pragma once
// Operational logging (what the daemon is doing, for journald or a terminal), kept apart from the
// audit log (daemon/audit_log.hpp). Code logs through spdlog's default logger: spdlog::info(...).
#include <spdlog/common.h>

#include <optional>
#include <string_view>

namespace appeald::daemon {

// How operational log lines look on stderr.
enum class LogStyle {
  journal, // "<6>message": a syslog priority prefix journald turns into the entry's level
  plain,   // "2026-11-26 13:00:00.123 info message"
};

// "trace", "debug", "info", "warn" (or "warning"), "error", "critical", "off"; any letter case.
// nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);

// journal when stderr is the stream systemd named in $JOURNAL_STREAM ("DEVICE:INODE", compared
// with fstat(2) as sd-daemon(3) advises, so a redirected stderr gets plain lines), else plain.
LogStyle detect_log_style();

// The syslog priority journald reads from a "<N>" prefix: trace/debug 7, info 6, warn 4,
// error 3, critical 2.
int syslog_priority(spdlog::level::level_enum level);

// Makes spdlog's default logger write to stderr in detect_log_style()'s style at `level`;
// $APPEALD_LOG_LEVEL, when set, overrides `level`. An unknown level name falls back to info and
// logs a warning saying so. Call once at start, before other threads log.
void init_operational_logging(std::string_view level);

} // namespace appeald::daemon
