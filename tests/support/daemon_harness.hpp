#pragma once
// The whole daemon under test: a private Dovecot and an SMTP sink, a config and a cases file in
// a fresh directory, and `appeald run` started as a real process (APPEALD_BINARY), once or in
// the background. Used by the end-to-end and fault suites.
#include "tests/support/child_process.hpp"
#include "tests/support/dovecot_server.hpp"
#include "tests/support/smtp_sink.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace appeald::test {

// The config names a notice key file (notice.key, 0600) so `appeald notice send` works.
struct HarnessOptions {
  int max_auto_replies_per_case = 3;
  int poll_interval_seconds = 1;
  std::string cases_jsonl; // the notices, imported with `appeald cases import`
  std::string from = "Enforcement Team <enforcement@appeals.test>";
  // imaps:// with the fixture's certificate as ca_file, instead of plain imap:// on loopback.
  bool imaps = false;
};

class DaemonHarness {
public:
  explicit DaemonHarness(HarnessOptions options);
  ~DaemonHarness();

  DovecotServer& imap() { return imap_; }
  SmtpSink& smtp() { return smtp_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path config_path() const { return dir_ / "appeald.toml"; }
  std::filesystem::path store_path() const { return dir_ / "state" / "appeald.db"; }
  std::filesystem::path audit_path() const { return dir_ / "log" / "audit.jsonl"; }

  // Rewrites the config (e.g. to point at a new SMTP port) from the current options.
  void write_config();
  HarnessOptions& options() { return options_; }

  // Delivers every message of an mbox file (or one raw message) to INBOX.
  std::size_t deliver_mbox(const std::filesystem::path& mbox);
  void deliver(std::string_view raw) { imap_.deliver("INBOX", raw); }

  // `appeald run --config ... --once`: the exit code, with its output in `output`.
  int run_once(std::string* output = nullptr);
  // `appeald ARGS... --config <ours>` for the operator commands.
  int appeald(std::vector<std::string> args, std::string* output = nullptr);
  // The daemon in the background, logging to dir()/daemon.log.
  ChildProcess start_daemon();
  std::string daemon_log() const;

  // The audit log as JSON objects.
  std::vector<nlohmann::json> audit() const;
  // Count of messages per folder: INBOX and the three configured folders.
  std::map<std::string, std::size_t> folder_counts();

private:
  HarnessOptions options_;
  std::filesystem::path dir_;
  DovecotServer imap_;
  SmtpSink smtp_;
};

// Header `name` of a raw message (first occurrence, unfolded, without the name), or "".
std::string header_of(std::string_view raw, std::string_view name);

} // namespace appeald::test
