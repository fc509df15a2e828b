// audit_log: each event becomes exactly one JSON line in the contract's field order, optional
// fields are left out when empty, nothing in a field can break a line, the file is appended to
// across reopenings, and reading it back skips a torn last line.
#include "daemon/audit_log.hpp"

#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

// 2026-11-26T13:00:00.123Z
constexpr std::int64_t ts = 1795698000123;

store::AuditEvent event(std::string name, std::string case_id = "", std::string message_id = "",
                        std::string action = "", std::string reason = "") {
  store::AuditEvent e;
  e.ts_ms = ts;
  e.event = std::move(name);
  e.case_id = std::move(case_id);
  e.message_id = std::move(message_id);
  e.action = std::move(action);
  e.reason = std::move(reason);
  return e;
}

} // namespace

TEST_CASE("audit_timestamp is RFC 3339 UTC with milliseconds") {
  struct Row {
    std::string what;
    std::int64_t ts_ms;
    std::string expected;
  };
  const Row rows[] = {
      {"epoch", 0, "1970-01-01T00:00:00.000Z"},
      {"example", ts, "2026-11-26T13:00:00.123Z"},
      {"leap day, last ms", 1709251199999, "2024-02-29T23:59:59.999Z"},
      {"before the epoch", -1, "1969-12-31T23:59:59.999Z"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CHECK(daemon::audit_timestamp(row.ts_ms) == row.expected);
  }
}

TEST_CASE("events become exact JSON lines") {
  store::AuditEvent with_extra = event("send_failed", "C-1", "<r-1@x>", "", "smtp: timeout");
  with_extra.extra = {{"folder", "INBOX"}, {"uid", "42"}, {"attempt", "3"}};
  store::AuditEvent reviewer = event("decided", "C-2", "", "review", "accepted");
  reviewer.actor = "alice";
  store::AuditEvent shadowing = event("queued", "C-3");
  shadowing.extra = {
      {"event", "forged"}, {"case", "C-9"}, {"ts", "x"}, {"folder", "F"}, {"folder", "again"}};

  struct Row {
    std::string what;
    store::AuditEvent e;
    std::string expected;
  };
  const Row rows[] = {
      {"only the required fields", event("deadline_passed"),
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"deadline_passed","actor":"appeald"})"},
      {"every contract field, in order",
       event("assessed", "C-1001", "<m-1@example.com>", "request_info", "missing: prevention"),
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"assessed","case":"C-1001",)"
       R"("message_id":"<m-1@example.com>","action":"request_info",)"
       R"("reason":"missing: prevention","actor":"appeald"})"},
      {"empty case and action left out", event("received", "", "<m-2@x>"),
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"received","message_id":"<m-2@x>",)"
       R"("actor":"appeald"})"},
      {"extra fields after actor, in their order", with_extra,
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"send_failed","case":"C-1",)"
       R"("message_id":"<r-1@x>","reason":"smtp: timeout","actor":"appeald",)"
       R"("folder":"INBOX","uid":"42","attempt":"3"})"},
      {"a reviewer as actor", reviewer,
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"decided","case":"C-2","action":"review",)"
       R"("reason":"accepted","actor":"alice"})"},
      {"extras never hide contract fields or repeat", shadowing,
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"queued","case":"C-3","actor":"appeald",)"
       R"("folder":"F"})"},
      {"CR, LF, tab, quote and backslash escaped",
       event("triaged", "C-4", "", "triage", "line1\r\nline2\t\"quoted\" \\ end"),
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"triaged","case":"C-4","action":"triage",)"
       R"("reason":"line1\r\nline2\t\"quoted\" \\ end","actor":"appeald"})"},
      {"other control characters as \\u escapes",
       event("matched", "", "", "",
             "a\x01"
             "b\x1f"),
       R"({"ts":"2026-11-26T13:00:00.123Z","event":"matched","reason":"a\u0001b\u001f",)"
       R"("actor":"appeald"})"},
      {"UTF-8 kept as is", event("matched", "", "", "", "Grüße, ünïcode ✓"),
       "{\"ts\":\"2026-11-26T13:00:00.123Z\",\"event\":\"matched\","
       "\"reason\":\"Grüße, ünïcode ✓\",\"actor\":\"appeald\"}"},
      {"invalid UTF-8 replaced, no throw", event("received", "", "<\xff\xfe@x>", "", "bad \xc3"),
       "{\"ts\":\"2026-11-26T13:00:00.123Z\",\"event\":\"received\","
       "\"message_id\":\"<\xEF\xBF\xBD\xEF\xBF\xBD@x>\",\"reason\":\"bad \xEF\xBF\xBD\","
       "\"actor\":\"appeald\"}"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    std::string line;
    CHECK_NOTHROW(line = daemon::audit_line(row.e));
    CHECK(line == row.expected);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
  }
}

