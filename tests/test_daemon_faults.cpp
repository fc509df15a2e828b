// The daemon under injected faults, against a real Dovecot and a real SMTP sink: the SMTP server
// down for a cycle, the IMAP server stopped under a running daemon, the process SIGKILLed at
// random points of its cycles, the mailbox recreated with a new UIDVALIDITY, a vacation responder
// answering every reply, and the service's signals (SIGHUP reload, SIGTERM stop, sd_notify).
#include "parsers/mailbox_reader.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/outbox_repository.hpp"
#include "tests/support/daemon_harness.hpp"
#include "tests/support/fault_fixtures.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace {

using appeald::test::DaemonHarness;
using appeald::test::header_of;
using namespace std::chrono_literals;

appeald::test::HarnessOptions fault_options(int budget = 3) {
  appeald::test::HarnessOptions o;
  o.cases_jsonl = appeald::test::fault_cases;
  o.max_auto_replies_per_case = budget;
  return o;
}

template <typename Pred> bool eventually(Pred pred, std::chrono::milliseconds timeout = 20s) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) {
      return true;
    }
    std::this_thread::sleep_for(50ms);
  }
  return pred();
}

int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

} // namespace

TEST_CASE("with SMTP down for a cycle, replies stay queued and go out exactly once when it "
          "returns") {
  DaemonHarness h(fault_options());
  for (int i = 0; i < 4; ++i) {
    h.deliver(appeald::test::short_appeal(i, i % 2 == 1));
  }
  h.smtp().stop();
  std::string out;
  CHECK(h.run_once(&out) == 1); // the cycle could not complete its outbox
  CHECK(out.find("SMTP") != std::string::npos);
  CHECK(h.imap().count("INBOX") == 0); // taken and filed all the same
  {
    auto db = appeald::store::Database::open(h.store_path());
    REQUIRE(db);
    CHECK(appeald::store::outbox_counts(*db)["queued"] == 4);
  }
  h.smtp().start();
  CHECK(h.run_once() == 0);
  CHECK(h.smtp().messages().size() == 4);
  CHECK(h.run_once() == 0);
  CHECK(h.smtp().messages().size() == 4);
  int sent = 0;
  int failed = 0;
  for (const auto& e : h.audit()) {
    sent += e["event"] == "reply_sent" ? 1 : 0;
    failed += e["event"] == "send_failed" ? 1 : 0;
  }
  CHECK(sent == 4);
  CHECK(failed >= 1);
}

TEST_CASE("a permanent SMTP refusal is recorded and audited, never retried") {
  DaemonHarness h(fault_options());
  h.deliver(appeald::test::short_appeal(1));
  h.smtp().set_mode(appeald::test::SmtpSink::Mode::permfail);
  CHECK(h.run_once() == 0);
  h.smtp().set_mode(appeald::test::SmtpSink::Mode::accept);
  CHECK(h.run_once() == 0);
  CHECK(h.smtp().messages().empty());
  auto db = appeald::store::Database::open(h.store_path());
  REQUIRE(db);
  CHECK(appeald::store::outbox_counts(*db)["failed"] == 1);
  bool audited = false;
  for (const auto& e : h.audit()) {
    audited = audited || (e["event"] == "send_failed" &&
                          e["reason"].get<std::string>().find("550") != std::string::npos);
  }
  CHECK(audited);
}

TEST_CASE("a running daemon survives the IMAP server stopping, logs the outage once, and catches "
          "up") {
  DaemonHarness h(fault_options());
  auto daemon = h.start_daemon();
  h.deliver(appeald::test::short_appeal(1));
  REQUIRE(eventually([&] { return h.smtp().messages().size() == 1; }));

  h.imap().stop();
  std::this_thread::sleep_for(4s); // several poll intervals of failures, with backoff
  REQUIRE(daemon.running());
  h.imap().start();
  h.deliver(appeald::test::short_appeal(2, true));
  REQUIRE(eventually([&] { return h.smtp().messages().size() == 2; }, 40s));
  CHECK(h.imap().count("INBOX") == 0);

  const int status = daemon.stop();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const std::string log = h.daemon_log();
  CAPTURE(log);
  // The deliberate outage comes after the first cycle that took the first appeal. On a loaded
  // machine a cycle before it can fail on its own (once, in ctest -j2 beside two builds, the
  // first CREATE of a folder did), and that is logged as an outage of its own, as it should be;
  // this test is about the one it caused.
  const std::size_t first_cycle = log.find("cycle: ");
  REQUIRE(first_cycle != std::string::npos);
  const std::string after_first_cycle = log.substr(first_cycle);
  CHECK(count_of(after_first_cycle, "IMAP server unavailable") == 1);
  CHECK(count_of(after_first_cycle, "IMAP server reachable again") == 1);
  // Whatever happened before, each outage is logged once and its end once.
  CHECK(count_of(log, "IMAP server unavailable") == count_of(log, "IMAP server reachable again"));
}

