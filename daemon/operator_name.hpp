#pragma once
// Who is at the keyboard: the actor an operator command (a review decision, a notice) records in
// the audit log when no --reviewer is given.
#include <string>

namespace appeald::daemon {

// The login name (getlogin_r), else $USER, else "unknown".
std::string default_operator_name();

} // namespace appeald::daemon
