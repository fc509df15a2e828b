// matcher: the contract's rules in order, open cases at the message's own Date, and when a sender
// match is not trusted. Messages go through parse_message(), the path real mail takes.
#include "appeals/matcher.hpp"

#include "parsers/date_time.hpp"
#include "parsers/message_parser.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace appeald::appeals;
using appeald::parsers::DateTime;
using appeald::parsers::Message;
using appeald::parsers::parse_message;
using appeald::parsers::ParseOptions;

namespace {

DateTime at(const char* rfc3339) {
  const std::optional<DateTime> t = appeald::parsers::parse_rfc3339(rfc3339);
  REQUIRE(t.has_value());
  return *t;
}

CaseRecord record(const char* id, const char* address, const char* notice, const char* sent,
                  const char* deadline = nullptr, const char* representative = nullptr) {
  CaseRecord c;
  c.id = id;
  c.account = "4242";
  c.address = address;
  c.notice_message_id = notice;
  c.sent_at = at(sent);
  if (deadline != nullptr) {
    c.deadline = at(deadline);
  }
  if (representative != nullptr) {
    c.representative = representative;
  }
  return c;
}

// ops@acme has two cases (the later one with a short deadline), sales@beta one case with a
// representative and a thread, legal@gamma two cases of which the newer was closed on Nov 4.
CaseBook fixture_book() {
  CaseBook book;
  book.add(record("C-1", "ops@acme.example", "<n-1@enf.example>", "2026-11-01T10:00:00Z",
                  "2026-11-15T00:00:00Z"));
  book.add(record("C-2", "ops@acme.example", "<n-2@enf.example>", "2026-11-05T10:00:00Z",
                  "2026-11-10T00:00:00Z"));
  book.add(record("C-3", "sales@beta.example", "<n-3@enf.example>", "2026-11-01T09:00:00Z", nullptr,
                  "counsel@law.example"));
  book.add(record("C-4", "legal@gamma.example", "<n-4@enf.example>", "2026-11-01T09:00:00Z"));
  book.add(record("C-5", "legal@gamma.example", "<n-5@enf.example>", "2026-11-03T09:00:00Z"));
  book.add_thread_id("C-3", "<reply-77@enf.example>"); // appeald's answer in C-3
  book.add_thread_id("C-3", "<cust-5@beta.example>");  // an earlier message received in C-3
  book.close("C-5", at("2026-11-04T00:00:00Z").unix_seconds);
  return book;
}

Message mail(const std::string& headers) {
  return parse_message(headers + "\r\n\r\nHello, see our answers below.\r\n", ParseOptions{});
}

struct Row {
  std::string what;
  std::string headers;
  std::string case_id; // "" for no match
  MatchRule rule;
  bool trusted = true;
  bool sender_differs = false;
  bool sender_unauthenticated = false;
};

const std::string dmarc_fail = "Authentication-Results: mx.enf.example; spf=pass; dkim=pass; "
                               "dmarc=fail header.from=acme.example\r\n";

} // namespace

