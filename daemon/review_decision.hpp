#pragma once
// A reviewer's decision on a queued appeal (`appeald review accept|reject|ask`), committed as one
// step: the decision mail in the outbox, the review entry's new state, the case closed (accept
// only), the mail's Message-ID joined to the case's thread and the `decided` audit event, all in
// one transaction. The running daemon, or the next `run --once`, sends the mail. A rejection
// also starts the case's appeal afresh (store::start_new_appeal): the customer's next appeal is
// assessed on its own and gets the automatic replies it needs.
#include "daemon/review_setup.hpp"
#include "responders/decision_composer.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

struct DecisionOutcome {
  std::string case_id;
  responders::DecisionKind kind = responders::DecisionKind::accept;
  std::string review_state;            // "accepted", "rejected", "asked"
  std::string message_id;              // of the queued decision mail
  std::vector<std::string> recipients; // To, then Cc
  bool case_closed = false;
};

// "accepted", "rejected", "asked".
std::string_view review_state_after(responders::DecisionKind kind);

// The message a decision threads under: the case's latest message that was not ignored (an
// out-of-office is no place to answer), else its latest message; nullopt when it has none.
std::optional<store::StoredMessage> thread_parent(store::Database& db, std::string_view case_id);

// Records decision `d` on `case_id` at `now_ms` (UTC milliseconds) in one IMMEDIATE transaction
// (so the check that the entry is pending and the writes see the same queue as the daemon).
// The audit event: `decided`, the case, message_id = the mail's, action = to_string(d.kind),
// reason = d.text (for an accept without a note: "appeal accepted"), actor = d.reviewer.
// Errors (nothing committed): "case C-1 has no review entry", "case C-1 is not awaiting review
// (state: accepted)", and the composer's. Throws SQLite::Exception when the store fails.
// `setup` must have been loaded with ReviewNeeds::deciding.
std::expected<DecisionOutcome, std::string> record_decision(ReviewSetup& setup,
                                                            std::string_view case_id,
                                                            const responders::Decision& d,
                                                            std::int64_t now_ms);

} // namespace appeald::daemon
