#include "daemon/audit_log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace appeald::daemon {

namespace {

constexpr mode_t audit_file_mode = 0640;
constexpr std::array<std::string_view, 7> contract_fields = {
    "ts", "event", "case", "message_id", "action", "reason", "actor"};

// Creates the file with audit_file_mode when missing; spdlog's sink then opens it for append.
std::expected<void, std::string> create_file(const std::filesystem::path& path) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, audit_file_mode);
  if (fd < 0) {
    return std::unexpected(path.string() + ": cannot open: " + std::strerror(errno));
  }
  ::close(fd);
  return {};
}

} // namespace

std::expected<AuditLog, std::string> AuditLog::open(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return std::unexpected(path.string() + ": cannot open: " + ec.message());
    }
  }
  if (auto created = create_file(path); !created) {
    return std::unexpected(created.error());
  }
  try {
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path.string(), false);
    auto logger = std::make_shared<spdlog::logger>("audit", std::move(sink));
    logger->set_pattern("%v");
    logger->set_level(spdlog::level::trace);
    logger->flush_on(spdlog::level::trace);
    const std::string shown = path.string();
    logger->set_error_handler(
        [shown](const std::string& msg) { spdlog::error("audit log {}: {}", shown, msg); });
    return AuditLog(path, std::move(logger));
  } catch (const std::exception& err) {
    return std::unexpected(path.string() + ": cannot open: " + err.what());
  }
}

AuditLog::AuditLog(std::filesystem::path path, std::shared_ptr<spdlog::logger> logger)
    : path_(std::move(path)), logger_(std::move(logger)) {}
AuditLog::AuditLog(AuditLog&&) noexcept = default;
AuditLog& AuditLog::operator=(AuditLog&&) noexcept = default;
AuditLog::~AuditLog() = default;

void AuditLog::write(const store::AuditEvent& e) noexcept {
  if (!logger_) {
    return;
  }
  try {
    const std::string line = audit_line(e);
    logger_->log(spdlog::source_loc{}, spdlog::level::info, spdlog::string_view_t(line));
  } catch (const std::exception& err) {
    // Why: the event is already durable in the store; losing the file line must not stop a cycle.
    try {
      spdlog::error("audit log {}: {}", path_.string(), err.what());
    } catch (...) {
    }
  }
}

void AuditLog::flush() noexcept {
  if (!logger_) {
    return;
  }
  try {
    logger_->flush();
  } catch (...) {
  }
}

std::string audit_timestamp(std::int64_t ts_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> when{milliseconds{ts_ms}};
  const sys_days day = floor<days>(when);
  const year_month_day ymd{day};
  const hh_mm_ss hms{when - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string audit_line(const store::AuditEvent& e) {
  nlohmann::ordered_json j;
  j["ts"] = audit_timestamp(e.ts_ms);
  j["event"] = e.event;
  const std::pair<const char*, const std::string*> optional[] = {{"case", &e.case_id},
                                                                 {"message_id", &e.message_id},
                                                                 {"action", &e.action},
                                                                 {"reason", &e.reason}};
  for (const auto& [name, value] : optional) {
    if (!value->empty()) {
      j[name] = *value;
    }
  }
  j["actor"] = e.actor;
  for (const auto& [name, value] : e.extra) {
    bool taken = j.contains(name);
    for (std::string_view field : contract_fields) {
      taken = taken || field == name;
    }
    if (!taken) {
      j[name] = value;
    }
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::vector<nlohmann::json> read_audit_log(const std::filesystem::path& path) {
  std::vector<nlohmann::json> events;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return events;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string text = bytes.str();
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos;
       start = end + 1, end = text.find('\n', start)) {
    const std::string_view line(text.data() + start, end - start);
    nlohmann::json value = nlohmann::json::parse(line, nullptr, false);
    if (value.is_object()) {
      events.push_back(std::move(value));
    }
  }
  return events;
}

} // namespace appeald::daemon
