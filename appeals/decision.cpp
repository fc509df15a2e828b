#include "appeals/decision.hpp"

namespace appeald::appeals {

std::string_view to_string(Action action) {
  switch (action) {
  case Action::ignore:
    return "ignore";
  case Action::triage:
    return "triage";
  case Action::await_fixes:
    return "await_fixes";
  case Action::request_info:
    return "request_info";
  case Action::review:
    return "review";
  }
  return "triage";
}

} // namespace appeald::appeals
