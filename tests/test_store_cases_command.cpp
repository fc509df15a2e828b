// `appeald cases import|list`, end to end: the built binary with a config in a scratch directory.
// Imports are upserts reported by count and all-or-nothing; list prints an aligned table or the
// JSON the contract's users script against; failures exit 1 and usage errors 2, in one line.
#include "store/case_repository.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/migrations.hpp"
#include "tests/support/child_process.hpp"

#include "tests/test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

const std::string case_1001 =
    R"({"case":"C-1001","account":"111122223333","address":"ops@example.com","kind":"probation",)"
    R"("issue":"bounce","notice_message_id":"<n-1001.x7k2@enforcement.example>",)"
    R"("sent_at":"2026-11-01T10:00:00Z","deadline":"2026-11-15T00:00:00+02:00",)"
    R"("representative":null})";
const std::string case_1002 =
    R"({"case":"C-1002","account":"2222","address":"b@example.com","kind":"suspension",)"
    R"("issue":"complaint","notice_message_id":"<n-1002@enforcement.example>",)"
    R"("sent_at":"2026-11-02T10:00:00Z","representative":"rep@example.org"})";

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A fresh directory holding c.toml, whose store is ./store/x.db beside it.
struct Scratch {
  fs::path dir;
  fs::path config;
  fs::path db;

  explicit Scratch(const std::string& name) : dir(fs::absolute(name)) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    config = dir / "c.toml";
    db = dir / "store" / "x.db";
    write(config, "[imap]\nurl = \"imap://127.0.0.1/INBOX\"\n"
                  "[smtp]\nurl = \"smtp://127.0.0.1:2525\"\n"
                  "from = \"Enforcement <enforcement@example.com>\"\n"
                  "[store]\npath = \"./store/x.db\"\n");
  }
  fs::path cases(const std::string& text, const std::string& name = "cases.jsonl") const {
    write(dir / name, text);
    return dir / name;
  }
};

struct Result {
  int rc;
  std::string output; // stdout and stderr together
};

Result run_appeald(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {APPEALD_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  Result r;
  r.rc = test::run_command(argv, &r.output);
  return r;
}

} // namespace

