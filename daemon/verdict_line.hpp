#pragma once
// The dry-run line (daemon/verdict_json.hpp) written straight into a string, without building a
// JSON tree: on a large dump, building and dumping the tree was a fifth of the whole run. The
// bytes are exactly dump_json(verdict_to_json(...)); any string that is not valid UTF-8 makes it
// fall back to that path, so nlohmann's replacement of bad bytes stays the one rule.
#include "appeals/appeal_desk.hpp"
#include "parsers/message.hpp"
#include "responders/outgoing_mail.hpp"

#include <optional>
#include <string>

namespace appeald::daemon {

// Appends the line (without the newline) to `out`.
void append_verdict_line(std::string& out, const parsers::Message& m, const appeals::Verdict& v,
                         const std::optional<responders::OutgoingMail>& reply,
                         const std::string& origin);

} // namespace appeald::daemon
