#pragma once
// The engine: one message in, one verdict out (match, action, reason, evidence). Holds the state a
// run accumulates: each case's thread ids and its cumulative assessment. No I/O.
#include "appeals/assessment.hpp"
#include "appeals/case_book.hpp"
#include "appeals/decision.hpp"
#include "appeals/matcher.hpp"
#include "appeals/packed_assessment.hpp"
#include "appeals/rubric.hpp"
#include "parsers/message.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace appeald::appeals {

struct Verdict {
  Match match;
  Decision decision;
  // The case's cumulative evidence and planned changes after this message; empty for ignore
  // and triage.
  std::map<std::string, std::vector<std::string>> found;
  std::vector<std::string> planned;
  std::vector<const RubricElement*> missing_elements; // rubric order, for the reply
};

class AppealDesk {
public:
  // `rubric` must outlive the desk.
  AppealDesk(CaseBook book, const Rubric& rubric);

  // Judges `m` in the contract's order, after one check of our own: a message a parser limit cut
  // short (parsers/limit_warnings.hpp) goes to triage, matched but unread, with the limits named
  // in the reason. Then machine mail is ignored (still matched); unmatched or
  // untrusted sender matches go to triage, as do messages with no new words to assess; the rest
  // are assessed cumulatively with the case's earlier messages and decided:
  // await_fixes (changes only planned) > request_info (elements missing) > review.
  // The message's id joins its case's thread unless it was triaged.
  Verdict judge(const parsers::Message& m);

  // Judges `m` as judge() does, but as a message of case `case_id`, whatever it says: an operator
  // assigned it (`appeald triage assign`). The match is MatchRule::assigned and trusted (a person
  // vouched for it, and has read what a parser limit cut short), with sender_differs set as for a
  // thread match. Machine mail is still ignored and a message with no new words still goes to
  // triage; otherwise it is assessed with the case's earlier messages. Its id joins the case's
  // thread. The caller checks that the case is in book() first; for an unknown id the verdict is
  // triage, unmatched, and nothing changes.
  Verdict judge_assigned(const parsers::Message& m, std::string_view case_id);

  // Records a reply appeald sent (or would send) in `case_id`'s thread, so replies to it match.
  void record_reply(std::string_view case_id, std::string_view message_id);

  const CaseBook& book() const { return book_; }

  // The cumulative assessment of `case_id` so far (a copy), or nullopt when no message was
  // assessed.
  std::optional<CaseAssessment> assessment(std::string_view case_id) const;
  // Resumes a case's assessment saved by an earlier run (the daemon keeps them in its store), so
  // later messages add to it. Replaces any assessment the desk holds for the case.
  void restore_assessment(std::string_view case_id, CaseAssessment state);

private:
  // Everything after matching: the action, the thread and the assessment.
  Verdict settle(const parsers::Message& m, Match match);
  Decision decide(const CaseAssessment& state, Issue issue,
                  std::vector<const RubricElement*>& missing) const;

  CaseBook book_;
  const Rubric& rubric_;
  // Packed: a run over a dump holds every case's assessment at once.
  std::map<std::string, PackedAssessment, std::less<>> assessments_;
};

} // namespace appeald::appeals
