// daemon/mail_queue: the outbox's envelope holds only sendable addresses (one addr-spec each, no
// spaces, controls or brackets), each once; a mail with none left, or with an unsendable
// envelope sender, is not queued at all and the caller gets an error.
#include "daemon/mail_queue.hpp"
#include "store/case_repository.hpp"
#include "store/outbox_repository.hpp"
#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace appeald;

namespace {

appeals::CaseRecord sample_case() {
  appeals::CaseRecord c;
  c.id = "C-1";
  c.account = "1111";
  c.address = "ops@example.com";
  c.notice_message_id = "<n-1@enforcement.example>";
  c.sent_at.unix_seconds = 1'790'000'000;
  return c;
}

std::vector<parsers::Mailbox> boxes(const std::vector<std::string>& addresses) {
  std::vector<parsers::Mailbox> out;
  for (const std::string& a : addresses) {
    out.push_back({"", a});
  }
  return out;
}

} // namespace

TEST_CASE("queue_mail keeps the sendable recipients and refuses a mail with none") {
  struct Row {
    std::string what;
    std::vector<std::string> to;
    std::vector<std::string> cc;
    std::string envelope_from;
    std::optional<std::vector<std::string>> recipients; // nullopt: refused
    std::string error;
  };
  const std::vector<Row> rows = {
      {"plain To and Cc",
       {"ops@example.com"},
       {"rep@agency.example"},
       "",
       std::vector<std::string>{"ops@example.com", "rep@agency.example"},
       ""},
      {"a recipient with a space is dropped",
       {"a b@example.com"},
       {"ops@example.com"},
       "",
       std::vector<std::string>{"ops@example.com"},
       ""},
      {"an injected second line is dropped",
       {"x@example.com\r\nBcc: evil@evil.example"},
       {"ops@example.com"},
       "",
       std::vector<std::string>{"ops@example.com"},
       ""},
      {"angle brackets, two addresses, controls are dropped",
       {"<ops@example.com>", "a@example.com,b@example.com", std::string("n\0l@example.com", 15),
        "ops@example.com"},
       {},
       "",
       std::vector<std::string>{"ops@example.com"},
       ""},
      {"repeats (any letter case) are sent once",
       {"ops@example.com"},
       {"OPS@Example.com"},
       "enforcement@appeals.example",
       std::vector<std::string>{"ops@example.com"},
       ""},
      {"a quoted local part is sendable",
       {"\"john.doe\"@example.com"},
       {},
       "",
       std::vector<std::string>{"\"john.doe\"@example.com"},
       ""},
      {"nothing sendable left: not queued",
       {"not an address", "x@"},
       {"@example.com"},
       "",
       std::nullopt,
       "mail <m-7@appeald.test>: no sendable recipient"},
      {"no recipients at all: not queued",
       {},
       {},
       "",
       std::nullopt,
       "mail <m-8@appeald.test>: no sendable recipient"},
      {"an unsendable envelope sender: not queued",
       {"ops@example.com"},
       {},
       "enforcement@appeals.example\r\nRCPT TO:<evil@evil.example>",
       std::nullopt,
       "mail <m-9@appeald.test>: unsendable envelope sender"},
  };
  store::Database db = test::fresh_db("mail_queue.db");
  store::import_cases(db, {sample_case()});
  int n = 0;
  for (const Row& row : rows) {
    CAPTURE(row.what);
    responders::OutgoingMail mail;
    mail.from = {"Enforcement", "enforcement@appeals.example"};
    mail.to = boxes(row.to);
    mail.cc = boxes(row.cc);
    mail.subject = "Re: [C-1] test";
    mail.message_id = "<m-" + std::to_string(++n) + "@appeald.test>";
    mail.body = "hello\n";
    const auto got = daemon::queue_mail(db, "C-1", "request_info", row.envelope_from, mail, 100);
    const auto queued = store::find_outbox(db, mail.message_id);
    if (!row.recipients) {
      REQUIRE_FALSE(got.has_value());
      CHECK(got.error() == row.error);
      CHECK_FALSE(queued.has_value());
      continue;
    }
    REQUIRE_MESSAGE(got.has_value(), (got ? "" : got.error()));
    CHECK(*got == *row.recipients);
    REQUIRE(queued.has_value());
    CHECK(queued->recipients == *row.recipients);
    CHECK(queued->envelope_from == row.envelope_from);
  }
}
