#include "store/mailbox_state.hpp"

#include "store/sql_values.hpp"

namespace appeald::store {

std::optional<std::uint32_t> last_uidvalidity(Database& db, std::string_view mailbox) {
  SQLite::Statement st(db.sql(), "SELECT uidvalidity FROM mailbox_state WHERE mailbox = ?");
  detail::bind_text(st, 1, mailbox);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(st.getColumn(0).getInt64());
}

void set_uidvalidity(Database& db, std::string_view mailbox, std::uint32_t uidvalidity) {
  SQLite::Statement st(db.sql(), "INSERT INTO mailbox_state (mailbox, uidvalidity) VALUES (?1, ?2) "
                                 "ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = ?2");
  detail::bind_text(st, 1, mailbox);
  st.bind(2, static_cast<std::int64_t>(uidvalidity));
  st.exec();
}

} // namespace appeald::store
