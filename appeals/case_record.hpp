#pragma once
// A case: one enforcement notice sent to an account, as the cases file (contract) describes it.
#include "parsers/date_time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace appeald::appeals {

enum class CaseKind { probation, suspension };
enum class Issue { bounce, complaint, unsolicited, other };

std::string_view to_string(CaseKind kind);
std::string_view to_string(Issue issue);
// nullopt for anything but the contract's lowercase names.
std::optional<CaseKind> case_kind_from(std::string_view name);
std::optional<Issue> issue_from(std::string_view name);

struct CaseRecord {
  std::string id;      // "C-1001"
  std::string account; // "111122223333"
  std::string address; // the account's address, lowercased
  CaseKind kind = CaseKind::probation;
  Issue issue = Issue::other;
  std::string notice_message_id; // "<...>", with brackets
  parsers::DateTime sent_at;
  std::optional<parsers::DateTime> deadline;
  std::optional<std::string> representative; // lowercased address
};

} // namespace appeald::appeals
