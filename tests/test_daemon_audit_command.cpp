// `appeald audit`, end to end: the built binary reading an audit log written in a scratch
// directory. Filters pick exactly the events asked for; --json gives the stored lines byte for
// byte; the table keeps its columns; broken lines are skipped with a warning naming the line; a
// missing log is empty, not an error. (--follow: test_daemon_audit_follow.cpp.)
#include "daemon/audit_log.hpp"
#include "tests/support/child_process.hpp"

#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

const std::string warning_prefix = "appeald audit: ";

void write(const fs::path& path, const std::string& text, std::ios::openmode mode) {
  std::ofstream out(path, std::ios::binary | mode);
  out << text;
}

// Output lines that are not warnings: the events (and the table header).
std::vector<std::string> stdout_lines(const std::string& text) {
  std::vector<std::string> out;
  for (std::string& line : test::lines_of(text)) {
    if (!line.starts_with(warning_prefix)) {
      out.push_back(std::move(line));
    }
  }
  return out;
}

std::vector<std::string> warnings(const std::string& text) {
  std::vector<std::string> out;
  for (std::string& line : test::lines_of(text)) {
    if (line.starts_with(warning_prefix)) {
      out.push_back(std::move(line));
    }
  }
  return out;
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// An audit line exactly as the daemon writes it.
std::string event_line(std::int64_t ts_ms, const std::string& event, const std::string& case_id,
                       const std::string& reason = "") {
  store::AuditEvent e;
  e.ts_ms = ts_ms;
  e.event = event;
  e.case_id = case_id;
  e.reason = reason;
  return daemon::audit_line(e);
}

// A fresh directory holding c.toml, whose audit log is ./logs/audit.jsonl beside it.
struct Scratch {
  fs::path dir;
  fs::path config;
  fs::path log;

  explicit Scratch(const std::string& name) : dir(fs::absolute(name)) {
    fs::remove_all(dir);
    fs::create_directories(dir / "logs");
    config = dir / "c.toml";
    log = dir / "logs" / "audit.jsonl";
    write(config, "[audit]\npath = \"logs/audit.jsonl\"\n", std::ios::trunc);
  }
};

struct Result {
  int rc;
  std::string output; // stdout and stderr together
};

Result run_audit(const Scratch& s, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {APPEALD_BINARY, "audit", "--config", s.config.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  Result r;
  r.rc = test::run_command(argv, &r.output);
  return r;
}

// 2026-11-26T13:00:00Z
constexpr std::int64_t t0 = 1795698000000;
constexpr std::int64_t hour = 3600'000;

const std::vector<std::string> stored = {
    event_line(t0, "received", "C-1001"),
    event_line(t0 + 1, "assessed", "C-1001", "missing: prevention"),
    event_line(t0 + hour, "reply_sent", "C-1001"),
    event_line(t0 + 2 * hour, "received", "C-1002"),
    event_line(t0 + 24 * hour, "deadline_passed", ""),
    // Stored by hand with other spacing and a zone: printed as written, never re-serialised.
    R"({ "ts" : "2026-11-28T00:00:00+01:00", "event" : "decided", "case" : "C-1002" ,)"
    R"( "actor" : "alice", "reason" : "Grüße" })",
};

} // namespace

TEST_CASE("filters pick exactly the events asked for, as stored, byte for byte") {
  const Scratch s("filters");
  std::string text;
  for (const std::string& line : stored) {
    text += line + "\n";
  }
  write(s.log, text, std::ios::trunc);
  struct Row {
    std::string what;
    std::vector<std::string> args;
    std::vector<std::size_t> expected; // indexes into `stored`
  };
  const Row rows[] = {
      {"everything", {}, {0, 1, 2, 3, 4, 5}},
      {"one case", {"--case", "C-1002"}, {3, 5}},
      {"a case never seen", {"--case", "C-9"}, {}},
      {"one event", {"--event", "received"}, {0, 3}},
      {"repeated --event", {"--event", "received", "--event", "decided"}, {0, 3, 5}},
      {"comma-separated --event", {"--event", "reply_sent,deadline_passed"}, {2, 4}},
      {"since a time, to the millisecond",
       {"--since", "2026-11-26T13:00:00.001Z"},
       {1, 2, 3, 4, 5}},
      {"since a time in another zone", {"--since", "2026-11-26T16:00:00+02:00"}, {2, 3, 4, 5}},
      {"since a date", {"--since", "2026-11-27"}, {4, 5}},
      {"since a long age", {"--since", "36500d"}, {0, 1, 2, 3, 4, 5}},
      {"all filters together",
       {"--case", "C-1002", "--event", "decided,received", "--since", "2026-11-27T00:00:00Z"},
       {5}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::vector<std::string> args = row.args;
    args.push_back("--json");
    const Result r = run_audit(s, args);
    CHECK(r.rc == 0);
    std::string expected;
    for (std::size_t i : row.expected) {
      expected += stored[i] + "\n";
    }
    CHECK(r.output == expected);
  }
}

TEST_CASE("an age is counted back from now") {
  const Scratch s("since-age");
  const std::int64_t now = now_ms();
  write(s.log,
        event_line(now - 3 * hour, "received", "C-1") + "\n" +
            event_line(now - hour, "received", "C-2") + "\n",
        std::ios::trunc);
  const Result r = run_audit(s, {"--since", "2h", "--json"});
  CHECK(r.rc == 0);
  CHECK(r.output == event_line(now - hour, "received", "C-2") + "\n");
}

TEST_CASE("the table has a header and one aligned line per event") {
  const Scratch s("table");
  write(s.log, stored[1] + "\n" + stored[5] + "\n", std::ios::trunc);
  const Result r = run_audit(s, {});
  REQUIRE(r.rc == 0);
  const std::vector<std::string> rows = test::lines_of(r.output);
  REQUIRE(rows.size() == 3);
  struct Column {
    std::string title;
    std::string first;  // the cell of stored[1]
    std::string second; // the cell of stored[5]
  };
  const Column columns[] = {
      {"TIME", "2026-11-26T13:00:00Z ", "2026-11-27T23:00:00Z "},
      {"EVENT", "assessed ", "decided "},
      {"CASE", "C-1001 ", "C-1002 "},
      {"ACTION", "- ", "- "},
      {"ACTOR", "appeald ", "alice "},
      {"MESSAGE-ID", "- ", "- "},
      {"REASON", "missing: prevention", "Grüße"},
  };
  std::size_t from = 0;
  for (const Column& c : columns) {
    CAPTURE(c.title);
    const std::size_t at = rows[0].find(c.title, from);
    REQUIRE(at != std::string::npos);
    from = at + c.title.size();
    CHECK(rows[1].substr(at).starts_with(c.first));
    CHECK(rows[2].substr(at).starts_with(c.second));
  }
  CHECK(rows[1].ends_with("  missing: prevention"));
}

TEST_CASE("broken lines are skipped with one warning each, naming the line") {
  const Scratch s("broken");
  write(s.log,
        stored[0] + "\n" + "not json at all\n" + "\n" + stored[2] + "\n" + "[1,2]\n" + stored[3] +
            "\n" + R"({"ts":"2026-11-26T16:00:00.000Z","ev)",
        std::ios::trunc);
  const Result r = run_audit(s, {"--json"});
  CHECK(r.rc == 0);
  CHECK(stdout_lines(r.output) == std::vector<std::string>{stored[0], stored[2], stored[3]});
  const std::string log = s.log.string();
  CHECK(warnings(r.output) ==
        std::vector<std::string>{warning_prefix + log + ":2: not a JSON object, skipped",
                                 warning_prefix + log + ":5: not a JSON object, skipped",
                                 warning_prefix + log + ":7: incomplete last line, skipped"});
}

TEST_CASE("a missing log is an empty one: a note, the header only, exit 0") {
  const Scratch s("missing");
  const std::string note = warning_prefix + "no audit log yet at " + s.log.string();
  const Result table = run_audit(s, {});
  CHECK(table.rc == 0);
  CHECK(warnings(table.output) == std::vector<std::string>{note});
  REQUIRE(stdout_lines(table.output).size() == 1);
  CHECK(stdout_lines(table.output)[0].starts_with("TIME "));
  const Result json = run_audit(s, {"--json"});
  CHECK(json.rc == 0);
  CHECK(json.output == note + "\n");
}

TEST_CASE("usage errors exit 2 and failures 1, in one line") {
  const Scratch s("errors");
  write(s.dir / "dir.toml", "[audit]\npath = \"logs\"\n", std::ios::trunc);
  struct Row {
    std::string what;
    std::vector<std::string> argv;
    int rc;
    std::string output;
  };
  const std::string config = s.config.string();
  const std::string bad_since = " is not an RFC 3339 time, a date or an age like 30m, 2h, 7d\n";
  const Row rows[] = {
      {"bad --since",
       {"--config", config, "--since", "2x"},
       2,
       "appeald audit: --since: '2x'" + bad_since},
      {"--since without a zone",
       {"--config", config, "--since", "2026-11-26T10:00:00"},
       2,
       "appeald audit: --since: '2026-11-26T10:00:00'" + bad_since},
      {"empty --since",
       {"--config", config, "--since", ""},
       2,
       "appeald audit: --since: ''" + bad_since},
      {"empty --case",
       {"--config", config, "--case", ""},
       2,
       "appeald audit: --case must not be empty\n"},
      {"empty --event",
       {"--config", config, "--event", ""},
       2,
       "appeald audit: --event must not be empty\n"},
      {"empty name in an --event list",
       {"--config", config, "--event", "a,,b"},
       2,
       "appeald audit: --event must not be empty\n"},
      {"--event list ending in a comma",
       {"--config", config, "--event", "a,"},
       2,
       "appeald audit: --event must not be empty\n"},
      {"missing config",
       {"--config", (s.dir / "none.toml").string()},
       1,
       "appeald audit: " + (s.dir / "none.toml").string() + ": cannot read"},
      {"log is a directory",
       {"--config", (s.dir / "dir.toml").string(), "--json"},
       1,
       "appeald audit: " + (s.dir / "logs").string() + ": cannot open: Is a directory\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::vector<std::string> argv = {APPEALD_BINARY, "audit"};
    argv.insert(argv.end(), row.argv.begin(), row.argv.end());
    std::string output;
    CHECK(test::run_command(argv, &output) == row.rc);
    CHECK(output.starts_with(row.output));
    CHECK(test::lines_of(output).size() == 1);
  }
  std::string output;
  CHECK(test::run_command({APPEALD_BINARY, "audit"}, &output) == 2); // no --config
  CHECK(test::lines_of(output).size() == 1);
}