TEST_CASE("SIGKILL at random points of many cycles loses nothing and duplicates at most the "
          "documented reply") {
  appeald::test::HarnessOptions o;
  o.cases_jsonl = appeald::test::read_file(appeald::test::data_dir() / "eval/cases.jsonl");
  o.max_auto_replies_per_case = 100;
  DaemonHarness h(o);

  std::vector<std::string> raws;
  {
    auto reader = appeald::parsers::open_mailbox(
        (appeald::test::data_dir() / "eval/mailbox.mbox").string(), 1 << 24);
    REQUIRE(reader);
    while (auto raw = (*reader)->next()) {
      raws.push_back(raw->bytes);
    }
  }
  REQUIRE(raws.size() == 60);

  std::mt19937 rng(20261126);
  std::uniform_int_distribution<int> delay_ms(0, 200);
  std::size_t next = 0;
  int iterations = 0;
  int killed = 0;
  while (next < raws.size() || iterations < 50) {
    for (int k = 0; k < 3 && next < raws.size(); ++k) {
      h.deliver(raws[next++]);
    }
    appeald::test::ChildProcess run(
        {APPEALD_BINARY, "run", "--config", h.config_path().string(), "--once"},
        h.dir() / "kill.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    if (run.running()) {
      run.signal(SIGKILL);
      ++killed;
    }
    run.wait(10s);
    ++iterations;
  }
  std::string out;
  REQUIRE_MESSAGE(h.run_once(&out) == 0, out);

  CHECK(h.imap().count("INBOX") == 0);
  const auto counts = h.folder_counts();
  std::size_t filed = 0;
  for (const auto& [folder, n] : counts) {
    filed += n;
  }
  CHECK(filed == 60); // nothing lost, nothing filed twice
  auto db = appeald::store::Database::open(h.store_path());
  REQUIRE(db);
  CHECK(appeald::store::count_messages(*db) == 60);
  const auto outbox = appeald::store::outbox_counts(*db);
  CHECK((outbox.contains("queued") ? outbox.at("queued") : 0) == 0);

  std::map<std::string, int> copies;
  for (const auto& m : h.smtp().messages()) {
    ++copies[header_of(m.data, "Message-ID")];
  }
  // The documented window: a crash between the server's acceptance and the commit sends that
  // reply once more, so each crash adds at most one copy (the same reply can be caught by
  // several crashes, each time it is the one in flight).
  int duplicates = 0;
  for (const auto& [id, n] : copies) {
    duplicates += n - 1;
  }
  CHECK(duplicates <= killed);
  CHECK(copies.size() == static_cast<std::size_t>(outbox.at("sent")));
  MESSAGE("SIGKILL iterations: " << iterations << ", killed mid-run: " << killed << ", replies: "
                                 << copies.size() << ", duplicates: " << duplicates);
}

TEST_CASE("a mailbox recreated with a new UIDVALIDITY is not processed again") {
  DaemonHarness h(fault_options());
  for (int i = 0; i < 3; ++i) {
    h.deliver(appeald::test::short_appeal(i));
  }
  REQUIRE(h.run_once() == 0);
  REQUIRE(h.smtp().messages().size() == 3);
  const std::uint32_t before = h.imap().uidvalidity("INBOX");
  // The same messages come back (a restore, or a server migration) under a new UIDVALIDITY.
  for (const std::string& raw : h.imap().messages("Appeals/Processed")) {
    h.deliver(raw);
  }
  h.imap().recreate_mailbox_same_messages("INBOX");
  REQUIRE(h.imap().uidvalidity("INBOX") != before);
  REQUIRE(h.imap().count("INBOX") == 3);

  REQUIRE(h.run_once() == 0);
  CHECK(h.smtp().messages().size() == 3);
  CHECK(h.imap().count("INBOX") == 0);
  auto db = appeald::store::Database::open(h.store_path());
  REQUIRE(db);
  CHECK(appeald::store::count_messages(*db) == 3);
}

