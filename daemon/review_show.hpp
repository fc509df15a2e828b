#pragma once
// Everything a reviewer reads before deciding (`appeald review show ID`): the case, the account's
// other cases, each message of the case with the sender's new words, the cumulative assessment,
// and the replies and decisions sent or queued. Gathered once, then printed as JSON or text.
#include "appeals/assessment.hpp"
#include "daemon/review_queue_view.hpp"
#include "daemon/review_setup.hpp"
#include "parsers/date_time.hpp"
#include "store/case_repository.hpp"
#include "store/message_repository.hpp"
#include "store/outbox_repository.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

struct ShownMessage {
  store::StoredMessage stored;
  std::string from;    // address, lowercased; "" when the raw bytes were not stored
  std::string subject; // decoded, one line
  std::optional<parsers::DateTime> date;
  std::string new_words; // the sender's new words (parsers: reply.text)
};

struct ReviewShow {
  store::CaseSummary summary;
  std::optional<ReviewRow> review; // nullopt when the case was never queued
  struct OtherCase {
    store::CaseSummary summary;
    std::string review_state; // "" when never queued
  };
  std::vector<OtherCase> other_cases; // same account, in import order
  std::vector<ShownMessage> messages; // oldest first
  // The review entry's cumulative assessment (the case's saved one when not queued); nullopt
  // when there is none, with `assessment_error` set when it could not be read.
  std::optional<appeals::CaseAssessment> assessment;
  std::string assessment_error;
  std::vector<store::OutboxEntry> outbox; // the case's mail, oldest first
};

// Gathers case `case_id` at `now` (UTC seconds). Error: "no case C-9 in the store".
std::expected<ReviewShow, std::string> load_review_show(ReviewSetup& setup,
                                                        std::string_view case_id, std::int64_t now);

// The command that prints a message's raw bytes, for the reviewer to save and open.
std::string raw_command(const ReviewShow& show, const std::string& config_path);

// {"case":{...},"review":{... as review list, or null},"other_cases":[...],"messages":[...],
// "assessment":{"found","planned","said_no_changes","messages"} or null,"outbox":[...],
// "raw_command":"..."}. Times are RFC 3339.
nlohmann::ordered_json review_show_json(const ReviewShow& show, const std::string& config_path);

} // namespace appeald::daemon
