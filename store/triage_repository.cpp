#include "store/triage_repository.hpp"

#include "store/sql_values.hpp"

#include <stdexcept>

namespace appeald::store {

namespace {

using detail::bind_text;
using detail::column_bytes;

// Every message that is or was a triage item, with its decision columns (NULL when open).
constexpr std::string_view triage_select =
    "SELECT m.id, d.state, d.case_id, d.decided_by, d.reason, d.decided_at "
    "FROM messages m LEFT JOIN triage_decisions d ON d.message_id = m.id "
    "WHERE (m.action = 'triage' OR d.message_id IS NOT NULL) ";

// The decision columns of the current row, nullopt when the item is open. A state the schema's
// CHECK allows but this build does not know is a corrupt row, not an open item.
std::optional<TriageDecision> read_decision(SQLite::Statement& st) {
  if (st.getColumn(1).isNull()) {
    return std::nullopt;
  }
  TriageDecision d;
  d.message = st.getColumn(0).getInt64();
  const std::string state = column_bytes(st.getColumn(1));
  const auto parsed = parse_triage_state(state);
  if (!parsed || *parsed == TriageState::open) {
    throw std::runtime_error("triage decision of message " + std::to_string(d.message) +
                             " has an unknown state: " + state);
  }
  d.state = *parsed;
  d.case_id = column_bytes(st.getColumn(2));
  d.decided_by = column_bytes(st.getColumn(3));
  d.reason = column_bytes(st.getColumn(4));
  d.decided_at = st.getColumn(5).getInt64();
  return d;
}

std::vector<TriageItem> read_items(Database& db, SQLite::Statement& st,
                                   std::optional<TriageState> wanted) {
  std::vector<std::pair<std::int64_t, std::optional<TriageDecision>>> found;
  while (st.executeStep()) {
    std::optional<TriageDecision> d = read_decision(st);
    const TriageState state = d ? d->state : TriageState::open;
    if (!wanted || *wanted == state) {
      found.emplace_back(st.getColumn(0).getInt64(), std::move(d));
    }
  }
  std::vector<TriageItem> out;
  for (auto& [id, decision] : found) {
    auto message = find_message(db, id);
    if (!message) {
      continue; // cannot happen inside one transaction; nothing to show without the row
    }
    TriageItem item;
    item.message = std::move(*message);
    item.state = decision ? decision->state : TriageState::open;
    item.decision = std::move(decision);
    out.push_back(std::move(item));
  }
  return out;
}

} // namespace

std::string_view to_string(TriageState state) {
  switch (state) {
  case TriageState::open:
    return "open";
  case TriageState::assigned:
    return "assigned";
  case TriageState::dismissed:
    return "dismissed";
  }
  return "open";
}

std::optional<TriageState> parse_triage_state(std::string_view name) {
  for (TriageState s : {TriageState::open, TriageState::assigned, TriageState::dismissed}) {
    if (to_string(s) == name) {
      return s;
    }
  }
  return std::nullopt;
}

std::vector<TriageItem> list_triage(Database& db, std::optional<TriageState> state) {
  SQLite::Statement st(db.sql(), std::string(triage_select) + "ORDER BY m.id");
  return read_items(db, st, state);
}

std::optional<TriageItem> find_triage(Database& db, std::int64_t id) {
  SQLite::Statement st(db.sql(), std::string(triage_select) + "AND m.id = ?");
  st.bind(1, id);
  std::vector<TriageItem> items = read_items(db, st, std::nullopt);
  if (items.empty()) {
    return std::nullopt;
  }
  return std::move(items.front());
}

void record_triage_decision(Database& db, const TriageDecision& d) {
  if (d.state == TriageState::open) {
    throw std::invalid_argument("record_triage_decision: a decision cannot be 'open'");
  }
  SQLite::Statement st(db.sql(), "INSERT INTO triage_decisions (message_id, state, case_id, "
                                 "decided_by, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, d.message);
  bind_text(st, 2, to_string(d.state));
  if (d.case_id.empty()) {
    st.bind(3); // NULL: dismissed, no case
  } else {
    bind_text(st, 3, d.case_id);
  }
  bind_text(st, 4, d.decided_by);
  bind_text(st, 5, d.reason);
  st.bind(6, d.decided_at);
  st.exec();
}

} // namespace appeald::store
