#pragma once
// The triage queue as an operator sees it (`appeald triage list`): each message appeald could not
// file into a case, who sent it, what about, and why it is here, oldest first.
#include "parsers/message_parser.hpp"
#include "store/database.hpp"
#include "store/triage_repository.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// The table clips subjects to this many characters (UTF-8 characters, "..." added).
inline constexpr std::size_t triage_subject_width = 40;

struct TriageRow {
  store::TriageItem item;
  std::string from;    // From address, lowercased; "" when none or no raw bytes
  std::string subject; // decoded, one line
};

// Items in `state` (every state when nullopt), oldest first, with From and Subject read from the
// stored raw bytes with `parse`.
std::vector<TriageRow> triage_rows(store::Database& db, std::optional<store::TriageState> state,
                                   const parsers::ParseOptions& parse);

// {"id","message_id","received_at" (RFC 3339 UTC),"from","subject","case" (or null),"reason",
// "state","action","folder","truncated","decided_by","decided_at","decision_reason" (the last
// three null while open)}. "case" is the case it matched untrusted, or was assigned to.
nlohmann::ordered_json triage_row_json(const TriageRow& row);

// The table: ID RECEIVED FROM SUBJECT CASE REASON (and STATE after CASE when shown);
// columns padded, REASON last and unpadded, empty cells "-", the subject clipped.
enum class StateColumn { hidden, shown };
void print_triage_table(const std::vector<TriageRow>& rows, StateColumn state, std::ostream& out);

// `text` cut to at most `max` UTF-8 characters, "..." added when cut.
std::string clip_text(std::string_view text, std::size_t max);

} // namespace appeald::daemon
