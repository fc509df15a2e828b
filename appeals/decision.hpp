#pragma once
// What appeald does with a message: the contract's actions, with a reason a person understands.
#include <string>
#include <string_view>
#include <vector>

namespace appeald::appeals {

enum class Action { ignore, triage, await_fixes, request_info, review };
std::string_view to_string(Action action); // "ignore", "triage", "await_fixes", ...

struct Decision {
  Action action = Action::triage;
  std::vector<std::string> missing; // element ids, rubric order; only for request_info
  std::string reason;               // one line: "missing: why the changes prevent recurrence"
};

} // namespace appeald::appeals
