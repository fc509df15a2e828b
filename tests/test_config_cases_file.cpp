// cases_file: good lines become CaseRecords; the first bad line is named with its field.
// Files are written to the test's scratch directory (the working directory under CTest).
#include "config/cases_file.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace appeald;
using nlohmann::json;

namespace {

const json base = json::parse(R"({"case":"C-1001","account":"111122223333",
  "address":"ops@example.com","kind":"probation","issue":"bounce",
  "notice_message_id":"<n-1001.x7k2@enforcement.example>","sent_at":"2026-11-01T10:00:00Z",
  "deadline":"2026-11-15T00:00:00Z","representative":null})");

// A cases line: the base notice with `patch` (JSON members, "" for none) applied.
std::string line(const std::string& patch = "") {
  json j = base;
  const json members = json::parse("{" + patch + "}");
  for (const auto& [key, value] : members.items()) {
    j[key] = value;
  }
  return j.dump();
}

std::string without(const std::string& key) {
  json j = base;
  j.erase(key);
  return j.dump();
}

// Writes `text` to `name` in the working directory and loads it.
std::expected<std::vector<appeals::CaseRecord>, std::string>
load(const std::string& text, const std::string& name = "cases.jsonl") {
  {
    std::ofstream out(name, std::ios::binary | std::ios::trunc);
    out << text;
  }
  auto result = config::load_cases(name);
  std::filesystem::remove(name);
  return result;
}

std::int64_t unix_of(const char* rfc3339) {
  return parsers::parse_rfc3339(rfc3339)->unix_seconds;
}

} // namespace

TEST_CASE("load_cases reads the contract's example line") {
  const auto cases = load(line() + "\n");
  REQUIRE(cases.has_value());
  REQUIRE(cases->size() == 1);
  const appeals::CaseRecord& c = cases->front();
  CHECK(c.id == "C-1001");
  CHECK(c.account == "111122223333");
  CHECK(c.address == "ops@example.com");
  CHECK(c.kind == appeals::CaseKind::probation);
  CHECK(c.issue == appeals::Issue::bounce);
  CHECK(c.notice_message_id == "<n-1001.x7k2@enforcement.example>");
  CHECK(c.sent_at.unix_seconds == unix_of("2026-11-01T10:00:00Z"));
  REQUIRE(c.deadline.has_value());
  CHECK(c.deadline->unix_seconds == unix_of("2026-11-15T00:00:00Z"));
  CHECK_FALSE(c.representative.has_value());
}

