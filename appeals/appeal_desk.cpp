#include "appeals/appeal_desk.hpp"

#include "parsers/limit_warnings.hpp"

#include <algorithm>

namespace appeald::appeals {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) {
      out += sep;
    }
    out += p;
  }
  return out;
}

// The most of a planned change an await_fixes reason quotes: 100 bytes of it and "...".
constexpr std::size_t reason_quote_bytes = 103;

bool has_words(const parsers::ReplyText& reply) {
  return std::any_of(reply.text.begin(), reply.text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

} // namespace

AppealDesk::AppealDesk(CaseBook book, const Rubric& rubric)
    : book_(std::move(book)), rubric_(rubric) {}

void AppealDesk::record_reply(std::string_view case_id, std::string_view message_id) {
  book_.add_thread_id(case_id, message_id);
}

std::optional<CaseAssessment> AppealDesk::assessment(std::string_view case_id) const {
  const auto it = assessments_.find(case_id);
  if (it == assessments_.end()) {
    return std::nullopt;
  }
  return it->second.unpack();
}

void AppealDesk::restore_assessment(std::string_view case_id, CaseAssessment state) {
  assessments_.insert_or_assign(std::string(case_id), PackedAssessment(state));
}

Decision AppealDesk::decide(const CaseAssessment& state, Issue issue,
                            std::vector<const RubricElement*>& missing) const {
  Decision d;
  const bool changes_made = state.found.contains("changes");
  if (!changes_made && !state.planned.empty()) {
    d.action = Action::await_fixes;
    d.reason = "changes are only planned, none in place yet: \"" +
               clip_sentence(state.planned.front(), reason_quote_bytes) + "\"";
    return d;
  }
  std::vector<std::string> titles;
  for (const RubricElement* e : rubric_.required_for(issue)) {
    if (!state.found.contains(e->id)) {
      missing.push_back(e);
      d.missing.push_back(e->id);
      titles.push_back(e->title);
    }
  }
  if (!missing.empty()) {
    d.action = Action::request_info;
    d.reason = "missing: " + join(titles, "; ");
    std::sort(d.missing.begin(), d.missing.end());
    return d;
  }
  d.action = Action::review;
  d.reason = "complete: every required element is explained";
  if (!state.planned.empty()) {
    d.reason += " (" + std::to_string(state.planned.size()) + " further change" +
                (state.planned.size() == 1 ? "" : "s") + " planned)";
  }
  return d;
}

Verdict AppealDesk::judge(const parsers::Message& m) {
  Match match = match_message(m, book_);
  if (const std::string over = parsers::limits_exceeded(m.warnings); !over.empty()) {
    // Part of the message was never read: judging the rest could miss what it says, and a
    // hostile message must not steer a reply. A person reads it whole (kept raw).
    Verdict v;
    v.match = std::move(match);
    v.decision = {Action::triage, {}, "over a parser limit: " + over};
    return v;
  }
  return settle(m, std::move(match));
}

Verdict AppealDesk::judge_assigned(const parsers::Message& m, std::string_view case_id) {
  const CaseRecord* c = book_.find(case_id);
  if (c == nullptr) {
    Verdict v;
    v.decision = {Action::triage, {}, "no case " + std::string(case_id) + " to assign to"};
    return v;
  }
  Match match;
  match.matched = c;
  match.rule = MatchRule::assigned;
  const std::string& from = m.from.address;
  match.sender_differs = from.empty() || (from != c->address && from != c->representative);
  return settle(m, std::move(match));
}

Verdict AppealDesk::settle(const parsers::Message& m, Match match) {
  Verdict v;
  v.match = std::move(match);
  const CaseRecord* c = v.match.matched;

  bool settled = true;
  if (m.auto_kind != parsers::AutoKind::none) {
    v.decision = {
        Action::ignore, {}, "machine-generated mail (" + std::string(to_string(m.auto_kind)) + ")"};
  } else if (c == nullptr) {
    v.decision = {Action::triage,
                  {},
                  "no case matched: no known thread id, no case tag from the account address, "
                  "and the sender is no account's address"};
  } else if (!v.match.trusted) {
    v.decision = {Action::triage, {}, "sender match not trusted: " + v.match.untrusted_reason};
  } else if (!has_words(m.reply)) {
    v.decision = {Action::triage,
                  {},
                  m.attachments.empty() ? "nothing to assess: the message has no new words"
                                        : "nothing to assess: no new words, only attachments"};
  } else {
    settled = false;
  }
  // Untrusted messages must not let later replies to them match the case.
  if (c != nullptr && m.message_id && v.match.trusted) {
    book_.add_thread_id(c->id, *m.message_id);
  }
  if (settled) {
    return v;
  }

  PackedAssessment& packed = assessments_[c->id];
  CaseAssessment state = packed.unpack();
  assess_reply(m.reply, c->issue, rubric_, state);
  v.decision = decide(state, c->issue, v.missing_elements);
  packed = PackedAssessment(state);
  v.found = std::move(state.found);
  v.planned = std::move(state.planned);
  return v;
}

} // namespace appeald::appeals
