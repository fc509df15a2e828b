#pragma once
// The cases a triaged message might belong to, so the operator sees what to assign it to. Looser
// than matching (appeals/matcher.hpp) on purpose: a tag in the Subject counts whoever sent it, and
// every thread id counts, so a forwarded or colleague's reply still shows its case.
#include "appeals/case_book.hpp"
#include "parsers/message.hpp"

#include <string>
#include <vector>

namespace appeald::daemon {

struct CandidateCase {
  const appeals::CaseRecord* record = nullptr; // points into the book
  // Why, in the order found: "in-reply-to <id>", "references <id>", "subject-tag",
  // "sender" (From is the case's address), "representative" (From is its representative),
  // "same domain as the account address", "account number mentioned" (in the Subject or the
  // sender's new words, as a whole word).
  std::vector<std::string> why;
};

// Candidates for `m` in `book`: cases whose thread holds an In-Reply-To or References id, whose
// "[id]" tag is in the Subject (compared exactly, spaces inside the brackets ignored), or whose
// address or representative is From, whose address shares From's domain, or whose account number
// the Subject or the new words mention. Each case once, in the book's order.
std::vector<CandidateCase> candidate_cases(const parsers::Message& m,
                                           const appeals::CaseBook& book);

} // namespace appeald::daemon