TEST_CASE("the log file is created 0640 with its directories, and appended across reopenings") {
  ::umask(022);
  const fs::path path = "logs/nested/audit.jsonl";
  fs::remove_all("logs");
  {
    auto log = daemon::AuditLog::open(path);
    REQUIRE_MESSAGE(log.has_value(), log.error());
    log->write(event("received", "", "<a@x>"));
    log->write(event("matched", "C-1", "<a@x>", "", "reason with\nnewline"));
    // Written and flushed at once: visible before the log is closed.
    CHECK(daemon::read_audit_log(path).size() == 2);
  }
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  {
    auto log = daemon::AuditLog::open(path);
    REQUIRE(log.has_value());
    daemon::AuditLog moved = std::move(*log);
    moved.write(event("reply_sent", "C-1", "<r@x>"));
    log->write(event("never-written")); // moved-from: nothing, no crash
    moved.flush();
  }
  const std::string text = test::read_file(path);
  CHECK(std::count(text.begin(), text.end(), '\n') == 3);
  CHECK(text.back() == '\n');
  const auto events = daemon::read_audit_log(path);
  REQUIRE(events.size() == 3);
  CHECK(events[0]["event"] == "received");
  CHECK(events[1]["event"] == "matched");
  CHECK(events[1]["reason"] == "reason with\nnewline");
  CHECK(events[2]["event"] == "reply_sent");
  CHECK(events[2]["ts"] == "2026-11-26T13:00:00.123Z");
}

TEST_CASE("an audit log that cannot be opened is an error naming the path") {
  fs::create_directories("blocked");
  std::ofstream("blocked/file") << "x";
  const auto log = daemon::AuditLog::open("blocked/file/audit.jsonl");
  REQUIRE_FALSE(log.has_value());
  CHECK(log.error().starts_with("blocked/file/audit.jsonl: cannot open: "));
}

TEST_CASE("reading back skips a torn last line, blank lines and non-objects") {
  struct Row {
    std::string what;
    std::string text;
    std::vector<std::string> events;
  };
  const Row rows[] = {
      {"missing file", "", {}},
      {"two whole lines", "{\"event\":\"a\"}\n{\"event\":\"b\"}\n", {"a", "b"}},
      {"torn last line", "{\"event\":\"a\"}\n{\"event\":\"b\"", {"a"}},
      {"torn line that happens to parse", "{\"event\":\"a\"}\n{\"event\":\"b\"}", {"a"}},
      {"blank and junk lines",
       "\n{\"event\":\"a\"}\nnot json\n[1]\n\n{\"event\":\"c\"}\n",
       {"a", "c"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    fs::remove("readback.jsonl");
    if (row.what != "missing file") {
      std::ofstream("readback.jsonl", std::ios::binary) << row.text;
    }
    std::vector<std::string> got;
    for (const auto& e : daemon::read_audit_log("readback.jsonl")) {
      got.push_back(e.value("event", ""));
    }
    CHECK(got == row.events);
  }
}
