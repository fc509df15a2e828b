// date_time: RFC 5322 dates (current and obsolete forms) and RFC 3339 round trips.
#include "parsers/date_time.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace appeald::parsers;

namespace {

struct Row {
  std::string what;
  std::string input;
  std::optional<std::string> expected; // to_rfc3339 of the result, nullopt when rejected
};

std::optional<std::string> formatted(const std::optional<DateTime>& t) {
  return t ? std::optional<std::string>(to_rfc3339(*t)) : std::nullopt;
}

void check_rows(const std::vector<Row>& rows, std::optional<DateTime> (*parse)(std::string_view)) {
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    CHECK(formatted(parse(row.input)) == row.expected);
  }
}

} // namespace

TEST_CASE("parse_rfc5322_date reads real Date headers") {
  check_rows(
      {
          {"numeric zone", "Mon, 2 Nov 2026 08:30:10 -0500", "2026-11-02T08:30:10-05:00"},
          {"UTC zone formats as Z", "Mon, 2 Nov 2026 13:30:10 +0000", "2026-11-02T13:30:10Z"},
          {"two-digit year, no seconds, EST", "2 Nov 26 08:30 EST", "2026-11-02T08:30:00-05:00"},
          {"extra spaces, one-digit hour, comment", "Mon,  2 Nov 2026 8:30:10 +0000 (UTC)",
           "2026-11-02T08:30:10Z"},
          {"no day name", "02 Nov 2026 08:30:10 +0100", "2026-11-02T08:30:10+01:00"},
          {"half-hour zone", "Tue, 3 Nov 2026 09:00:00 +0530", "2026-11-03T09:00:00+05:30"},
          {"lowercase month and day name", "mon, 2 nov 2026 08:30:10 +0000",
           "2026-11-02T08:30:10Z"},
          {"full month and day names", "Monday, 2 November 2026 08:30:10 +0000",
           "2026-11-02T08:30:10Z"},
          {"no comma after day name", "Mon 2 Nov 2026 08:30:10 +0000", "2026-11-02T08:30:10Z"},
          {"GMT", "Mon, 2 Nov 2026 08:30:10 GMT", "2026-11-02T08:30:10Z"},
          {"UT", "Mon, 2 Nov 2026 08:30:10 UT", "2026-11-02T08:30:10Z"},
          {"PDT", "Mon, 2 Nov 2026 08:30:10 PDT", "2026-11-02T08:30:10-07:00"},
          {"CST", "Mon, 2 Nov 2026 08:30:10 CST", "2026-11-02T08:30:10-06:00"},
          {"military zone is -0000", "Mon, 2 Nov 2026 08:30:10 Z", "2026-11-02T08:30:10Z"},
          {"military letter other than Z is -0000", "Mon, 2 Nov 2026 08:30:10 Q",
           "2026-11-02T08:30:10Z"},
          {"unknown zone name is -0000", "Mon, 2 Nov 2026 08:30:10 CEST", "2026-11-02T08:30:10Z"},
          {"missing zone is UTC", "Mon, 2 Nov 2026 08:30:10", "2026-11-02T08:30:10Z"},
          {"zone glued to time", "2 Nov 2026 08:30:10+0200", "2026-11-02T08:30:10+02:00"},
          {"zone with colon", "2 Nov 2026 08:30:10 +02:00", "2026-11-02T08:30:10+02:00"},
          {"trailing junk ignored", "Mon, 2 Nov 2026 08:30:10 +0000 +0000 (GMT) junk",
           "2026-11-02T08:30:10Z"},
          {"numeric zone followed by name", "Mon, 2 Nov 2026 08:30:10 -0800 (PST)",
           "2026-11-02T08:30:10-08:00"},
          {"asctime form", "Mon Nov  2 08:30:10 2026", "2026-11-02T08:30:10Z"},
          {"date(1) form", "Mon Nov  2 08:30:10 UTC 2026", "2026-11-02T08:30:10Z"},
          {"folded", "Mon, 2 Nov 2026\r\n 08:30:10 +0000", "2026-11-02T08:30:10Z"},
          {"leap day", "29 Feb 2024 12:00:00 +0000", "2024-02-29T12:00:00Z"},
          {"leap second rolls over", "31 Dec 2016 23:59:60 +0000", "2017-01-01T00:00:00Z"},
          {"date without time is midnight", "2 Nov 2026", "2026-11-02T00:00:00Z"},
          {"year 2000 rule: 49 -> 2049", "1 Jan 49 00:00 +0000", "2049-01-01T00:00:00Z"},
          {"year 2000 rule: 50 -> 1950", "1 Jan 50 00:00 +0000", "1950-01-01T00:00:00Z"},
          {"three-digit year is 1900+", "1 Jan 126 00:00 +0000", "2026-01-01T00:00:00Z"},
          {"before the epoch", "31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z"},
      },
      parse_rfc5322_date);
}

