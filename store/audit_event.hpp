#pragma once
// One audit log event (contract: "Audit log"). Written to the store in the same transaction as the
// state change it describes, then appended to the audit log file as one JSON line, so the two
// always agree. Never holds a password or a message body.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace appeald::store {

struct AuditEvent {
  std::int64_t ts_ms = 0; // UTC milliseconds since the epoch; written as RFC 3339 UTC
  std::string event;      // "received", "matched", "assessed", "ignored", "triaged", "queued",
                          // "reply_queued", "reply_sent", "send_failed", "decided",
                          // "notice_sent", "deadline_near", "deadline_passed", ...
  std::string case_id;    // "" when none
  std::string message_id; // "<...>", "" when none
  std::string action;     // contract action, "" when none
  std::string reason;     // one line a person understands, "" when none
  std::string actor = "appeald"; // "appeald" or the reviewer
  // Extension fields, written after the contract's, in this order ("folder", "uid", "attempt").
  std::vector<std::pair<std::string, std::string>> extra;
};

} // namespace appeald::store
