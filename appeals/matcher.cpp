// match_message: the contract's matching rules, first hit wins.
#include "appeals/matcher.hpp"

#include "parsers/header_block.hpp"

#include <cstddef>
#include <optional>

namespace appeald::appeals {

std::string_view to_string(MatchRule rule) {
  switch (rule) {
  case MatchRule::in_reply_to:
    return "in-reply-to";
  case MatchRule::references:
    return "references";
  case MatchRule::subject_tag:
    return "subject-tag";
  case MatchRule::sender:
    return "sender";
  case MatchRule::none:
    return "none";
  case MatchRule::assigned:
    return "assigned";
  }
  return "none";
}

namespace {

Match thread_match(const CaseRecord& c, MatchRule rule, const parsers::Message& m) {
  Match out;
  out.matched = &c;
  out.rule = rule;
  const std::string& from = m.from.address;
  out.sender_differs = from.empty() || (from != c.address && from != c.representative);
  return out;
}

// The first "[id]" tag of `subject` naming a case of `from`.
const CaseRecord* subject_tag_case(std::string_view subject, std::string_view from,
                                   const CaseBook& book) {
  std::size_t pos = 0;
  while ((pos = subject.find('[', pos)) != std::string_view::npos) {
    const std::size_t close = subject.find(']', pos + 1);
    if (close == std::string_view::npos) {
      return nullptr;
    }
    const std::string_view inner = subject.substr(pos + 1, close - pos - 1);
    // "[[C-1001]]" or "[Ext: [C-1001]]": restart at the innermost '['.
    const std::size_t nested = inner.rfind('[');
    const std::string_view tag =
        parsers::trim(nested == std::string_view::npos ? inner : inner.substr(nested + 1));
    if (const CaseRecord* c = book.find(tag); c != nullptr && c->address == from) {
      return c;
    }
    pos = close + 1;
  }
  return nullptr;
}

// The newest notice open at `when`, else the newest notice; later-added wins ties.
const CaseRecord* pick_sender_case(const std::vector<const CaseRecord*>& cases,
                                   std::optional<std::int64_t> when, const CaseBook& book) {
  const CaseRecord* newest_open = nullptr;
  const CaseRecord* newest = nullptr;
  for (const CaseRecord* c : cases) {
    if (newest == nullptr || c->sent_at.unix_seconds >= newest->sent_at.unix_seconds) {
      newest = c;
    }
    if (when && book.is_open(*c, *when) &&
        (newest_open == nullptr || c->sent_at.unix_seconds >= newest_open->sent_at.unix_seconds)) {
      newest_open = c;
    }
  }
  return newest_open != nullptr ? newest_open : newest;
}

// "" when the verdict lets a sender match stand; else the reason it does not.
std::string authentication_failure(const parsers::AuthVerdict& auth) {
  if (auth.dmarc == "fail") {
    return "sender authentication failed (dmarc=fail)";
  }
  if (auth.dmarc.empty() && auth.spf == "fail" && auth.dkim == "fail") {
    return "sender authentication failed (spf=fail, dkim=fail, no dmarc result)";
  }
  return "";
}

// The contract's rules without the flag that depends on authentication.
Match match_by_rules(const parsers::Message& m, const CaseBook& book) {
  for (const std::string& id : m.in_reply_to) {
    if (const CaseRecord* c = book.by_thread_id(id)) {
      return thread_match(*c, MatchRule::in_reply_to, m);
    }
  }
  for (auto it = m.references.rbegin(); it != m.references.rend(); ++it) {
    if (const CaseRecord* c = book.by_thread_id(*it)) {
      return thread_match(*c, MatchRule::references, m);
    }
  }
  const std::string& from = m.from.address;
  if (from.empty()) {
    return Match{};
  }
  if (const CaseRecord* c = subject_tag_case(m.subject, from, book)) {
    Match out;
    out.matched = c;
    out.rule = MatchRule::subject_tag;
    return out;
  }
  const std::vector<const CaseRecord*> cases = book.by_address(from);
  if (cases.empty()) {
    return Match{};
  }
  std::optional<std::int64_t> when;
  if (m.date) {
    when = m.date->unix_seconds;
  }
  Match out;
  out.matched = pick_sender_case(cases, when, book);
  out.rule = MatchRule::sender;
  out.untrusted_reason = authentication_failure(m.auth);
  out.trusted = out.untrusted_reason.empty();
  return out;
}

} // namespace

Match match_message(const parsers::Message& m, const CaseBook& book) {
  Match out = match_by_rules(m, book);
  out.sender_unauthenticated = out.matched != nullptr && out.rule != MatchRule::sender &&
                               !authentication_failure(m.auth).empty();
  return out;
}

} // namespace appeald::appeals
