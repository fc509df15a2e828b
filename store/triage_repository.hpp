#pragma once
// The triage queue: messages appeald could not file into a case (action "triage": unmatched, an
// untrusted sender match, nothing to assess, truncated, past the reply budget) and what an operator
// decided about each. A triage item's id is its stored message's id. A triaged message with no
// decision is open; a decision (assigned to a case, or dismissed) is final. No transactions opened
// here (store/database.hpp); throws SQLite::Exception when SQLite fails.
#include "store/database.hpp"
#include "store/message_repository.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::store {

enum class TriageState { open, assigned, dismissed };
std::string_view to_string(TriageState state); // "open", "assigned", "dismissed"
// nullopt for anything but the three names.
std::optional<TriageState> parse_triage_state(std::string_view name);

// An operator's decision about one triaged message.
struct TriageDecision {
  std::int64_t message = 0;                  // the stored message's id (the triage id)
  TriageState state = TriageState::assigned; // assigned or dismissed, never open
  std::string case_id;                       // the case assigned to; "" when dismissed
  std::string decided_by;
  std::string reason;          // the operator's note or reason, one line as given
  std::int64_t decided_at = 0; // UTC seconds
};

struct TriageItem {
  StoredMessage message; // without its raw bytes
  TriageState state = TriageState::open;
  std::optional<TriageDecision> decision; // set unless open
};

// Items in `state` (all when nullopt), oldest first (by stored id). An item is a message whose
// action is "triage" or which has a decision (an assigned message's action is what its assessment
// then said).
std::vector<TriageItem> list_triage(Database& db, std::optional<TriageState> state);

// The item with triage id `id`; nullopt when message `id` does not exist or is neither triaged
// nor decided.
std::optional<TriageItem> find_triage(Database& db, std::int64_t id);

// Records `d` (its state must not be open: std::invalid_argument). A second decision for the same
// message fails (SQLite::Exception, primary key): callers check find_triage first, inside the same
// transaction.
void record_triage_decision(Database& db, const TriageDecision& d);

} // namespace appeald::store
