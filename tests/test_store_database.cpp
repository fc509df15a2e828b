// store/database + migrations: a fresh file reaches the latest schema with the promised settings
// (WAL, synchronous=FULL, foreign keys, busy timeout); reopening changes nothing; a newer schema
// is refused; an uncommitted step leaves no trace in any table; the files are created 0600.
// Files go to the test's scratch directory (the working directory under CTest).
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/database.hpp"
#include "store/mailbox_state.hpp"
#include "store/message_repository.hpp"
#include "store/migrations.hpp"
#include "store/outbox_repository.hpp"
#include "store/review_repository.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

// Removes `name` (and its WAL files) so each test starts from nothing.
fs::path fresh_path(const std::string& name) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::remove(name + suffix);
  }
  return name;
}

store::Database open_ok(const fs::path& path) {
  auto db = store::Database::open(path);
  REQUIRE_MESSAGE(db.has_value(), (db ? "" : db.error()));
  return std::move(*db);
}

appeals::CaseRecord sample_case() {
  appeals::CaseRecord c;
  c.id = "C-1";
  c.account = "1111";
  c.address = "ops@example.com";
  c.notice_message_id = "<n-1@enforcement.example>";
  c.sent_at.unix_seconds = 1'790'000'000;
  return c;
}

} // namespace

TEST_CASE("a fresh database is migrated to the latest schema version") {
  store::Database db = open_ok(fresh_path("fresh.db"));
  CHECK(db.schema_version() == store::latest_schema_version());
  CHECK(store::latest_schema_version() == static_cast<int>(store::migrations().size()));
  CHECK(db.sql().execAndGet("PRAGMA user_version").getInt() == store::latest_schema_version());
  for (const char* table : {"cases", "thread_ids", "messages", "outbox", "reviews", "audit",
                            "audit_cursor", "mailbox_state"}) {
    const std::string name = table;
    CAPTURE(name);
    CHECK(db.sql().tableExists(table));
  }
}

TEST_CASE("the connection runs in WAL mode with full sync, foreign keys and a busy timeout") {
  store::Database db = open_ok(fresh_path("settings.db"));
  struct Row {
    std::string pragma;
    std::string expected;
  };
  const Row rows[] = {
      {"PRAGMA journal_mode", "wal"},
      {"PRAGMA synchronous", "2"}, // FULL
      {"PRAGMA foreign_keys", "1"},
      {"PRAGMA busy_timeout", "5000"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.pragma);
    CHECK(db.sql().execAndGet(row.pragma.c_str()).getString() == row.expected);
  }
}

TEST_CASE("reopening a migrated database keeps its data and version") {
  const fs::path path = fresh_path("reopen.db");
  {
    store::Database db = open_ok(path);
    store::import_cases(db, {sample_case()});
  }
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    store::Database db = open_ok(path);
    CHECK(db.schema_version() == store::latest_schema_version());
    const auto cases = store::load_cases(db);
    REQUIRE(cases.size() == 1);
    CHECK(cases[0].id == "C-1");
    CHECK(store::load_thread_ids(db).size() == 1);
  }
}

TEST_CASE("a database with a newer schema version is refused, naming the file") {
  const fs::path path = fresh_path("newer.db");
  {
    store::Database db = open_ok(path);
    db.sql().exec("PRAGMA user_version = " + std::to_string(store::latest_schema_version() + 1));
  }
  const auto db = store::Database::open(path);
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().starts_with("newer.db: "));
  CHECK(db.error().find("newer than this appeald supports") != std::string::npos);
}

TEST_CASE("open creates missing parent directories") {
  fs::remove_all("nested");
  store::Database db = open_ok("nested/deeper/appeald.db");
  CHECK(fs::exists("nested/deeper/appeald.db"));
}

TEST_CASE("open reports a file that is not a database as PATH: reason") {
  fresh_path("garbage.db");
  {
    std::ofstream out("garbage.db", std::ios::binary);
    out << std::string(4096, 'x');
  }
  const auto db = store::Database::open("garbage.db");
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().starts_with("garbage.db: "));
}

