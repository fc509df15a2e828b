#pragma once
// Deciding about a triaged message: which ones may still be decided, and dismissing one. (Assigning
// one to a case judges it again: MailIntake::assign, daemon/mail_intake.hpp.)
#include "store/database.hpp"
#include "store/triage_repository.hpp"

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace appeald::daemon {

// Triage item `id` in any state. Errors, one line: "no triage item 7: no stored message has that
// id", "message 7 is not a triage item (its action is review)".
std::expected<store::TriageItem, std::string> find_triage_item(store::Database& db,
                                                               std::int64_t id);

// Triage item `id` when it is open (call inside the deciding transaction). Errors, one line:
// find_triage_item's, "triage item 7 was already assigned to C-1 by alice at T" or "... already
// dismissed by alice at T".
std::expected<store::TriageItem, std::string> open_triage_item(store::Database& db,
                                                               std::int64_t id);

// Dismisses open triage item `id`: records the decision (by `actor`, saying `reason`) and audits
// "dismissed" (actor, the message's case if any, its Message-ID, the reason on one line) in one
// transaction at `now_ms` (UTC milliseconds). No mail goes out and the message stays where it is.
// Errors: open_triage_item's. Throws (SQLite) only when the store fails; nothing is committed then.
std::expected<store::TriageItem, std::string> dismiss_triage(store::Database& db, std::int64_t id,
                                                             std::string_view actor,
                                                             std::string_view reason,
                                                             std::int64_t now_ms);

} // namespace appeald::daemon
