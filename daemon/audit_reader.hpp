#pragma once
// Reading the audit log back (contract: "Audit log"), the pure parts `appeald audit` is built
// from: one line to an event, the filters (--case, --since, --event) and the --since syntax.
// Nothing here touches files, the clock or the terminal.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon {

// The oldest relative --since accepted ("36500d"); larger ages are a usage error, not an overflow.
inline constexpr std::int64_t max_since_age_seconds = 36500LL * 86400;

// One audit log line (without its newline) as a JSON object; nullopt when the line is not valid
// JSON or not an object (a torn line, corruption). Never throws.
std::optional<nlohmann::json> parse_audit_line(std::string_view line);

// An event's `ts` (RFC 3339, any zone) as UTC milliseconds since the epoch; fractions beyond
// milliseconds are truncated. nullopt when it is not RFC 3339 with a zone.
std::optional<std::int64_t> audit_time_ms(std::string_view ts);

// The --since value as UTC milliseconds since the epoch, given the current time:
//   RFC 3339 with a zone ("2026-11-26T10:00:00Z", "...T10:00:00.5+02:00", a space for T);
//   a date alone ("2026-11-26": midnight UTC);
//   an age before `now_ms`: digits then s, m, h, d or w ("90s", "30m", "2h", "7d", "1w"), up to
//   max_since_age_seconds.
// Error (one line, no prefix): "'TEXT' is not an RFC 3339 time, a date or an age like 30m, 2h,
// 7d" or "'TEXT' is older than 36500 days".
std::expected<std::int64_t, std::string> parse_since(std::string_view text, std::int64_t now_ms);

// What `appeald audit` keeps. An empty field keeps everything.
struct AuditFilter {
  std::string case_id;                  // --case: the event's "case" equals it exactly
  std::optional<std::int64_t> since_ms; // --since: the event's "ts" is at or after it
  std::vector<std::string> events;      // --event, repeatable: the event's "event" is one of them
};

// Whether `event` passes every filter. An event lacking the field a filter looks at (no "case",
// no "ts" or an unreadable one) does not pass that filter.
bool audit_event_matches(const AuditFilter& filter, const nlohmann::json& event);

} // namespace appeald::daemon
