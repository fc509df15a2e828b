// Secrets stay secret end to end: `appeald run --once` against servers that are not there, with
// password files holding a unique marker and the most verbose logging, never writes the marker
// to stderr, the audit log or the store; the files it creates have their private modes; and a
// password file others can read stops the daemon before it connects anywhere.
#include "test_support.hpp"
#include "tests/support/child_process.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using appeald::test::run_command;

namespace {

// Unique to this test: found nowhere unless a password leaked.
constexpr std::string_view marker = "pw-MARKER-7f3c91d2e0b84a56";

void write_file(const fs::path& path, std::string_view text, fs::perms perms) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  fs::permissions(path, perms);
}

// A config whose servers are loopback ports nobody listens on (free a moment ago).
fs::path write_config(const fs::path& dir, fs::perms password_perms) {
  fs::remove_all(dir);
  write_file(dir / "imap.password", std::string(marker) + "-imap\n", password_perms);
  write_file(dir / "smtp.password", std::string(marker) + "-smtp\n", password_perms);
  write_file(dir / "notice.key", "hygiene-notice-key-0123456789abcdef\n", fs::perms(0600));
  const int imap_port = appeald::test::free_loopback_port();
  const int smtp_port = appeald::test::free_loopback_port();
  const std::string config =
      "[imap]\nurl = \"imap://127.0.0.1:" + std::to_string(imap_port) +
      "/INBOX\"\nuser = \"enforcement\"\npassword_file = \"imap.password\"\n"
      "connect_timeout_seconds = 2\n"
      "[smtp]\nurl = \"smtp://127.0.0.1:" +
      std::to_string(smtp_port) +
      "\"\nuser = \"enforcement\"\npassword_file = \"smtp.password\"\n"
      "from = \"Enforcement Team <enforcement@appeals.test>\"\nconnect_timeout_seconds = 2\n"
      "[store]\npath = \"state/appeald.db\"\n[audit]\npath = \"log/audit.jsonl\"\n"
      "[policy]\nnotice_key_file = \"notice.key\"\n";
  write_file(dir / "appeald.toml", config, fs::perms(0644));
  return dir / "appeald.toml";
}

int run_appeald(const fs::path& config, std::vector<std::string> args, std::string* output) {
  std::vector<std::string> argv = {APPEALD_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--config", config.string()});
  return run_command(argv, output, {"APPEALD_LOG_LEVEL=trace"});
}

// Every byte of every file under `dir` except the password files themselves.
std::string everything_written(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && !name.ends_with(".password")) {
      all += appeald::test::read_file(entry.path());
    }
  }
  return all;
}

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

} // namespace

TEST_CASE("passwords never reach stderr, the audit log or the store, even at trace level") {
  const fs::path dir = fs::absolute("hygiene");
  const fs::path config = write_config(dir, fs::perms(0600));
  std::string output;
  // A notice in the outbox, so that the run tries SMTP (with the password) as well as IMAP.
  REQUIRE(run_appeald(config,
                      {"notice", "send", "--case", "C-77", "--account", "123456789012", "--address",
                       "ops@customer.example", "--issue", "bounce", "--kind", "probation"},
                      &output) == 0);
  std::string run_output;
  const int status = run_appeald(config, {"run", "--once"}, &run_output);
  CAPTURE(run_output);
  CHECK(status != 2); // not a usage error: the run really tried the servers
  output += run_output;
  CHECK(run_output.find("127.0.0.1") != std::string::npos); // it reports what it tried

  CHECK(output.find(marker) == std::string::npos);
  const fs::path audit = dir / "log" / "audit.jsonl";
  REQUIRE(fs::exists(audit));
  const std::string audit_text = appeald::test::read_file(audit);
  CHECK(audit_text.find("notice_queued") != std::string::npos);
  CHECK(audit_text.find(marker) == std::string::npos);
  CHECK(everything_written(dir).find(marker) == std::string::npos);

  // The files the run created are private: the store (mail) owner-only, the audit log 0640.
  CHECK(mode_of(dir / "state" / "appeald.db") == 0600);
  CHECK(mode_of(audit) == 0640);
}

TEST_CASE("a password file group or others can read stops the run before any connection") {
  struct Row {
    std::string what;
    fs::perms perms;
  };
  const Row rows[] = {{"0644", fs::perms(0644)}, {"0640", fs::perms(0640)}};
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const fs::path dir = fs::absolute("hygiene-" + row.what);
    const fs::path config = write_config(dir, row.perms);
    std::string output;
    CHECK(run_appeald(config, {"run", "--once"}, &output) == 1);
    CAPTURE(output);
    CHECK(output.find((dir / "imap.password").string() +
                      ": readable by group or others: chmod 600 it") != std::string::npos);
    CHECK(output.find(marker) == std::string::npos);
    CHECK(output.find("127.0.0.1") == std::string::npos);
  }
}
