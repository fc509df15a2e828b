#pragma once
// The audit log file (contract: "Audit log"): JSON Lines, append-only, one event per line. The
// store holds the same events; this file is what operators grep and tools parse.
#include "store/audit_event.hpp"

#include <nlohmann/json.hpp>

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace appeald::daemon {

// The audit log file, written through its own spdlog logger (a basic_file_sink_mt, pattern "%v",
// flushed after every event). The logger is not registered globally, so audit lines never mix
// with operational logs and operational logging can never write into this file.
class AuditLog {
public:
  // Opens `path` for appending: creates missing parent directories, and the file with mode 0640
  // (before the umask) when it does not exist. Error: "PATH: cannot open: reason".
  static std::expected<AuditLog, std::string> open(const std::filesystem::path& path);

  AuditLog(AuditLog&&) noexcept;
  AuditLog& operator=(AuditLog&&) noexcept;
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;
  ~AuditLog();

  // Appends audit_line(e) and a newline, then flushes. Throws nothing: a failed write is reported
  // on the operational log (the store still holds the event). A moved-from log writes nothing.
  void write(const store::AuditEvent& e) noexcept;
  void flush() noexcept;
  const std::filesystem::path& path() const { return path_; }

private:
  AuditLog(std::filesystem::path path, std::shared_ptr<spdlog::logger> logger);
  std::filesystem::path path_;
  std::shared_ptr<spdlog::logger> logger_;
};

// `ts_ms` (UTC milliseconds since the epoch) as RFC 3339 UTC with milliseconds:
// "2026-11-26T13:00:00.123Z".
std::string audit_timestamp(std::int64_t ts_ms);

// The JSON line for `e`, without the newline: {"ts":...,"event":..., then "case", "message_id",
// "action", "reason" only when non-empty, "actor", then the extra fields in their order}. An extra
// field named like one of those is skipped (it would hide the real one). Control characters are
// escaped (so a line is always one line), non-ASCII stays UTF-8, invalid UTF-8 becomes U+FFFD.
std::string audit_line(const store::AuditEvent& e);

// Reads an audit log back (tests, `appeald audit`): one object per complete line, in file order.
// A torn last line (no newline: a write cut short by a crash) is skipped, and so are blank lines
// and lines that are not a JSON object. A missing file gives an empty list.
std::vector<nlohmann::json> read_audit_log(const std::filesystem::path& path);

} // namespace appeald::daemon
