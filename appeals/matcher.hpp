#pragma once
// Tying a message to its case, in the contract's order: in-reply-to, references, subject-tag,
// sender, none. The first rule that hits wins.
#include "appeals/case_book.hpp"
#include "parsers/message.hpp"

#include <string>
#include <string_view>

namespace appeald::appeals {

// `assigned` is never found by match_message(): an operator tied a triaged message to its case
// (`appeald triage assign`, AppealDesk::judge_assigned).
enum class MatchRule { in_reply_to, references, subject_tag, sender, none, assigned };
std::string_view to_string(MatchRule rule); // "in-reply-to", "references", ..., "assigned"

struct Match {
  const CaseRecord* matched = nullptr; // nullptr for MatchRule::none; points into the book
  MatchRule rule = MatchRule::none;
  // False when a sender-only match fails authentication (dmarc=fail, or spf=fail and dkim=fail
  // with no dmarc result); such a message goes to triage. Thread and subject-tag matches are
  // always trusted (the contract names only the sender rule).
  bool trusted = true;
  // "" when trusted; else one line naming authentication and the results that failed, e.g.
  // "sender authentication failed (dmarc=fail)".
  std::string untrusted_reason;
  // The message is From someone other than the case's address or its representative (a colleague
  // replying in the thread, or no usable From at all); flagged for the reviewer. Only thread
  // matches can set it: the other rules require From to be the case's address.
  bool sender_differs = false;
  // A thread or subject-tag match (trusted: the contract distrusts only the sender rule) whose
  // trusted Authentication-Results fails as a sender match's would (see `trusted`): its From may
  // be forged, so the reviewer is told. Always false for the sender rule, which goes to triage.
  bool sender_unauthenticated = false;
};

// Matches `m` against `book`:
// 1. in-reply-to: an id of In-Reply-To is in a case's thread (the first such id wins);
// 2. references: an id of References is (the last such id wins, as the nearest ancestor);
// 3. subject-tag: the Subject contains "[<case id>]" (id compared exactly, spaces inside the
//    brackets ignored) and From is that case's address; with several tags, the first whose case
//    belongs to From wins;
// 4. sender: From is a case's address; among several cases, the newest notice still open at the
//    message's Date wins, else the newest notice (a message without a Date is judged as of the
//    newest notice); equal notice times go to the case added last;
// 5. none.
// Addresses compare as the parser and the cases file leave them: lowercased.
// `m.auth` is already the trusted Authentication-Results verdict (see parsers/auth_results.hpp).
Match match_message(const parsers::Message& m, const CaseBook& book);

} // namespace appeald::appeals
