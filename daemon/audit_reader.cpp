#include "daemon/audit_reader.hpp"

#include "parsers/date_time.hpp"

#include <algorithm>
#include <charconv>

namespace appeald::daemon {

namespace {

constexpr std::int64_t ms_per_second = 1000;
constexpr std::size_t fraction_at = 19; // "YYYY-MM-DDTHH:MM:SS" then '.' or the zone

// Milliseconds written after the seconds ("…:00.5Z" -> 500), 0 when there is no fraction.
std::int64_t fraction_ms(std::string_view ts) {
  if (ts.size() <= fraction_at || ts[fraction_at] != '.') {
    return 0;
  }
  std::int64_t ms = 0;
  std::int64_t scale = 100;
  for (std::size_t i = fraction_at + 1; i < ts.size() && scale > 0; ++i, scale /= 10) {
    if (ts[i] < '0' || ts[i] > '9') {
      break;
    }
    ms += (ts[i] - '0') * scale;
  }
  return ms;
}

std::optional<std::int64_t> age_seconds(std::string_view text) {
  if (text.size() < 2) {
    return std::nullopt;
  }
  std::int64_t unit = 0;
  switch (text.back()) {
  case 's':
    unit = 1;
    break;
  case 'm':
    unit = 60;
    break;
  case 'h':
    unit = 3600;
    break;
  case 'd':
    unit = 86400;
    break;
  case 'w':
    unit = 7 * 86400;
    break;
  default:
    return std::nullopt;
  }
  const std::string_view digits = text.substr(0, text.size() - 1);
  if (!std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::int64_t count = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (ec == std::errc::result_out_of_range || count > max_since_age_seconds / unit) {
    return max_since_age_seconds + 1; // reported as too old, never overflowed
  }
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return count * unit;
}

const nlohmann::json* string_field(const nlohmann::json& event, const char* name) {
  const auto it = event.find(name);
  return it != event.end() && it->is_string() ? &*it : nullptr;
}

} // namespace

std::optional<nlohmann::json> parse_audit_line(std::string_view line) {
  nlohmann::json value = nlohmann::json::parse(line, nullptr, false);
  if (!value.is_object()) {
    return std::nullopt; // also the "discarded" value of a parse error
  }
  return value;
}

std::optional<std::int64_t> audit_time_ms(std::string_view ts) {
  // Why: an RFC 3339 time always has its zone; a date alone is only a --since convenience.
  if (ts.size() <= fraction_at) {
    return std::nullopt;
  }
  const std::optional<parsers::DateTime> t = parsers::parse_rfc3339(ts);
  if (!t) {
    return std::nullopt;
  }
  return t->unix_seconds * ms_per_second + fraction_ms(ts);
}

std::expected<std::int64_t, std::string> parse_since(std::string_view text, std::int64_t now_ms) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (const std::optional<std::int64_t> age = age_seconds(text)) {
    if (*age > max_since_age_seconds) {
      return std::unexpected(quoted + " is older than " +
                             std::to_string(max_since_age_seconds / 86400) + " days");
    }
    return now_ms - *age * ms_per_second;
  }
  if (text.size() == 10) {
    if (const std::optional<parsers::DateTime> day = parsers::parse_rfc3339(text)) {
      return day->unix_seconds * ms_per_second;
    }
  }
  if (const std::optional<std::int64_t> t = audit_time_ms(text)) {
    return *t;
  }
  return std::unexpected(quoted + " is not an RFC 3339 time, a date or an age like 30m, 2h, 7d");
}

bool audit_event_matches(const AuditFilter& filter, const nlohmann::json& event) {
  if (!filter.case_id.empty()) {
    const nlohmann::json* c = string_field(event, "case");
    if (c == nullptr || c->get_ref<const std::string&>() != filter.case_id) {
      return false;
    }
  }
  if (!filter.events.empty()) {
    const nlohmann::json* e = string_field(event, "event");
    if (e == nullptr ||
        std::ranges::find(filter.events, e->get_ref<const std::string&>()) == filter.events.end()) {
      return false;
    }
  }
  if (filter.since_ms) {
    const nlohmann::json* ts = string_field(event, "ts");
    const std::optional<std::int64_t> when =
        ts ? audit_time_ms(ts->get_ref<const std::string&>()) : std::nullopt;
    if (!when || *when < *filter.since_ms) {
      return false;
    }
  }
  return true;
}

} // namespace appeald::daemon
