// logging: level names, the syslog priorities journald reads, and when the journal style applies
// (only when stderr really is $JOURNAL_STREAM). The lines themselves are checked by running this
// test binary's own stderr into a file.
#include "daemon/logging.hpp"

#include <doctest/doctest.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace appeald;
using spdlog::level::level_enum;

namespace {

// Sends this process's stderr to `path` for one scope.
class StderrToFile {
public:
  explicit StderrToFile(const char* path) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ~StderrToFile() {
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
  }
  StderrToFile(const StderrToFile&) = delete;
  StderrToFile& operator=(const StderrToFile&) = delete;

private:
  int saved_ = -1;
};

std::string journal_stream_of_stderr() {
  struct stat st {};
  ::fstat(2, &st);
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

std::string slurp(const char* path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("level names") {
  struct Row {
    std::string name;
    std::optional<level_enum> expected;
  };
  const Row rows[] = {
      {"trace", level_enum::trace}, {"debug", level_enum::debug},
      {"info", level_enum::info},   {"INFO", level_enum::info},
      {"warn", level_enum::warn},   {"warning", level_enum::warn},
      {"error", level_enum::err},   {"critical", level_enum::critical},
      {"off", level_enum::off},     {"verbose", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(daemon::parse_log_level(row.name) == row.expected);
  }
}

TEST_CASE("syslog priorities for journald") {
  const std::pair<level_enum, int> rows[] = {{level_enum::trace, 7}, {level_enum::debug, 7},
                                             {level_enum::info, 6},  {level_enum::warn, 4},
                                             {level_enum::err, 3},   {level_enum::critical, 2}};
  for (const auto& [level, priority] : rows) {
    CAPTURE(static_cast<int>(level));
    CHECK(daemon::syslog_priority(level) == priority);
  }
}

TEST_CASE("the journal style applies only when stderr is JOURNAL_STREAM") {
  ::unsetenv("JOURNAL_STREAM");
  CHECK(daemon::detect_log_style() == daemon::LogStyle::plain);
  ::setenv("JOURNAL_STREAM", journal_stream_of_stderr().c_str(), 1);
  CHECK(daemon::detect_log_style() == daemon::LogStyle::journal);
  ::setenv("JOURNAL_STREAM", "1:1", 1);
  CHECK(daemon::detect_log_style() == daemon::LogStyle::plain);
  ::setenv("JOURNAL_STREAM", "garbage", 1);
  CHECK(daemon::detect_log_style() == daemon::LogStyle::plain);
  ::unsetenv("JOURNAL_STREAM");
}

TEST_CASE("operational lines: plain and journal styles, level from APPEALD_LOG_LEVEL") {
  ::unsetenv("APPEALD_LOG_LEVEL");
  {
    StderrToFile redirect("plain.log");
    ::unsetenv("JOURNAL_STREAM");
    daemon::init_operational_logging("info");
    spdlog::debug("hidden");
    spdlog::info("started {}", 1);
    spdlog::warn("careful");
  }
  const std::string plain = slurp("plain.log");
  CAPTURE(plain);
  CHECK(std::regex_match(plain, std::regex("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} "
                                           "info started 1\n"
                                           "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} "
                                           "warning careful\n")));
  {
    StderrToFile redirect("journal.log");
    ::setenv("JOURNAL_STREAM", journal_stream_of_stderr().c_str(), 1);
    ::setenv("APPEALD_LOG_LEVEL", "debug", 1);
    daemon::init_operational_logging("error");
    spdlog::trace("hidden");
    spdlog::debug("shown");
    spdlog::info("started");
    spdlog::error("failed");
    spdlog::critical("fatal");
  }
  CHECK(slurp("journal.log") == "<7>shown\n<6>started\n<3>failed\n<2>fatal\n");
  {
    StderrToFile redirect("unknown.log");
    ::unsetenv("JOURNAL_STREAM");
    ::setenv("APPEALD_LOG_LEVEL", "chatty", 1);
    daemon::init_operational_logging("error");
    spdlog::info("info still shown");
  }
  const std::string unknown = slurp("unknown.log");
  CHECK(unknown.find("warning unknown log level \"chatty\"; using info") != std::string::npos);
  CHECK(unknown.find("info info still shown") != std::string::npos);
  ::unsetenv("APPEALD_LOG_LEVEL");
  ::unsetenv("JOURNAL_STREAM");
}
