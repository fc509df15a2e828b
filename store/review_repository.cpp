#include "store/review_repository.hpp"

#include "store/sql_values.hpp"

#include <algorithm>
#include <stdexcept>

namespace appeald::store {

namespace {

using detail::bind_text;
using detail::column_bytes;

constexpr std::string_view review_columns =
    "case_id, message_id, received_at, flags_json, reason, state, assessment_json, decided_at, "
    "decided_by, decision_text";

ReviewEntry read_review(SQLite::Statement& st) {
  ReviewEntry r;
  r.case_id = column_bytes(st.getColumn(0));
  r.message_id = column_bytes(st.getColumn(1));
  r.received_at = st.getColumn(2).getInt64();
  r.flags = detail::decode_string_list(column_bytes(st.getColumn(3)), "review flags");
  r.reason = column_bytes(st.getColumn(4));
  r.state = column_bytes(st.getColumn(5));
  r.assessment_json = column_bytes(st.getColumn(6));
  r.decided_at = detail::column_optional_int64(st.getColumn(7));
  r.decided_by = column_bytes(st.getColumn(8));
  r.decision_text = column_bytes(st.getColumn(9));
  return r;
}

std::vector<std::string> sorted_unique(std::vector<std::string> flags) {
  std::sort(flags.begin(), flags.end());
  flags.erase(std::unique(flags.begin(), flags.end()), flags.end());
  return flags;
}

} // namespace

void upsert_review(Database& db, const ReviewEntry& e) {
  std::vector<std::string> flags = e.flags;
  if (auto existing = find_review(db, e.case_id)) {
    flags.insert(flags.end(), existing->flags.begin(), existing->flags.end());
  }
  SQLite::Statement st(db.sql(),
                       "INSERT INTO reviews (case_id, message_id, received_at, flags_json, reason, "
                       "state, assessment_json, decided_at, decided_by, decision_text) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, NULL, '', '') "
                       "ON CONFLICT (case_id) DO UPDATE SET message_id = ?2, received_at = ?3, "
                       "flags_json = ?4, reason = ?5, state = 'pending', assessment_json = ?6, "
                       "decided_at = NULL, decided_by = '', decision_text = ''");
  bind_text(st, 1, e.case_id);
  bind_text(st, 2, e.message_id);
  st.bind(3, e.received_at);
  bind_text(st, 4, detail::encode_string_list(sorted_unique(std::move(flags))));
  bind_text(st, 5, e.reason);
  bind_text(st, 6, e.assessment_json);
  st.exec();
}

std::vector<ReviewEntry> list_reviews(Database& db, std::optional<std::string_view> state) {
  SQLite::Statement st(db.sql(), "SELECT " + std::string(review_columns) +
                                     " FROM reviews WHERE ?1 IS NULL OR state = ?1 "
                                     "ORDER BY received_at, case_id");
  if (state) {
    bind_text(st, 1, *state);
  } else {
    st.bind(1);
  }
  std::vector<ReviewEntry> out;
  while (st.executeStep()) {
    out.push_back(read_review(st));
  }
  return out;
}

std::optional<ReviewEntry> find_review(Database& db, std::string_view case_id) {
  SQLite::Statement st(db.sql(),
                       "SELECT " + std::string(review_columns) + " FROM reviews WHERE case_id = ?");
  bind_text(st, 1, case_id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_review(st);
}

void decide_review(Database& db, std::string_view case_id, std::string_view state,
                   std::string_view by, std::string_view text, std::int64_t when) {
  if (state != "accepted" && state != "rejected" && state != "asked") {
    throw std::invalid_argument("review decision must be accepted, rejected or asked, not \"" +
                                std::string(state) + "\"");
  }
  SQLite::Statement st(db.sql(), "UPDATE reviews SET state = ?, decided_by = ?, "
                                 "decision_text = ?, decided_at = ? WHERE case_id = ?");
  bind_text(st, 1, state);
  bind_text(st, 2, by);
  bind_text(st, 3, text);
  st.bind(4, when);
  bind_text(st, 5, case_id);
  st.exec();
}

} // namespace appeald::store