TEST_CASE("open reports a parent that cannot be a directory") {
  fresh_path("plain-file");
  { std::ofstream out("plain-file"); }
  const auto db = store::Database::open("plain-file/appeald.db");
  REQUIRE_FALSE(db.has_value());
  CHECK(db.error().starts_with("plain-file/appeald.db: "));
}

TEST_CASE("a step rolled back leaves nothing in any table; committed, everything stays") {
  for (const bool commit : {false, true}) {
    CAPTURE(commit);
    const fs::path path = fresh_path(commit ? "commit.db" : "rollback.db");
    {
      store::Database db = open_ok(path);
      SQLite::Transaction t(db.sql());
      store::import_cases(db, {sample_case()});
      store::add_thread_id(db, "C-1", "<r-1@example.com>");
      store::save_assessment(db, "C-1", appeals::CaseAssessment{{{"cause", {"x"}}}, {}, false, 1});
      store::count_auto_reply(db, "C-1");
      store::close_case(db, "C-1", 5);
      store::StoredMessage m;
      m.sha256 = "abc";
      m.case_id = "C-1";
      store::insert_message(db, m, "raw");
      store::OutboxEntry e;
      e.message_id = "<o-1@appeald>";
      e.kind = "review";
      store::enqueue(db, e);
      store::ReviewEntry r;
      r.case_id = "C-1";
      store::upsert_review(db, r);
      store::AuditEvent event;
      event.ts_ms = 1;
      event.event = "received";
      store::append_audit(db, event);
      store::mark_audit_flushed(db, 1);
      store::set_uidvalidity(db, "INBOX", 7);
      if (commit) {
        t.commit();
      }
    }
    // Reopened, so only what reached the file counts.
    store::Database db = open_ok(path);
    const std::size_t n = commit ? 1 : 0;
    CHECK(store::load_cases(db).size() == n);
    CHECK(store::load_thread_ids(db).size() == 2 * n);
    CHECK(store::load_assessments(db).size() == n);
    CHECK(store::load_closures(db).size() == n);
    CHECK(store::count_messages(db) == static_cast<std::int64_t>(n));
    CHECK(store::find_outbox(db, "<o-1@appeald>").has_value() == commit);
    CHECK(store::find_review(db, "C-1").has_value() == commit);
    CHECK(store::audit_events(db, std::nullopt).size() == n);
    CHECK(store::unflushed_audit(db, 10).empty());
    CHECK(store::last_uidvalidity(db, "INBOX").has_value() == commit);
  }
}

TEST_CASE("a second connection (a CLI beside the daemon) sees only committed steps") {
  const fs::path path = fresh_path("two.db");
  store::Database writer = open_ok(path);
  store::Database reader = open_ok(path);
  {
    SQLite::Transaction t(writer.sql());
    store::import_cases(writer, {sample_case()});
    CHECK(store::load_cases(reader).empty()); // WAL: the reader is not blocked, sees nothing yet
    t.commit();
  }
  CHECK(store::load_cases(reader).size() == 1);
}

TEST_CASE("the database and its WAL files are created private (0600), whatever the umask") {
  struct Row {
    std::string what;
    mode_t umask_during_open;
  };
  const Row rows[] = {
      {"umask 022", 022}, {"umask 0 (would give 0644 or worse)", 0}, {"umask 077", 077}};
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const fs::path path = fresh_path("private.db");
    const mode_t before = ::umask(row.umask_during_open);
    {
      store::Database db = open_ok(path);
      // The umask is the test's, not changed behind its back.
      const mode_t during = ::umask(row.umask_during_open);
      CHECK(during == row.umask_during_open);
      store::import_cases(db, {sample_case()}); // a write: -wal and -shm exist now
      for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string file = path.string() + suffix;
        CAPTURE(file);
        REQUIRE(fs::exists(file));
        CHECK((fs::status(file).permissions() & fs::perms::all) == fs::perms(0600));
      }
    }
    ::umask(before);
  }
}

TEST_CASE("an existing database file keeps the mode its operator gave it") {
  const fs::path path = fresh_path("existing.db");
  { open_ok(path); }
  fs::permissions(path, fs::perms(0640));
  { open_ok(path); }
  CHECK((fs::status(path).permissions() & fs::perms::all) == fs::perms(0640));
}
