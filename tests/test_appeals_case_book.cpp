// case_book: the indexes matching relies on, and when a case is open at a message's Date.
#include "appeals/case_book.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace appeald::appeals;

namespace {

CaseRecord record(std::string id, std::string address, std::string notice, std::int64_t sent,
                  std::optional<std::int64_t> deadline = std::nullopt) {
  CaseRecord c;
  c.id = std::move(id);
  c.address = std::move(address);
  c.notice_message_id = std::move(notice);
  c.sent_at.unix_seconds = sent;
  if (deadline) {
    c.deadline = appeald::parsers::DateTime{*deadline, 0};
  }
  return c;
}

} // namespace

TEST_CASE("CaseBook indexes cases by id, address and thread") {
  CaseBook book({record("C-1", "a@x.example", "<n1@e>", 100),
                 record("C-2", "a@x.example", "<n2@e>", 200),
                 record("C-1", "b@x.example", "<dup@e>", 300)});
  REQUIRE(book.cases().size() == 2);
  CHECK_FALSE(book.add(record("C-2", "c@x.example", "<n3@e>", 400)));
  CHECK(book.add(record("C-3", "c@x.example", "<n2@e>", 400)));

  CHECK(book.find("C-1")->address == "a@x.example");
  CHECK(book.find("c-1") == nullptr);
  CHECK(book.find("C-9") == nullptr);

  const std::vector<const CaseRecord*> a = book.by_address("a@x.example");
  REQUIRE(a.size() == 2);
  CHECK(a[0]->id == "C-1");
  CHECK(a[1]->id == "C-2");
  CHECK(book.by_address("b@x.example").empty());

  CHECK(book.by_thread_id("<n1@e>")->id == "C-1");
  CHECK(book.by_thread_id("<dup@e>") == nullptr);
  CHECK(book.by_thread_id("<n2@e>")->id == "C-2"); // C-3 reused it: the first claim keeps it
  CHECK(book.by_thread_id("n1@e") == nullptr);

  book.add_thread_id("C-2", "<r1@e>");
  book.add_thread_id("C-1", "<r1@e>");
  book.add_thread_id("C-9", "<r2@e>");
  book.add_thread_id("C-1", "");
  CHECK(book.by_thread_id("<r1@e>")->id == "C-2");
  CHECK(book.by_thread_id("<r2@e>") == nullptr);
  CHECK(book.by_thread_id("") == nullptr);
}

TEST_CASE("CaseBook::is_open judges at the message's Date") {
  CaseBook book;
  book.add(record("C-1", "a@x.example", "<n1@e>", 1000, 2000));
  book.add(record("C-2", "a@x.example", "<n2@e>", 1000));
  book.add(record("C-3", "a@x.example", "<n3@e>", 1000));
  book.close("C-3", 1500);
  book.close("C-3", 1800); // a later decision does not reopen the earlier window
  struct Row {
    std::string what;
    std::string id;
    std::int64_t when;
    bool open;
  };
  const std::vector<Row> rows = {
      {"before the notice", "C-1", 999, false},
      {"the notice's second", "C-1", 1000, true},
      {"inside the window", "C-1", 1999, true},
      {"at the deadline", "C-1", 2000, false},
      {"after the deadline", "C-1", 5000, false},
      {"no deadline, long after", "C-2", 1'000'000'000, true},
      {"before the decision", "C-3", 1499, true},
      {"at the decision", "C-3", 1500, false},
      {"after the decision", "C-3", 1600, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(book.is_open(*book.find(row.id), row.when) == row.open);
  }
}

TEST_CASE("case kinds and issues use the contract's names both ways") {
  for (CaseKind k : {CaseKind::probation, CaseKind::suspension}) {
    CHECK(case_kind_from(to_string(k)) == k);
  }
  for (Issue i : {Issue::bounce, Issue::complaint, Issue::unsolicited, Issue::other}) {
    CHECK(issue_from(to_string(i)) == i);
  }
  CHECK(to_string(CaseKind::suspension) == "suspension");
  CHECK(to_string(Issue::unsolicited) == "unsolicited");
  CHECK_FALSE(case_kind_from("Probation").has_value());
  CHECK_FALSE(case_kind_from("warning").has_value());
  CHECK_FALSE(issue_from("").has_value());
  CHECK_FALSE(issue_from("spam").has_value());
}
