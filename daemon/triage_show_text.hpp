#pragma once
// `appeald triage show ID` for a terminal: the item's state and why it is in triage, the headers
// that tell who wrote and about what, the sender's new words indented under "| ", the
// attachments, the candidate cases with why each is one, and the commands to read the raw
// message and to assign it.
#include "daemon/triage_show.hpp"

#include <ostream>
#include <string>

namespace appeald::daemon {

void print_triage_show(const TriageShow& show, const std::string& config_path, std::ostream& out);

} // namespace appeald::daemon
