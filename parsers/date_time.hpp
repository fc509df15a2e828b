#pragma once
// RFC 5322 dates in, RFC 3339 timestamps out.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::parsers {

struct DateTime {
  std::int64_t unix_seconds = 0; // UTC seconds since the epoch
  int offset_minutes = 0;        // the zone written in the source, for display
};

// Parses an RFC 5322 Date (and its obsolete forms): optional day name, 2- or 4-digit years,
// optional seconds, numeric zones or obsolete names (UT, GMT, EST, ..., military letters),
// missing zone taken as UTC, extra whitespace, comments, and trailing junk. Also: asctime/date(1)
// order ("Mon Nov  2 08:30:10 [UTC] 2026"), "+05:00" and zones glued to the time, full month
// and day names, a missing time (midnight). Two-digit years follow RFC 5322 4.3 (00-49 -> 20xx,
// 50-99 -> 19xx, three digits -> 1900 + n); military letters and unknown zone names count as
// -0000 (RFC 5322 4.3), i.e. UTC. A leap second (:60) rolls into the next minute. nullopt when no
// date can be recovered or fields are out of range. Only the first 256 bytes are looked at.
std::optional<DateTime> parse_rfc5322_date(std::string_view raw);

// Parses RFC 3339 ("2026-11-01T10:00:00Z", "...T10:00:00.5+02:00"); also accepts a space for T
// and a date alone (midnight UTC). nullopt when invalid.
std::optional<DateTime> parse_rfc3339(std::string_view raw);

// Formats as RFC 3339 in the original zone: "2026-11-02T08:30:10-05:00"; offset 0 gives "Z".
// Uses its own calendar arithmetic (never the process time zone); values outside years
// 0001-9999 or offsets of a day or more are clamped.
std::string to_rfc3339(const DateTime& t);

} // namespace appeald::parsers