TEST_CASE("a vacation responder that answers every reply is stopped by the reply budget") {
  appeald::test::HarnessOptions o = fault_options(3);
  o.imaps = true; // this suite's TLS path: verified against the fixture's own CA
  DaemonHarness h(o);
  h.deliver(appeald::test::short_appeal(1));
  REQUIRE(h.run_once() == 0);
  for (int round = 0; round < 8; ++round) {
    const auto sent = h.smtp().messages();
    REQUIRE(!sent.empty());
    const std::string& last = sent.back().data;
    h.deliver(appeald::test::responder_answer(round, header_of(last, "Message-ID"),
                                              header_of(last, "Subject")));
    REQUIRE(h.run_once() == 0);
  }
  CHECK(h.smtp().messages().size() == 3);
  CHECK(h.imap().count("Appeals/Triage") >= 6);
  int limited = 0;
  for (const auto& e : h.audit()) {
    limited += e["event"] == "reply_limited" ? 1 : 0;
  }
  CHECK(limited >= 6);
}

namespace {

// A datagram socket standing in for systemd's notify socket.
class NotifySocket {
public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{0, 200000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  // Reads datagrams until one of them (or an earlier one) holds `text`, up to `timeout`.
  bool saw(std::string_view text, std::chrono::milliseconds timeout = 20s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    char buf[4096];
    while (seen_.find(text) == std::string::npos && std::chrono::steady_clock::now() < until) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) {
        seen_.append(buf, static_cast<std::size_t>(n)).push_back('\n');
      }
    }
    return seen_.find(text) != std::string::npos;
  }

private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::string seen_;
};

} // namespace

TEST_CASE("SIGHUP reloads (a bad config is rejected and the old one kept) and reopens the audit "
          "log, SIGTERM stops cleanly, and systemd is told each step") {
  DaemonHarness h(fault_options());
  NotifySocket notify(h.dir() / "notify.sock");
  appeald::test::ChildProcess daemon({APPEALD_BINARY, "run", "--config", h.config_path().string()},
                                     h.dir() / "daemon.log",
                                     {"NOTIFY_SOCKET=" + (h.dir() / "notify.sock").string()});
  CHECK(notify.saw("READY=1"));

  // A broken config: rejected, the daemon keeps working with the old one.
  const std::string good = appeald::test::read_file(h.config_path());
  { std::ofstream(h.config_path(), std::ios::trunc) << good << "\n[imap\nbroken = \n"; }
  daemon.signal(SIGHUP);
  CHECK(eventually([&] { return h.daemon_log().find("reload rejected") != std::string::npos; }));
  REQUIRE(daemon.running());
  h.deliver(appeald::test::short_appeal(1));
  CHECK(eventually([&] { return h.smtp().messages().size() == 1; }));

  // A good config, and the audit log rotated away as logrotate would: both taken.
  { std::ofstream(h.config_path(), std::ios::trunc) << good; }
  std::filesystem::rename(h.audit_path(), h.audit_path().string() + ".1");
  daemon.signal(SIGHUP);
  CHECK(eventually([&] { return h.daemon_log().find("reloaded") != std::string::npos; }));
  h.deliver(appeald::test::short_appeal(2, true));
  CHECK(eventually([&] { return h.smtp().messages().size() == 2; }));
  CHECK(eventually([&] {
    return std::filesystem::exists(h.audit_path()) &&
           appeald::test::read_file(h.audit_path()).find("reply_sent") != std::string::npos;
  }));
  CHECK(notify.saw("RELOADING=1"));
  CHECK(notify.saw("STATUS=last cycle"));

  daemon.signal(SIGTERM);
  const auto status = daemon.wait(10s);
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
  CHECK(notify.saw("STOPPING=1", 1s));
}
