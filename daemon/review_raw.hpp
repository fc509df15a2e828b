#pragma once
// `appeald review raw ID [--message MID]`: a stored message's bytes exactly as fetched, so a
// reviewer can save them (`> message.eml`) and open them in a mail client.
#include "store/database.hpp"

#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::daemon {

// The raw bytes of case `case_id`'s latest message, or of its message whose Message-ID is
// `message_id` (angle brackets optional; the latest of that id when several). Errors: "no case
// C-9 in the store", "case C-1 has no stored message", "case C-1 has no message <id>".
std::expected<std::string, std::string>
case_raw_message(store::Database& db, std::string_view case_id,
                 std::optional<std::string_view> message_id);

} // namespace appeald::daemon