TEST_CASE("match_message applies the contract's rules, first hit wins") {
  const CaseBook book = fixture_book();
  const std::vector<Row> rows = {
      {"in-reply-to names the notice",
       "From: ops@acme.example\r\nIn-Reply-To: <n-1@enf.example>\r\nSubject: Re: notice", "C-1",
       MatchRule::in_reply_to},
      {"in-reply-to outranks a subject tag of another case",
       "From: sales@beta.example\r\nIn-Reply-To: <n-1@enf.example>\r\nSubject: Re: [C-3] appeal",
       "C-1", MatchRule::in_reply_to, true, true},
      {"in-reply-to names a reply appeald sent",
       "From: sales@beta.example\r\nIn-Reply-To: <reply-77@enf.example>", "C-3",
       MatchRule::in_reply_to},
      {"in-reply-to: the first known id of several",
       "From: ops@acme.example\r\nIn-Reply-To: <x@nowhere> <n-2@enf.example> <n-1@enf.example>",
       "C-2", MatchRule::in_reply_to},
      {"in-reply-to outranks references",
       "From: ops@acme.example\r\nIn-Reply-To: <n-1@enf.example>\r\nReferences: <n-3@enf.example>",
       "C-1", MatchRule::in_reply_to},
      {"unknown in-reply-to falls to references",
       "From: ops@acme.example\r\nIn-Reply-To: <lost@acme.example>\r\n"
       "References: <n-1@enf.example> <lost@acme.example>",
       "C-1", MatchRule::references},
      {"references where only an older id is known",
       "From: sales@beta.example\r\nReferences: <cust-5@beta.example> <gone-1@enf.example> "
       "<gone-2@beta.example>",
       "C-3", MatchRule::references},
      {"references: the last known id wins",
       "From: sales@beta.example\r\nReferences: <n-1@enf.example> <reply-77@enf.example>", "C-3",
       MatchRule::references},
      {"message ids compare exactly", "From: nobody@else.example\r\nIn-Reply-To: <N-1@enf.example>",
       "", MatchRule::none},
      {"subject tag from the case's address",
       "From: Sales <sales@beta.example>\r\nSubject: Re: [C-3] Your account", "C-3",
       MatchRule::subject_tag},
      {"subject tag: the address compares case-insensitively",
       "From: SALES@Beta.Example\r\nSubject: Re: [C-3] Your account", "C-3",
       MatchRule::subject_tag},
      {"subject tag with spaces inside the brackets",
       "From: sales@beta.example\r\nSubject: AW: [ C-3 ]", "C-3", MatchRule::subject_tag},
      {"subject tag inside another bracket",
       "From: sales@beta.example\r\nSubject: [EXT: [C-3]] appeal", "C-3", MatchRule::subject_tag},
      {"subject tag: the tag naming the sender's case wins",
       "From: sales@beta.example\r\nSubject: [C-1] [ticket 9] [C-3]", "C-3",
       MatchRule::subject_tag},
      {"subject tag from another address falls through to sender",
       "From: ops@acme.example\r\nSubject: Re: [C-3] appeal\r\nDate: 3 Nov 2026 12:00:00 +0000",
       "C-1", MatchRule::sender},
      {"subject tag from a stranger falls through to none",
       "From: stranger@else.example\r\nSubject: Re: [C-3] appeal", "", MatchRule::none},
      {"subject tag of an unknown case falls to sender",
       "From: sales@beta.example\r\nSubject: Re: [C-99] appeal", "C-3", MatchRule::sender},
      {"case ids in tags compare exactly",
       "From: stranger@else.example\r\nSubject: Re: [c-3] appeal", "", MatchRule::none},
      {"sender: the newest notice open at the Date",
       "From: ops@acme.example\r\nDate: 6 Nov 2026 08:00:00 +0000", "C-2", MatchRule::sender},
      {"sender: the Date's zone counts (Nov 5 11:00 UTC, after C-2's notice)",
       "From: ops@acme.example\r\nDate: 5 Nov 2026 06:00:00 -0500", "C-2", MatchRule::sender},
      {"sender: a notice sent after the Date is not open",
       "From: ops@acme.example\r\nDate: 5 Nov 2026 09:59:00 +0000", "C-1", MatchRule::sender},
      {"sender: a deadline passed before the Date is not open",
       "From: ops@acme.example\r\nDate: 12 Nov 2026 08:00:00 +0000", "C-1", MatchRule::sender},
      {"sender: none open, the newest notice",
       "From: ops@acme.example\r\nDate: 20 Nov 2026 08:00:00 +0000", "C-2", MatchRule::sender},
      {"sender: no Date, the newest notice", "From: ops@acme.example", "C-2", MatchRule::sender},
      {"sender: a case closed before the Date is not open",
       "From: legal@gamma.example\r\nDate: 6 Nov 2026 08:00:00 +0000", "C-4", MatchRule::sender},
      {"sender: a case closed after the Date is still open",
       "From: legal@gamma.example\r\nDate: 3 Nov 2026 12:00:00 +0000", "C-5", MatchRule::sender},
      {"sender: the address compares case-insensitively",
       "From: \"Ops\" <OPS@ACME.EXAMPLE>\r\nDate: 3 Nov 2026 12:00:00 +0000", "C-1",
       MatchRule::sender},
      {"a colleague replying in the thread",
       "From: colleague@beta.example\r\nIn-Reply-To: <reply-77@enf.example>", "C-3",
       MatchRule::in_reply_to, true, true},
      {"the representative replying in the thread",
       "From: counsel@law.example\r\nIn-Reply-To: <n-3@enf.example>", "C-3", MatchRule::in_reply_to,
       true, false},
      {"the representative alone is not a sender match", "From: counsel@law.example", "",
       MatchRule::none},
      {"thread match without a From", "In-Reply-To: <n-3@enf.example>\r\nSubject: Re: notice",
       "C-3", MatchRule::in_reply_to, true, true},
      {"no From and no ids", "Subject: [C-3] hello\r\nDate: 3 Nov 2026 12:00:00 +0000", "",
       MatchRule::none},
      {"unknown sender", "From: stranger@else.example\r\nSubject: appeal", "", MatchRule::none},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Match m = match_message(mail(row.headers), book);
    CHECK(to_string(m.rule) == to_string(row.rule));
    CHECK((m.matched == nullptr ? std::string() : m.matched->id) == row.case_id);
    CHECK(m.trusted == row.trusted);
    CHECK(m.sender_differs == row.sender_differs);
    CHECK(m.sender_unauthenticated == row.sender_unauthenticated);
  }
}