TEST_CASE("cases import adds, then counts unchanged and updated cases") {
  const Scratch s("import-counts");
  nlohmann::json changed = nlohmann::json::parse(case_1002);
  changed["address"] = "new@example.com";
  struct Row {
    std::string what;
    std::string cases_text;
    std::string expected;
  };
  const Row rows[] = {
      {"first import", case_1001 + "\n" + case_1002 + "\n",
       "imported 2 cases (2 added, 0 updated, 0 unchanged)\n"},
      {"same file again", case_1001 + "\n" + case_1002 + "\n",
       "imported 2 cases (0 added, 0 updated, 2 unchanged)\n"},
      {"one case changed", case_1001 + "\n\n" + changed.dump() + "\n",
       "imported 2 cases (0 added, 1 updated, 1 unchanged)\n"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Result r = run_appeald(
        {"cases", "import", "--config", s.config.string(), s.cases(row.cases_text).string()});
    CHECK(r.rc == 0);
    CHECK(r.output == row.expected);
  }
  CHECK(fs::exists(s.db)); // relative to the config's directory, parent created
}

TEST_CASE("a cases file with a bad line imports nothing and names the line") {
  const Scratch s("import-bad");
  const fs::path file = s.cases(case_1001 + "\n" + R"({"case":"C-2","kind":"weird"})" + "\n");
  const Result r = run_appeald({"cases", "import", "--config", s.config.string(), file.string()});
  CHECK(r.rc == 1);
  CHECK(r.output.starts_with("appeald cases: " + file.string() + ":2: "));
  CHECK(test::lines_of(r.output).size() == 1);

  auto db = store::Database::open(s.db);
  REQUIRE(db.has_value());
  CHECK(store::load_cases(*db).empty());
}

TEST_CASE("cases list prints an aligned table with a header") {
  const Scratch s("list-table");
  REQUIRE(run_appeald({"cases", "import", "--config", s.config.string(),
                       s.cases(case_1001 + "\n" + case_1002 + "\n").string()})
              .rc == 0);
  const Result r = run_appeald({"cases", "list", "--config", s.config.string()});
  REQUIRE(r.rc == 0);
  const auto rows = test::lines_of(r.output);
  REQUIRE(rows.size() == 3);
  const std::vector<std::string> headers = {"CASE",  "ACCOUNT", "ADDRESS",  "KIND",
                                            "ISSUE", "SENT",    "DEADLINE", "STATE",
                                            "MSGS",  "REPLIES", "LAST"};
  std::size_t from = 0;
  for (const std::string& h : headers) {
    CAPTURE(h);
    const std::size_t at = rows[0].find(h, from);
    REQUIRE(at != std::string::npos);
    from = at + h.size();
  }
  // Aligned: each column starts at the header's position on every row.
  const std::size_t deadline_at = rows[0].find("DEADLINE");
  CHECK(rows[1].substr(deadline_at).starts_with("2026-11-15T00:00:00+02:00 "));
  CHECK(rows[2].substr(deadline_at).starts_with("- "));
  const std::size_t state_at = rows[0].find("STATE");
  CHECK(rows[1].substr(state_at).starts_with("open "));
  CHECK(rows[1].starts_with("C-1001  111122223333  ops@example.com"));
  CHECK(rows[2].ends_with("  -"));
}

TEST_CASE("cases list --json reports each case with its messages, replies and state") {
  const Scratch s("list-json");
  REQUIRE(run_appeald({"cases", "import", "--config", s.config.string(),
                       s.cases(case_1001 + "\n" + case_1002 + "\n").string()})
              .rc == 0);
  {
    // What the daemon would have recorded meanwhile.
    auto db = store::Database::open(s.db);
    REQUIRE(db.has_value());
    store::StoredMessage m;
    m.case_id = "C-1001";
    m.sha256 = "h1";
    m.action = "request_info";
    m.received_at = 1'793'620'800; // 2026-11-02T12:00:00Z
    store::insert_message(*db, m, "raw");
    store::count_auto_reply(*db, "C-1001");
    store::close_case(*db, "C-1002", 1'793'620'800);
  }
  const Result r = run_appeald({"cases", "list", "--config", s.config.string(), "--json"});
  REQUIRE(r.rc == 0);
  const auto j = nlohmann::json::parse(r.output);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  const auto expected_first = nlohmann::json::parse(R"({
    "case":"C-1001","account":"111122223333","address":"ops@example.com","kind":"probation",
    "issue":"bounce","sent_at":"2026-11-01T10:00:00Z","deadline":"2026-11-15T00:00:00+02:00",
    "representative":null,"state":"open","messages":1,"auto_replies":1,
    "last_action":"request_info","closed_at":null,"last_received_at":"2026-11-02T12:00:00Z"})");
  CHECK(j[0] == expected_first);
  CHECK(j[1]["case"] == "C-1002");
  CHECK(j[1]["deadline"] == nullptr);
  CHECK(j[1]["representative"] == "rep@example.org");
  CHECK(j[1]["state"] == "closed");
  CHECK(j[1]["messages"] == 0);
  CHECK(j[1]["last_action"] == nullptr);
  CHECK(j[1]["closed_at"] == "2026-11-02T12:00:00Z");
}

TEST_CASE("cases list on an empty store prints only the header, or []") {
  const Scratch s("list-empty");
  const Result table = run_appeald({"cases", "list", "--config", s.config.string()});
  CHECK(table.rc == 0);
  CHECK(test::lines_of(table.output).size() == 1);
  const Result json = run_appeald({"cases", "list", "--config", s.config.string(), "--json"});
  CHECK(json.rc == 0);
  CHECK(nlohmann::json::parse(json.output) == nlohmann::json::array());
}

TEST_CASE("cases exits 2 on usage errors and 1 on runtime failures, in one line") {
  const Scratch s("errors");
  const fs::path file = s.cases(case_1001 + "\n");
  {
    // A store written by a newer appeald.
    auto db = store::Database::open(s.dir / "newer.db");
    REQUIRE(db.has_value());
    db->sql().exec("PRAGMA user_version = " + std::to_string(store::latest_schema_version() + 1));
  }
  write(s.dir / "newer.toml", "[store]\npath = \"newer.db\"\n");
  struct Row {
    std::string what;
    std::vector<std::string> args;
    int rc;
    std::string output_starts;
  };
  const std::string config = s.config.string();
  const Row rows[] = {
      {"no sub-command", {"cases"}, 2, "appeald"},
      {"unknown sub-command", {"cases", "purge", "--config", config}, 2, "appeald"},
      {"import without --config", {"cases", "import", file.string()}, 2, "appeald"},
      {"import without a file", {"cases", "import", "--config", config}, 2, "appeald"},
      {"list without --config", {"cases", "list"}, 2, "appeald"},
      {"missing config",
       {"cases", "list", "--config", (s.dir / "none.toml").string()},
       1,
       "appeald cases: " + (s.dir / "none.toml").string() + ": cannot read"},
      {"missing cases file",
       {"cases", "import", "--config", config, (s.dir / "none.jsonl").string()},
       1,
       "appeald cases: " + (s.dir / "none.jsonl").string() + ": cannot read"},
      {"newer store",
       {"cases", "list", "--config", (s.dir / "newer.toml").string()},
       1,
       "appeald cases: " + (s.dir / "newer.db").string() + ": database schema version"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Result r = run_appeald(row.args);
    CHECK(r.rc == row.rc);
    CHECK(r.output.starts_with(row.output_starts));
    CHECK(test::lines_of(r.output).size() == 1);
  }
}
