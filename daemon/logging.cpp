#include "daemon/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>

namespace appeald::daemon {

namespace {

// The "%*" flag: "<N>" with N the line's syslog priority.
class SyslogPriorityFlag final : public spdlog::custom_flag_formatter {
public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string prefix = "<" + std::to_string(syslog_priority(msg.level)) + ">";
    dest.append(prefix.data(), prefix.data() + prefix.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SyslogPriorityFlag>();
  }
};

} // namespace

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  using spdlog::level::level_enum;
  static constexpr std::pair<std::string_view, level_enum> names[] = {
      {"trace", level_enum::trace},       {"debug", level_enum::debug},  {"info", level_enum::info},
      {"warn", level_enum::warn},         {"warning", level_enum::warn}, {"error", level_enum::err},
      {"critical", level_enum::critical}, {"off", level_enum::off}};
  for (const auto& [text, level] : names) {
    if (text == lower) {
      return level;
    }
  }
  return std::nullopt;
}

LogStyle detect_log_style() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) {
    return LogStyle::plain;
  }
  unsigned long long device = 0;
  unsigned long long inode = 0;
  if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) {
    return LogStyle::plain;
  }
  struct stat st {};
  if (::fstat(2, &st) != 0) {
    return LogStyle::plain;
  }
  return st.st_dev == device && st.st_ino == inode ? LogStyle::journal : LogStyle::plain;
}

int syslog_priority(spdlog::level::level_enum level) {
  switch (level) {
  case spdlog::level::trace:
  case spdlog::level::debug:
    return 7;
  case spdlog::level::info:
    return 6;
  case spdlog::level::warn:
    return 4;
  case spdlog::level::err:
    return 3;
  case spdlog::level::critical:
    return 2;
  default:
    return 6;
  }
}

void init_operational_logging(std::string_view level) {
  std::string wanted(level);
  if (const char* env = std::getenv("APPEALD_LOG_LEVEL"); env != nullptr && *env != '\0') {
    wanted = env;
  }
  const auto parsed = parse_log_level(wanted);

  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (detect_log_style() == LogStyle::journal) {
    // Why no timestamp: journald stamps every entry itself.
    formatter->add_flag<SyslogPriorityFlag>('*').set_pattern("%*%v");
  } else {
    formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
  }
  sink->set_formatter(std::move(formatter));
  auto logger = std::make_shared<spdlog::logger>("appeald", std::move(sink));
  logger->set_level(parsed.value_or(spdlog::level::info));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
  if (!parsed) {
    spdlog::warn("unknown log level \"{}\"; using info", wanted);
  }
}

} // namespace appeald::daemon