TEST_CASE("match_message distrusts a sender match that fails authentication, and flags the "
          "others") {
  const CaseBook book = fixture_book();
  const std::string from = "From: ops@acme.example\r\nDate: 3 Nov 2026 12:00:00 +0000\r\n";
  const std::string ar = "Authentication-Results: mx.enf.example; ";
  const std::vector<Row> rows = {
      {"dmarc=fail", from + dmarc_fail, "C-1", MatchRule::sender, false},
      {"dmarc=fail though spf and dkim pass", from + ar + "spf=pass; dkim=pass; dmarc=fail", "C-1",
       MatchRule::sender, false},
      {"spf=fail and dkim=fail without dmarc", from + ar + "spf=fail; dkim=fail", "C-1",
       MatchRule::sender, false},
      {"spf=fail and dkim=fail with dmarc=pass", from + ar + "spf=fail; dkim=fail; dmarc=pass",
       "C-1", MatchRule::sender, true},
      {"spf=fail and dkim=fail with dmarc=none", from + ar + "spf=fail; dkim=fail; dmarc=none",
       "C-1", MatchRule::sender, true},
      {"spf=softfail and dkim=fail without dmarc", from + ar + "spf=softfail; dkim=fail", "C-1",
       MatchRule::sender, true},
      {"spf=fail alone", from + ar + "spf=fail", "C-1", MatchRule::sender, true},
      {"no Authentication-Results", from, "C-1", MatchRule::sender, true},
      {"only the topmost header counts",
       from + ar + "spf=pass; dkim=pass; dmarc=pass\r\n" + ar + "dmarc=fail", "C-1",
       MatchRule::sender, true},
      // Trusted whatever authentication says (the contract distrusts only the sender rule), but
      // flagged for the reviewer when it fails as a sender match's would.
      {"in-reply-to with dmarc=fail: trusted, flagged",
       from + "In-Reply-To: <n-1@enf.example>\r\n" + dmarc_fail, "C-1", MatchRule::in_reply_to,
       true, false, true},
      {"references with spf=fail and dkim=fail: trusted, flagged",
       from + "References: <n-1@enf.example>\r\n" + ar + "spf=fail; dkim=fail", "C-1",
       MatchRule::references, true, false, true},
      {"a subject tag with dmarc=fail: trusted, flagged",
       from + "Subject: Re: [C-2]\r\n" + dmarc_fail, "C-2", MatchRule::subject_tag, true, false,
       true},
      {"a subject tag with dmarc=pass: not flagged",
       from + "Subject: Re: [C-2]\r\n" + ar + "spf=fail; dkim=fail; dmarc=pass", "C-2",
       MatchRule::subject_tag, true, false, false},
      {"in-reply-to with spf=fail alone: not flagged",
       from + "In-Reply-To: <n-1@enf.example>\r\n" + ar + "spf=fail", "C-1", MatchRule::in_reply_to,
       true, false, false},
      {"a colleague in the thread with dmarc=fail: both flags",
       "From: intern@acme.example\r\nIn-Reply-To: <n-1@enf.example>\r\n" + dmarc_fail, "C-1",
       MatchRule::in_reply_to, true, true, true},
      {"no match with dmarc=fail: nothing to flag", "From: nobody@else.example\r\n" + dmarc_fail,
       "", MatchRule::none, true, false, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const Match m = match_message(mail(row.headers), book);
    CHECK(to_string(m.rule) == to_string(row.rule));
    CHECK((m.matched == nullptr ? std::string() : m.matched->id) == row.case_id);
    CHECK(m.trusted == row.trusted);
    CHECK(m.sender_differs == row.sender_differs);
    CHECK(m.sender_unauthenticated == row.sender_unauthenticated);
    if (row.trusted) {
      CHECK(m.untrusted_reason.empty());
    } else {
      CHECK(m.untrusted_reason.find("authentication") != std::string::npos);
      CHECK(m.untrusted_reason.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("match_message reads fields set directly") {
  const CaseBook book = fixture_book();
  Message m;
  m.from.address = "ops@acme.example";
  m.date = at("2026-11-06T00:00:00Z");
  m.auth.spf = "fail";
  m.auth.dkim = "fail";
  const Match untrusted = match_message(m, book);
  CHECK(untrusted.matched == book.find("C-2"));
  CHECK_FALSE(untrusted.trusted);
  CHECK(untrusted.untrusted_reason ==
        "sender authentication failed (spf=fail, dkim=fail, no dmarc result)");

  m.auth.dmarc = "fail";
  CHECK(match_message(m, book).untrusted_reason == "sender authentication failed (dmarc=fail)");

  const Match none = match_message(Message{}, CaseBook{});
  CHECK(none.matched == nullptr);
  CHECK(none.rule == MatchRule::none);
}

TEST_CASE("MatchRule names are the contract's") {
  CHECK(to_string(MatchRule::in_reply_to) == "in-reply-to");
  CHECK(to_string(MatchRule::references) == "references");
  CHECK(to_string(MatchRule::subject_tag) == "subject-tag");
  CHECK(to_string(MatchRule::sender) == "sender");
  CHECK(to_string(MatchRule::none) == "none");
}
