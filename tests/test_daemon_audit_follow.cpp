// `appeald audit --follow` as a running process: every line appended to the log is printed
// exactly once and in order, through a partial line written in two halves, a rotation (the file
// renamed away, with a last line written to it, and a new one created) and a truncation; a log
// that does not exist yet is waited for; SIGTERM and SIGINT end it with exit 0.
#include "daemon/audit_log.hpp"
#include "tests/support/child_process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Generous: the binary runs under ASan on a shared machine.
constexpr auto output_timeout = 20s;

void write(const fs::path& path, const std::string& text, std::ios::openmode mode) {
  std::ofstream out(path, std::ios::binary | mode);
  out << text;
}

// The event lines printed so far (warnings and notes left out).
std::vector<std::string> printed(const fs::path& output) {
  std::ifstream in(output, std::ios::binary);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("appeald audit: ")) {
      out.push_back(line);
    }
  }
  return out;
}

// Waits until `count` event lines were printed (or the timeout); returns them.
std::vector<std::string> wait_for_lines(const fs::path& output, std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + output_timeout;
  std::vector<std::string> lines = printed(output);
  while (lines.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    lines = printed(output);
  }
  return lines;
}

std::string event_line(int n, const std::string& event) {
  store::AuditEvent e;
  e.ts_ms = 1795698000000 + n; // 2026-11-26T13:00:00Z on
  e.event = event;
  e.case_id = "C-" + std::to_string(1000 + n);
  e.reason = "event number " + std::to_string(n);
  return daemon::audit_line(e);
}

struct Scratch {
  fs::path dir;
  fs::path config;
  fs::path log;
  fs::path output;

  explicit Scratch(const std::string& name) : dir(fs::absolute(name)) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    config = dir / "c.toml";
    log = dir / "audit.jsonl";
    output = dir / "output.txt";
    write(config, "[audit]\npath = \"audit.jsonl\"\n", std::ios::trunc);
  }
  test::ChildProcess follow(const std::vector<std::string>& extra) const {
    std::vector<std::string> argv = {APPEALD_BINARY,  "audit",  "--config",
                                     config.string(), "--json", "--follow"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return test::ChildProcess(argv, output);
  }
};

} // namespace

TEST_CASE("--follow prints each appended line once, across a partial line, rotation and "
          "truncation, and exits 0 on SIGTERM") {
  const Scratch s("follow");
  std::vector<std::string> expected;
  auto add = [&](int n, const std::string& event = "received") {
    expected.push_back(event_line(n, event));
    return expected.back() + "\n";
  };
  // `add` records a line as expected; statements keep the order (operands of + are unsequenced).
  std::string text = add(1);
  text += add(2);
  text += event_line(3, "ignored") + "\n"; // filtered out
  write(s.log, text, std::ios::trunc);
  test::ChildProcess child = s.follow({"--event", "received,reply_sent"});
  CHECK(wait_for_lines(s.output, expected.size()) == expected);

  // Appended lines, then a line written in two halves: nothing of it before its newline.
  text = add(4);
  text += add(5, "reply_sent");
  write(s.log, text, std::ios::app);
  const std::string six = add(6);
  write(s.log, six.substr(0, 20), std::ios::app);
  CHECK(wait_for_lines(s.output, expected.size() - 1) ==
        std::vector<std::string>(expected.begin(), expected.end() - 1));
  std::this_thread::sleep_for(3 * 200ms); // several polls see the half line
  CHECK(printed(s.output).size() == expected.size() - 1);
  write(s.log, six.substr(20), std::ios::app);
  CHECK(wait_for_lines(s.output, expected.size()) == expected);

  // Rotation: one more line to the old file, renamed away at once, a new file with new lines.
  write(s.log, add(7), std::ios::app);
  fs::rename(s.log, s.dir / "audit.jsonl.1");
  text = add(8);
  text += event_line(9, "ignored") + "\n";
  text += add(10);
  write(s.log, text, std::ios::trunc);
  CHECK(wait_for_lines(s.output, expected.size()) == expected);
  write(s.dir / "audit.jsonl.1", event_line(11, "received") + "\n", std::ios::app); // not followed
  write(s.log, add(12), std::ios::app);
  CHECK(wait_for_lines(s.output, expected.size()) == expected);

  // Truncation, then a line shorter than what the file held.
  write(s.log, add(13), std::ios::trunc);
  CHECK(wait_for_lines(s.output, expected.size()) == expected);
  write(s.log, add(14), std::ios::app);
  CHECK(wait_for_lines(s.output, expected.size()) == expected);

  child.signal(SIGTERM);
  const std::optional<int> status = child.wait(10s);
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  CHECK(printed(s.output) == expected); // every line exactly once, nothing after
}

TEST_CASE("--follow waits for a log that does not exist yet, and exits 0 on SIGINT") {
  const Scratch s("follow-missing");
  test::ChildProcess child = s.follow({});
  const std::string line = event_line(1, "notice_sent");
  std::this_thread::sleep_for(500ms);
  CHECK(child.running());
  write(s.log, line + "\n", std::ios::trunc);
  CHECK(wait_for_lines(s.output, 1) == std::vector<std::string>{line});

  child.signal(SIGINT);
  const std::optional<int> status = child.wait(10s);
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  std::ifstream in(s.output);
  std::string first;
  std::getline(in, first);
  CHECK(first == "appeald audit: no audit log yet at " + s.log.string() + ", waiting for it");
}
