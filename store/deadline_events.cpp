#include "store/deadline_events.hpp"

#include "store/sql_values.hpp"

#include <SQLiteCpp/Statement.h>

namespace appeald::store {

bool record_deadline_event(Database& db, std::string_view case_id, std::string_view event) {
  SQLite::Statement st(db.sql(), "INSERT OR IGNORE INTO deadline_events (case_id, event) "
                                 "SELECT id, ? FROM cases WHERE id = ?");
  detail::bind_text(st, 1, event);
  detail::bind_text(st, 2, case_id);
  return st.exec() == 1;
}

} // namespace appeald::store