TEST_CASE("parse_rfc5322_date rejects what cannot be a date") {
  check_rows(
      {
          {"empty", "", std::nullopt},
          {"words", "yesterday afternoon", std::nullopt},
          {"no month", "2 2026 08:30:10 +0000", std::nullopt},
          {"no year", "Mon, 2 Nov 08:30:10 +0000", std::nullopt},
          {"day 31 in November", "31 Nov 2026 08:30:10 +0000", std::nullopt},
          {"29 Feb in a common year", "29 Feb 2026 08:30:10 +0000", std::nullopt},
          {"day zero", "0 Nov 2026 08:30:10 +0000", std::nullopt},
          {"hour 24", "2 Nov 2026 24:00:00 +0000", std::nullopt},
          {"minute 60", "2 Nov 2026 08:60:00 +0000", std::nullopt},
          {"second 61", "2 Nov 2026 08:30:61 +0000", std::nullopt},
          {"bad time", "2 Nov 2026 8:3a:10 +0000", std::nullopt},
          {"zone out of range", "2 Nov 2026 08:30:10 +2500", std::nullopt},
          {"zone minutes out of range", "2 Nov 2026 08:30:10 +0061", std::nullopt},
          {"five-digit year", "2 Nov 20266 08:30:10 +0000", std::nullopt},
          {"four-digit year before 1900", "2 Nov 1066 08:30:10 +0000", std::nullopt},
          {"backslash ending a comment", "2 Nov 2026 08:30:10 +0000 (\\", "2026-11-02T08:30:10Z"},
          {"NUL in the middle", std::string("2 Nov\0 2026", 11), std::nullopt},
      },
      parse_rfc5322_date);
}

TEST_CASE("parse_rfc5322_date keeps the source zone and the UTC instant") {
  const std::optional<DateTime> t = parse_rfc5322_date("Mon, 2 Nov 2026 08:30:10 -0500");
  REQUIRE(t);
  CHECK(t->unix_seconds == 1793626210); // 2026-11-02T13:30:10Z
  CHECK(t->offset_minutes == -300);
  const std::optional<DateTime> epoch = parse_rfc5322_date("1 Jan 1970 00:00:00 +0000");
  REQUIRE(epoch);
  CHECK(epoch->unix_seconds == 0);
}

TEST_CASE("parse_rfc3339") {
  check_rows(
      {
          {"UTC", "2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z"},
          {"fraction and offset", "2026-11-01T10:00:00.5+02:00", "2026-11-01T10:00:00+02:00"},
          {"negative offset", "2026-11-01T10:00:00-07:30", "2026-11-01T10:00:00-07:30"},
          {"lowercase t and z", "2026-11-01t10:00:00z", "2026-11-01T10:00:00Z"},
          {"space for T", "2026-11-01 10:00:00Z", "2026-11-01T10:00:00Z"},
          {"date alone is midnight UTC", "2026-11-01", "2026-11-01T00:00:00Z"},
          {"+00:00 formats as Z", "2026-11-01T10:00:00+00:00", "2026-11-01T10:00:00Z"},
          {"surrounding whitespace", " 2026-11-01T10:00:00Z\n", "2026-11-01T10:00:00Z"},
          {"missing zone", "2026-11-01T10:00:00", std::nullopt},
          {"bad month", "2026-13-01T10:00:00Z", std::nullopt},
          {"bad day", "2026-02-30", std::nullopt},
          {"bad hour", "2026-11-01T25:00:00Z", std::nullopt},
          {"empty fraction", "2026-11-01T10:00:00.Z", std::nullopt},
          {"compact offset", "2026-11-01T10:00:00+0200", std::nullopt},
          {"junk after zone", "2026-11-01T10:00:00Zjunk", std::nullopt},
          {"short", "2026-11", std::nullopt},
          {"letters", "abcd-ef-gh", std::nullopt},
          {"empty", "", std::nullopt},
      },
      parse_rfc3339);
}

TEST_CASE("to_rfc3339 uses its own calendar arithmetic") {
  struct FormatRow {
    std::string what;
    DateTime t;
    std::string expected;
  };
  const std::vector<FormatRow> rows = {
      {"epoch", {0, 0}, "1970-01-01T00:00:00Z"},
      {"offset shifts the wall clock", {0, -300}, "1969-12-31T19:00:00-05:00"},
      {"positive offset", {1793626210, 60}, "2026-11-02T14:30:10+01:00"},
      {"leap day 2000", {951782400, 0}, "2000-02-29T00:00:00Z"},
      {"1900 is not a leap year", {-2203891200, 0}, "1900-03-01T00:00:00Z"},
      {"far future", {253402300799, 0}, "9999-12-31T23:59:59Z"},
      {"absurd values are clamped, not overflowed",
       {INT64_MAX, INT32_MAX},
       "9999-12-31T23:59:59+23:59"},
  };
  for (const FormatRow& row : rows) {
    CAPTURE(row.what);
    CHECK(to_rfc3339(row.t) == row.expected);
  }
}

TEST_CASE("every day from 1900 to 2100 round-trips through RFC 3339") {
  const std::optional<DateTime> start = parse_rfc3339("1900-01-01");
  const std::optional<DateTime> end = parse_rfc3339("2100-12-31");
  REQUIRE(start);
  REQUIRE(end);
  for (std::int64_t s = start->unix_seconds; s <= end->unix_seconds; s += 86400 + 3607) {
    const std::string text = to_rfc3339({s, 0});
    const std::optional<DateTime> back = parse_rfc3339(text);
    REQUIRE(back);
    REQUIRE(back->unix_seconds == s);
  }
}

TEST_CASE("parse_rfc5322_date is bounded on hostile input") {
  CHECK(parse_rfc5322_date(std::string(1 << 20, '(')) == std::nullopt);
  CHECK(parse_rfc5322_date(std::string(1 << 20, '1')) == std::nullopt);
  const std::string junk = "Mon, 2 Nov 2026 08:30:10 +0000 " + std::string(1 << 20, '\xff');
  CHECK(formatted(parse_rfc5322_date(junk)) == "2026-11-02T08:30:10Z");
}
