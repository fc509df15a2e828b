// store/message_repository: raw bytes kept byte for byte, duplicates found by content hash or by a
// non-empty Message-ID (oldest first, never by an empty one), locations updated and looked up,
// per-case listing in order.
#include "store/content_hash.hpp"
#include "store/message_repository.hpp"

#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace appeald;

namespace {

using test::fresh_db;

store::StoredMessage message(const std::string& message_id, const std::string& raw) {
  store::StoredMessage m;
  m.message_id = message_id;
  m.sha256 = store::sha256_hex(raw);
  return m;
}

} // namespace

TEST_CASE("a stored message reads back field for field, raw bytes exactly") {
  store::Database db = fresh_db("roundtrip.db");
  const std::string raw = std::string("Subject: x\r\n\r\nbin\0ary \xff\xfe body\r\n", 28);
  store::StoredMessage m = message("<a@example.com>", raw);
  m.uidvalidity = 4'000'000'000u; // beyond int32
  m.uid = 4'294'967'295u;
  m.received_at = 1'790'000'123;
  m.case_id = "C-1";
  m.action = "request_info";
  m.reason = "missing: prevention";
  m.folder = "Appeals/Processed";
  m.verdict_json = R"({"action":"request_info"})";
  m.truncated = true;
  const std::int64_t id = store::insert_message(db, m, raw);
  CHECK(id > 0);
  CHECK(store::raw_bytes(db, id) == raw);
  CHECK_FALSE(store::raw_bytes(db, id + 100).has_value());

  const auto found = store::find_by_location(db, m.uidvalidity, m.uid);
  REQUIRE(found.has_value());
  CHECK(found->id == id);
  CHECK(found->message_id == m.message_id);
  CHECK(found->sha256 == m.sha256);
  CHECK(found->uidvalidity == m.uidvalidity);
  CHECK(found->uid == m.uid);
  CHECK(found->received_at == m.received_at);
  CHECK(found->case_id == m.case_id);
  CHECK(found->action == m.action);
  CHECK(found->reason == m.reason);
  CHECK(found->folder == m.folder);
  CHECK(found->verdict_json == m.verdict_json);
  CHECK(found->moved == false);
  CHECK(found->truncated == true);
  CHECK(store::count_messages(db) == 1);
}

TEST_CASE("find_duplicate matches by content hash or non-empty Message-ID, oldest first") {
  store::Database db = fresh_db("dedupe.db");
  const std::int64_t first = store::insert_message(db, message("<a@x>", "one"), "one");
  const std::int64_t second = store::insert_message(db, message("", "two"), "two");
  const std::int64_t third = store::insert_message(db, message("<a@x>", "three"), "three");
  const std::int64_t fourth = store::insert_message(db, message("", "four"), "four");
  CHECK(third > first);

  struct Row {
    std::string what;
    std::string message_id;
    std::string raw;
    std::optional<std::int64_t> expected;
  };
  const Row rows[] = {
      {"same bytes, no id", "", "two", second},
      {"same bytes, another id", "<other@x>", "four", fourth},
      {"same id, new bytes: the oldest with that id", "<a@x>", "five", first},
      {"same bytes of a later copy", "", "three", third},
      {"empty id never matches other id-less messages", "", "six", std::nullopt},
      {"unknown id and bytes", "<new@x>", "seven", std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto found = store::find_duplicate(db, row.message_id, store::sha256_hex(row.raw));
    REQUIRE(found.has_value() == row.expected.has_value());
    if (found) {
      CHECK(found->id == *row.expected);
    }
  }
  CHECK_FALSE(store::find_duplicate(db, "", "").has_value()); // empty hash matches nothing
}

TEST_CASE("locations are updated; moved is recorded; lookups find the latest message there") {
  store::Database db = fresh_db("location.db");
  store::StoredMessage m = message("<a@x>", "one");
  m.uidvalidity = 7;
  m.uid = 10;
  const std::int64_t id = store::insert_message(db, m, "one");
  CHECK_FALSE(store::find_by_location(db, 8, 10).has_value());
  CHECK_FALSE(store::find_by_location(db, 7, 11).has_value());

  store::update_location(db, id, 8, 3); // UIDVALIDITY changed; the message has a new UID
  CHECK_FALSE(store::find_by_location(db, 7, 10).has_value());
  REQUIRE(store::find_by_location(db, 8, 3).has_value());
  CHECK(store::find_by_location(db, 8, 3)->id == id);

  store::mark_moved(db, id);
  CHECK(store::find_by_location(db, 8, 3)->moved);
}

TEST_CASE("messages_of_case lists one case's messages in the order taken") {
  store::Database db = fresh_db("by-case.db");
  for (const auto& [case_id, raw] : std::vector<std::pair<std::string, std::string>>{
           {"C-1", "a"}, {"C-2", "b"}, {"C-1", "c"}, {"", "d"}}) {
    store::StoredMessage m = message("", raw);
    m.case_id = case_id;
    m.action = raw;
    store::insert_message(db, m, raw);
  }
  const auto messages = store::messages_of_case(db, "C-1");
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].action == "a");
  CHECK(messages[1].action == "c");
  CHECK(store::messages_of_case(db, "C-404").empty());
  CHECK(store::count_messages(db) == 4);
}