TEST_CASE("load_cases normalizes good lines") {
  struct Row {
    std::string what;
    std::string patch;
    std::string account;
    std::string address;
    std::string notice;
    bool has_deadline;
    std::string representative; // "" for none
  };
  const std::string id = "<n-1001.x7k2@enforcement.example>";
  const std::vector<Row> rows = {
      {"account as a JSON number", R"("account":111122223333)", "111122223333", "ops@example.com",
       id, true, ""},
      {"account as a whole float", R"("account":111122223333.0)", "111122223333", "ops@example.com",
       id, true, ""},
      {"account with leading zeros kept as a string", R"("account":"000123")", "000123",
       "ops@example.com", id, true, ""},
      {"addresses lowercased",
       R"("address":"Ops@Example.COM","representative":"Counsel@Law.Example")", "111122223333",
       "ops@example.com", id, true, "counsel@law.example"},
      {"values trimmed", R"("address":"  ops@example.com ","kind":" probation")", "111122223333",
       "ops@example.com", id, true, ""},
      {"notice id without brackets", R"("notice_message_id":"n-7@enf.example")", "111122223333",
       "ops@example.com", "<n-7@enf.example>", true, ""},
      {"notice id missing one bracket", R"("notice_message_id":"<n-7@enf.example")", "111122223333",
       "ops@example.com", "<n-7@enf.example>", true, ""},
      {"deadline null", R"("deadline":null)", "111122223333", "ops@example.com", id, false, ""},
      {"deadline and representative empty (spreadsheet cells)",
       R"("deadline":"","representative":"")", "111122223333", "ops@example.com", id, false, ""},
      {"unknown fields ignored", R"("note":"call first","priority":3)", "111122223333",
       "ops@example.com", id, true, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto cases = load(line(row.patch) + "\n");
    REQUIRE_MESSAGE(cases.has_value(), (cases ? std::string() : cases.error()));
    REQUIRE(cases->size() == 1);
    const appeals::CaseRecord& c = cases->front();
    CHECK(c.account == row.account);
    CHECK(c.address == row.address);
    CHECK(c.notice_message_id == row.notice);
    CHECK(c.deadline.has_value() == row.has_deadline);
    CHECK(c.representative.value_or("") == row.representative);
  }
}

TEST_CASE("load_cases reads every kind, issue and optional field form") {
  const std::string text = "\xEF\xBB\xBF" + line(R"("case":"C-1","kind":"suspension")") + "\r\n" +
                           "\r\n   \n" + line(R"("case":"C-2","issue":"complaint")") + "\n" +
                           without("deadline") + "\n" +
                           line(R"("case":"C-4","issue":"unsolicited","sent_at":)"
                                R"("2026-11-01T12:00:00+02:00")") +
                           "\n" + line(R"("case":"C-5","issue":"other")");
  const auto cases = load(text);
  REQUIRE_MESSAGE(cases.has_value(), (cases ? std::string() : cases.error()));
  REQUIRE(cases->size() == 5);
  CHECK((*cases)[0].id == "C-1");
  CHECK((*cases)[0].kind == appeals::CaseKind::suspension);
  CHECK((*cases)[1].issue == appeals::Issue::complaint);
  CHECK((*cases)[2].id == "C-1001");
  CHECK_FALSE((*cases)[2].deadline.has_value());
  CHECK((*cases)[3].issue == appeals::Issue::unsolicited);
  CHECK((*cases)[3].sent_at.unix_seconds == unix_of("2026-11-01T10:00:00Z"));
  CHECK((*cases)[4].issue == appeals::Issue::other);

  const auto empty = load("");
  REQUIRE(empty.has_value());
  CHECK(empty->empty());
}

TEST_CASE("load_cases names the file, line and field of the first bad line") {
  struct Row {
    std::string what;
    std::string text;
    std::string error;
  };
  const std::string ok = line() + "\n";
  const std::vector<Row> rows = {
      {"kind not in the contract", ok + "\n" + line(R"("case":"C-2","kind":"warning")"),
       R"(cases.jsonl:3: field "kind": expected "probation" or "suspension", got "warning")"},
      {"kind is case-sensitive", line(R"("kind":"Probation")"),
       R"(cases.jsonl:1: field "kind": expected "probation" or "suspension", got "Probation")"},
      {"issue not in the contract", line(R"("issue":"spam")"),
       R"(cases.jsonl:1: field "issue": expected "bounce", "complaint", "unsolicited" or )"
       R"("other", got "spam")"},
      {"case missing", without("case"), R"(cases.jsonl:1: field "case": missing)"},
      {"case with a space", line(R"("case":"C 1")"),
       R"(cases.jsonl:1: field "case": expected a case id without spaces or brackets, got "C 1")"},
      {"case as a number", line(R"("case":1001)"),
       R"(cases.jsonl:1: field "case": expected a case id without spaces or brackets, got 1001)"},
      {"case empty", line(R"("case":"")"),
       R"(cases.jsonl:1: field "case": expected a case id without spaces or brackets, got "")"},
      {"account missing", without("account"), R"(cases.jsonl:1: field "account": missing)"},
      {"account negative", line(R"("account":-5)"),
       R"(cases.jsonl:1: field "account": expected a non-empty string or a whole non-negative )"
       R"(number, got -5)"},
      {"account fractional", line(R"("account":12.5)"),
       R"(cases.jsonl:1: field "account": expected a non-empty string or a whole non-negative )"
       R"(number, got 12.5)"},
      {"account boolean", line(R"("account":true)"),
       R"(cases.jsonl:1: field "account": expected a non-empty string or a whole non-negative )"
       R"(number, got true)"},
      {"address without @", line(R"("address":"ops.example.com")"),
       R"(cases.jsonl:1: field "address": expected an email address, got "ops.example.com")"},
      {"address with a display name", line(R"("address":"Ops <ops@example.com>")"),
       R"(cases.jsonl:1: field "address": expected an email address, got "Ops <ops@example.com>")"},
      {"address null", line(R"("address":null)"),
       R"(cases.jsonl:1: field "address": expected an email address, got null)"},
      {"address missing", without("address"), R"(cases.jsonl:1: field "address": missing)"},
      {"kind missing", without("kind"), R"(cases.jsonl:1: field "kind": missing)"},
      {"issue missing", without("issue"), R"(cases.jsonl:1: field "issue": missing)"},
      {"notice id missing", without("notice_message_id"),
       R"(cases.jsonl:1: field "notice_message_id": missing)"},
      {"notice id empty", line(R"("notice_message_id":"<>")"),
       R"(cases.jsonl:1: field "notice_message_id": expected a Message-ID, got "<>")"},
      {"sent_at missing", without("sent_at"), R"(cases.jsonl:1: field "sent_at": missing)"},
      {"sent_at not RFC 3339", line(R"("sent_at":"yesterday")"),
       R"(cases.jsonl:1: field "sent_at": expected an RFC 3339 timestamp, got "yesterday")"},
      {"sent_at in RFC 5322 form", line(R"("sent_at":"Sun, 1 Nov 2026 10:00:00 +0000")"),
       R"(cases.jsonl:1: field "sent_at": expected an RFC 3339 timestamp, got )"
       R"("Sun, 1 Nov 2026 10:00:00 +0000")"},
      {"deadline not RFC 3339", line(R"("deadline":"soon")"),
       R"(cases.jsonl:1: field "deadline": expected an RFC 3339 timestamp, got "soon")"},
      {"deadline as a number", line(R"("deadline":14)"),
       R"(cases.jsonl:1: field "deadline": expected an RFC 3339 timestamp, got 14)"},
      {"deadline before sent_at", line(R"("deadline":"2026-10-01T00:00:00Z")"),
       R"(cases.jsonl:1: field "deadline": expected a time after sent_at, got )"
       R"("2026-10-01T00:00:00Z")"},
      {"representative not an address", line(R"("representative":"counsel")"),
       R"(cases.jsonl:1: field "representative": expected an email address, got "counsel")"},
      {"duplicate case id", ok + ok,
       R"(cases.jsonl:2: field "case": duplicate case id "C-1001" (first on line 1))"},
      {"duplicate after blank lines",
       line(R"("case":"C-7")") + "\n" + ok + "\n" + line(R"("case":"C-8")") + "\n\n  \n" + ok,
       R"(cases.jsonl:7: field "case": duplicate case id "C-1001" (first on line 2))"},
      {"only the first error", ok + line(R"("kind":"x")") + "\n" + line(R"("issue":"y")"),
       R"(cases.jsonl:2: field "kind": expected "probation" or "suspension", got "x")"},
      {"an array", "[1,2]", "cases.jsonl:1: expected a JSON object, got an array"},
      {"a string", ok + "\"C-1\"", "cases.jsonl:2: expected a JSON object, got a string"},
      {"invalid JSON", ok + R"({"case": })" + "\n" + ok,
       "cases.jsonl:2: invalid JSON: [json.exception.parse_error.101] parse error at line 1, "
       "column 10: syntax error while parsing value - unexpected '}'; expected '[', '{', or a "
       "literal"},
      {"two objects on one line", R"({"case":"C-1"} {"case":"C-2"})",
       "cases.jsonl:1: invalid JSON: [json.exception.parse_error.101] parse error at line 1, "
       "column 16: syntax error while parsing value - unexpected '{'; expected end of input"},
      {"invalid UTF-8", ok + "{\"case\":\"C-\xFF\"}",
       "cases.jsonl:2: invalid JSON: [json.exception.parse_error.101] parse error at line 1, "
       "column 12: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; "
       "last read: '\"C-\xFF'"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto cases = load(row.text);
    REQUIRE_FALSE(cases.has_value());
    CHECK(cases.error() == row.error);
    CHECK(cases.error().find('\n') == std::string::npos);
  }
}

TEST_CASE("load_cases reports an unreadable file") {
  std::filesystem::remove("missing.jsonl");
  const auto missing = config::load_cases("missing.jsonl");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error() == "missing.jsonl: cannot read: No such file or directory");

  std::filesystem::create_directory("cases.d");
  const auto directory = config::load_cases("cases.d");
  std::filesystem::remove("cases.d");
  REQUIRE_FALSE(directory.has_value());
  CHECK(directory.error() == "cases.d: cannot read: Is a directory");
}
