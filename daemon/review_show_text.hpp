#pragma once
// `appeald review show ID` for a terminal: the case, its review entry, the account's other cases,
// each message with the sender's new words indented under "| ", the assessment's evidence per
// element, the case's mail, and the command that prints a message's raw bytes.
#include "daemon/review_show.hpp"

#include <ostream>
#include <string>

namespace appeald::daemon {

void print_review_show(const ReviewShow& show, const std::string& config_path, std::ostream& out);

} // namespace appeald::daemon
