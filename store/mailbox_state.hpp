#pragma once
// Per watched mailbox: the last UIDVALIDITY seen, so a change (the server renumbered the mailbox)
// is noticed and messages are recognized by content instead of by UID. No transactions opened
// here (store/database.hpp); throws SQLite::Exception when SQLite fails.
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace appeald::store {

// The UIDVALIDITY last recorded for `mailbox` (its name as configured), nullopt if never seen.
std::optional<std::uint32_t> last_uidvalidity(Database& db, std::string_view mailbox);
// Records `uidvalidity` for `mailbox`, replacing any earlier value.
void set_uidvalidity(Database& db, std::string_view mailbox, std::uint32_t uidvalidity);

} // namespace appeald::store
