// The cases `appeald triage show` suggests for a message the daemon could not file: looser than
// matching, so a colleague, a forward or a customer writing from another address still shows the
// case to assign it to, and saying why.
#include "daemon/triage_candidates.hpp"
#include "parsers/message_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace appeald;

appeals::CaseRecord make_case(std::string id, std::string account, std::string address,
                              std::optional<std::string> rep = std::nullopt) {
  appeals::CaseRecord c;
  c.id = std::move(id);
  c.account = std::move(account);
  c.address = std::move(address);
  c.notice_message_id = "<n-" + c.id + "@enforcement.test>";
  c.representative = std::move(rep);
  return c;
}

std::string message(const std::string& from, const std::string& subject, const std::string& body,
                    const std::string& in_reply_to = "") {
  return "From: " + from + "\r\nTo: enforcement@appeals.test\r\nSubject: " + subject +
         "\r\nMessage-ID: <m@x.test>\r\n" +
         (in_reply_to.empty() ? "" : "In-Reply-To: " + in_reply_to + "\r\n") + "\r\n" + body +
         "\r\n";
}

} // namespace

TEST_CASE("candidate cases come with the reasons they were suggested") {
  const appeals::CaseBook book(
      {make_case("C-1", "400011112222", "ops@acme.test"),
       make_case("C-2", "400099998888", "news@shop.test", "agency@helpers.test"),
       make_case("C-3", "123", "x@other.test")});
  struct Row {
    std::string what;
    std::string raw;
    std::vector<std::pair<std::string, std::vector<std::string>>> expected;
  };
  const std::vector<Row> rows = {
      {"a stranger saying nothing known", message("a@nowhere.test", "Hello", "Please help."), {}},
      {"the account number in the body, as a word",
       message("priya@shop-holdings.test", "Suspended", "Our account 400099998888 was suspended."),
       {{"C-2", {"account number mentioned"}}}},
      {"the account number in the subject",
       message("priya@gmail.test", "Account 400011112222?", "Why?"),
       {{"C-1", {"account number mentioned"}}}},
      {"a longer number holding the account number is not it",
       message("a@nowhere.test", "Ref 14000111122229", "Ref 4000111122223"),
       {}},
      {"a short account number inside other words is not it",
       message("a@nowhere.test", "Order 1234", "See ticket A123 and 1230."),
       {}},
      {"a colleague at the account's domain",
       message("boss@acme.test", "Our probation", "What do you need?"),
       {{"C-1", {"same domain as the account address"}}}},
      {"the representative",
       message("agency@helpers.test", "For our client", "Hello."),
       {{"C-2", {"representative"}}}},
      {"a reply to the notice from elsewhere, tagged too",
       message("a@nowhere.test", "Re: [C-3] notice", "Answer.", "<n-C-3@enforcement.test>"),
       {{"C-3", {"in-reply-to <n-C-3@enforcement.test>", "subject-tag"}}}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const parsers::Message m = parsers::parse_message(row.raw, {});
    std::vector<std::pair<std::string, std::vector<std::string>>> got;
    for (const daemon::CandidateCase& c : daemon::candidate_cases(m, book)) {
      got.emplace_back(c.record->id, c.why);
    }
    CHECK(got == row.expected);
  }
}
