// The contract's names for case kinds and issues, both ways.
#include "appeals/case_record.hpp"

namespace appeald::appeals {

std::string_view to_string(CaseKind kind) {
  switch (kind) {
  case CaseKind::probation:
    return "probation";
  case CaseKind::suspension:
    return "suspension";
  }
  return "probation";
}

std::string_view to_string(Issue issue) {
  switch (issue) {
  case Issue::bounce:
    return "bounce";
  case Issue::complaint:
    return "complaint";
  case Issue::unsolicited:
    return "unsolicited";
  case Issue::other:
    return "other";
  }
  return "other";
}

std::optional<CaseKind> case_kind_from(std::string_view name) {
  for (CaseKind k : {CaseKind::probation, CaseKind::suspension}) {
    if (to_string(k) == name) {
      return k;
    }
  }
  return std::nullopt;
}

std::optional<Issue> issue_from(std::string_view name) {
  for (Issue i : {Issue::bounce, Issue::complaint, Issue::unsolicited, Issue::other}) {
    if (to_string(i) == name) {
      return i;
    }
  }
  return std::nullopt;
}

} // namespace appeald::appeals
