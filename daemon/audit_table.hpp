#pragma once
// The readable table `appeald audit` prints by default: one line per event, columns on fixed
// widths so a `--follow` stream stays aligned without knowing what comes next.
#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace appeald::daemon {

struct AuditColumn {
  std::string_view title;
  const char* field; // the event's JSON field shown
  std::size_t width; // in characters (UTF-8 code points); 0 = the last column, never clipped
};

// TIME (UTC, second precision) EVENT CASE ACTION ACTOR MESSAGE-ID REASON, two spaces apart.
inline constexpr std::array<AuditColumn, 7> audit_columns = {{
    {"TIME", "ts", 20},
    {"EVENT", "event", 15},
    {"CASE", "case", 12},
    {"ACTION", "action", 12},
    {"ACTOR", "actor", 16},
    {"MESSAGE-ID", "message_id", 28},
    {"REASON", "reason", 0},
}};

// `text` in exactly `width` characters: padded with spaces, or cut to width - 1 characters and
// "…" when longer. Never splits a UTF-8 sequence. Width 0 returns the text unchanged.
std::string fit_column(std::string_view text, std::size_t width);

// The header line, without a newline.
std::string audit_table_header();

// One event as a table line, without a newline. TIME is the event's ts in UTC to the second
// ("2026-11-26T13:00:00Z"; an unreadable ts is shown as written). A missing, null or empty field
// shows "-"; a non-string one its JSON. Control characters (a newline in a reason) become spaces,
// so an event is always one line. The last column is not padded (no trailing spaces).
std::string audit_table_row(const nlohmann::json& event);

} // namespace appeald::daemon
