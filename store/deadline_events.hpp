#pragma once
// Which deadline events (deadline_near, deadline_passed) were already audited for each case, so
// the daemon says each one once however many cycles see it.
#include "store/database.hpp"

#include <string_view>

namespace appeald::store {

// Records `event` for `case_id`; true when it was not recorded before (the caller audits it
// then), false when it was, or when the case is unknown. Runs in the caller's transaction.
bool record_deadline_event(Database& db, std::string_view case_id, std::string_view event);

} // namespace appeald::store
