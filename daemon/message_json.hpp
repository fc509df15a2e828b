#pragma once
// The contract's JSON view of a parsed message (`appeald inspect`).
#include "parsers/message.hpp"

#include <nlohmann/json.hpp>

namespace appeald::daemon {

// The inspect object: the contract's fields (message_id, in_reply_to, references, from, subject,
// date, auto, auth, attachments, text, reply_text) plus extensions (to, cc, reply_to,
// reply_blocks, embedded, warnings, truncated). Absent auth results are reported as "none".
nlohmann::ordered_json message_to_json(const parsers::Message& m);

// {"name": ..., "address": ...}
nlohmann::ordered_json mailbox_to_json(const parsers::Mailbox& mb);

// Serialises `j` on one line; invalid UTF-8 (which the parsers never produce) is replaced.
std::string dump_json(const nlohmann::ordered_json& j, int indent = -1);

} // namespace appeald::daemon
