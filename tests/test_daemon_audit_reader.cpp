// The pure parts of `appeald audit`: --since accepts RFC 3339, a date or an age and rejects the
// rest; the filters keep exactly the events asked for; audit lines that are not JSON objects are
// refused; table rows keep their columns at fixed places whatever the fields hold.
#include "daemon/audit_reader.hpp"
#include "daemon/audit_table.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace appeald;

namespace {

// 2026-11-26T13:00:00Z
constexpr std::int64_t now = 1795698000000;

nlohmann::json event(const std::string& text) {
  return nlohmann::json::parse(text);
}

} // namespace

TEST_CASE("parse_since reads RFC 3339, dates and ages") {
  struct Row {
    std::string what;
    std::string input;
    std::int64_t expected_ms;
  };
  const Row rows[] = {
      {"RFC 3339 UTC", "2026-11-26T10:00:00Z", now - 3 * 3600'000},
      {"lower-case t and z", "2026-11-26t10:00:00z", now - 3 * 3600'000},
      {"space for T", "2026-11-26 10:00:00Z", now - 3 * 3600'000},
      {"offset zone", "2026-11-26T12:00:00+02:00", now - 3 * 3600'000},
      {"milliseconds kept", "2026-11-26T13:00:00.250Z", now + 250},
      {"one fraction digit", "2026-11-26T13:00:00.5Z", now + 500},
      {"microseconds truncated", "2026-11-26T13:00:00.123456Z", now + 123},
      {"a date is midnight UTC", "2026-11-26", now - 13 * 3600'000},
      {"seconds", "90s", now - 90'000},
      {"minutes", "30m", now - 30 * 60'000},
      {"hours", "2h", now - 2 * 3600'000},
      {"days", "7d", now - 7 * 86400'000LL},
      {"weeks", "1w", now - 7 * 86400'000LL},
      {"zero age is now", "0m", now},
      {"the oldest age", "36500d", now - daemon::max_since_age_seconds * 1000},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto since = daemon::parse_since(row.input, now);
    REQUIRE(since.has_value());
    CHECK(*since == row.expected_ms);
  }
}

TEST_CASE("parse_since rejects anything else with a one-line reason") {
  struct Row {
    std::string what;
    std::string input;
    std::string expected;
  };
  const std::string not_a_time = " is not an RFC 3339 time, a date or an age like 30m, 2h, 7d";
  const Row rows[] = {
      {"empty", "", "''" + not_a_time},
      {"word", "yesterday", "'yesterday'" + not_a_time},
      {"no zone", "2026-11-26T10:00:00", "'2026-11-26T10:00:00'" + not_a_time},
      {"no seconds", "2026-11-26T10:00Z", "'2026-11-26T10:00Z'" + not_a_time},
      {"month 13", "2026-13-01", "'2026-13-01'" + not_a_time},
      {"February 30", "2026-02-30", "'2026-02-30'" + not_a_time},
      {"hour 25", "2026-11-26T25:00:00Z", "'2026-11-26T25:00:00Z'" + not_a_time},
      {"unit alone", "h", "'h'" + not_a_time},
      {"unknown unit", "3y", "'3y'" + not_a_time},
      {"upper-case unit", "2H", "'2H'" + not_a_time},
      {"negative age", "-2h", "'-2h'" + not_a_time},
      {"space inside", "2 h", "'2 h'" + not_a_time},
      {"fraction of an age", "1.5h", "'1.5h'" + not_a_time},
      {"too old", "36501d", "'36501d' is older than 36500 days"},
      {"overflowing", "99999999999999999999999w",
       "'99999999999999999999999w' is older than 36500 days"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto since = daemon::parse_since(row.input, now);
    REQUIRE_FALSE(since.has_value());
    CHECK(since.error() == row.expected);
  }
}

TEST_CASE("parse_audit_line keeps JSON objects only") {
  struct Row {
    std::string what;
    std::string line;
    bool is_event;
  };
  const Row rows[] = {
      {"an event", R"({"ts":"2026-11-26T13:00:00.000Z","event":"received"})", true},
      {"an empty object", "{}", true},
      {"torn in a string", R"({"ts":"2026-11-26T13:00:00.000Z","eve)", false},
      {"torn after a comma", R"({"ts":"2026-11-26T13:00:00.000Z",)", false},
      {"two objects on a line", R"({"a":1}{"b":2})", false},
      {"an array", R"([{"event":"received"}])", false},
      {"a number", "42", false},
      {"null", "null", false},
      {"garbage bytes", "\x01\xff\xfe garbage", false},
      {"invalid UTF-8 in a string", "{\"reason\":\"bad \xc3\"}", false},
      {"empty", "", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    std::optional<nlohmann::json> parsed;
    CHECK_NOTHROW(parsed = daemon::parse_audit_line(row.line));
    CHECK(parsed.has_value() == row.is_event);
  }
}

TEST_CASE("filters keep exactly the events asked for") {
  const nlohmann::json full = event(R"({"ts":"2026-11-26T13:00:00.123Z","event":"reply_sent",
      "case":"C-1001","actor":"appeald"})");
  const nlohmann::json no_case =
      event(R"({"ts":"2026-11-26T13:00:00.123Z","event":"deadline_passed"})");
  const nlohmann::json bad_ts = event(R"({"ts":"yesterday","event":"received","case":"C-1001"})");
  const nlohmann::json numeric_case = event(R"({"ts":"2026-11-26T13:00:00Z","case":1001})");

  struct Row {
    std::string what;
    daemon::AuditFilter filter;
    const nlohmann::json* event;
    bool expected;
  };
  const Row rows[] = {
      {"no filter keeps everything", {}, &full, true},
      {"no filter keeps an unreadable ts", {}, &bad_ts, true},
      {"case, exact", {"C-1001", {}, {}}, &full, true},
      {"case, another", {"C-1002", {}, {}}, &full, false},
      {"case, a prefix is not a match", {"C-100", {}, {}}, &full, false},
      {"case, other letter case", {"c-1001", {}, {}}, &full, false},
      {"case, event without one", {"C-1001", {}, {}}, &no_case, false},
      {"case, not a string", {"1001", {}, {}}, &numeric_case, false},
      {"since, same millisecond", {"", now + 123, {}}, &full, true},
      {"since, one ms later", {"", now + 124, {}}, &full, false},
      {"since, earlier", {"", now - 1, {}}, &full, true},
      {"since, unreadable ts", {"", now - 86400'000, {}}, &bad_ts, false},
      {"event, one of several", {"", {}, {"received", "reply_sent"}}, &full, true},
      {"event, none of them", {"", {}, {"received", "send_failed"}}, &full, false},
      {"event, a prefix is not a match", {"", {}, {"reply"}}, &full, false},
      {"all three hold", {"C-1001", now, {"reply_sent"}}, &full, true},
      {"one of three fails", {"C-1001", now, {"received"}}, &full, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(daemon::audit_event_matches(row.filter, *row.event) == row.expected);
  }
}

TEST_CASE("fit_column pads, clips with an ellipsis and never splits UTF-8") {
  struct Row {
    std::string what;
    std::string text;
    std::size_t width;
    std::string expected;
  };
  const Row rows[] = {
      {"padded", "abc", 6, "abc   "},
      {"exact", "abcdef", 6, "abcdef"},
      {"clipped", "abcdefgh", 6, "abcde\xE2\x80\xA6"},
      {"UTF-8 counted as characters", "Grüße", 6, "Grüße "},
      {"UTF-8 clipped whole", "ääääääää", 4, "äää\xE2\x80\xA6"},
      {"width 0 is unclipped", "a long reason", 0, "a long reason"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(daemon::fit_column(row.text, row.width) == row.expected);
  }
}

TEST_CASE("table rows keep every column at the header's position") {
  const std::string header = daemon::audit_table_header();
  const std::string expected_header =
      "TIME" + std::string(18, ' ') + "EVENT" + std::string(12, ' ') + "CASE" +
      std::string(10, ' ') + "ACTION" + std::string(8, ' ') + "ACTOR" + std::string(13, ' ') +
      "MESSAGE-ID" + std::string(20, ' ') + "REASON";
  CHECK(header == expected_header);

  struct Row {
    std::string what;
    std::string line;
    std::vector<std::string> expected_cells; // TIME, EVENT, CASE, ACTION, ACTOR, MESSAGE-ID
    std::string expected_reason;
  };
  const Row rows[] = {
      {"every field",
       R"({"ts":"2026-11-26T13:00:00.999Z","event":"assessed","case":"C-1001",)"
       R"("message_id":"<m-1@example.com>","action":"request_info",)"
       R"("reason":"missing: prevention","actor":"appeald","folder":"INBOX"})",
       {"2026-11-26T13:00:00Z", "assessed", "C-1001", "request_info", "appeald",
        "<m-1@example.com>"},
       "missing: prevention"},
      {"only required fields, shown as -",
       R"({"ts":"2026-11-26T13:00:00.000Z","event":"deadline_passed","actor":"appeald"})",
       {"2026-11-26T13:00:00Z", "deadline_passed", "-", "-", "appeald", "-"},
       "-"},
      {"other zone shown in UTC",
       R"({"ts":"2026-11-26T15:00:00+02:00","event":"decided","actor":"alice"})",
       {"2026-11-26T13:00:00Z", "decided", "-", "-", "alice", "-"},
       "-"},
      {"long fields clipped, the reason not",
       R"({"ts":"2026-11-26T13:00:00Z","event":"a_very_long_event_name","case":"C-1234567890123",)"
       R"("message_id":"<0123456789abcdef0123456789@example.com>","actor":"reviewer@example.com",)"
       R"("reason":")" +
           std::string(200, 'r') + R"("})",
       {"2026-11-26T13:00:00Z", "a_very_long_ev\xE2\x80\xA6", "C-123456789\xE2\x80\xA6", "-",
        "reviewer@exampl\xE2\x80\xA6", "<0123456789abcdef0123456789\xE2\x80\xA6"},
       std::string(200, 'r')},
      {"control characters become spaces",
       R"({"ts":"2026-11-26T13:00:00Z","event":"triaged","reason":"line1\r\nline2\tend"})",
       {"2026-11-26T13:00:00Z", "triaged", "-", "-", "-", "-"},
       "line1  line2 end"},
      {"unreadable ts shown as written, non-strings as JSON",
       R"({"ts":"yesterday","event":"queued","case":1001,"actor":null,"action":""})",
       {"yesterday", "queued", "1001", "-", "-", "-"},
       "-"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const std::string line = daemon::audit_table_row(event(row.line));
    CAPTURE(line);
    CHECK(line.find('\n') == std::string::npos);
    std::size_t at = 0;
    for (std::size_t i = 0; i < row.expected_cells.size(); ++i) {
      const std::string cell =
          daemon::fit_column(row.expected_cells[i], daemon::audit_columns[i].width);
      CAPTURE(i);
      CHECK(line.substr(at, cell.size()) == cell);
      at += cell.size();
      CHECK(line.substr(at, 2) == "  ");
      at += 2;
    }
    CHECK(line.substr(at) == row.expected_reason);
  }
}

TEST_CASE("header and rows line up: every title starts where its cells start") {
  const std::string header = daemon::audit_table_header();
  const std::string row = daemon::audit_table_row(
      event(R"({"ts":"2026-11-26T13:00:00Z","event":"received","case":"C-1","actor":"appeald",)"
            R"("message_id":"<m@x>","action":"review","reason":"r"})"));
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"TIME", "2026"},     {"EVENT", "received"},   {"CASE", "C-1"}, {"ACTION", "review"},
      {"ACTOR", "appeald"}, {"MESSAGE-ID", "<m@x>"}, {"REASON", "r"}};
  for (const auto& [title, value] : expected) {
    CAPTURE(title);
    const std::size_t at = header.find(title);
    REQUIRE(at != std::string::npos);
    CHECK(row.substr(at, value.size()) == value);
  }
}
