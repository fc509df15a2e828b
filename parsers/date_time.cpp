#include "parsers/date_time.hpp"

#include "parsers/header_block.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace appeald::parsers {

namespace {

// A real Date value fits easily; the rest of a hostile one is not looked at.
constexpr std::size_t max_date_chars = 256;

// Days since 1970-01-01 of a proleptic Gregorian date (the era/day-of-era method: 400-year
// eras of 146097 days, years starting in March so the leap day comes last).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                   // [0, 399]
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

struct Civil {
  std::int64_t year;
  int month;
  int day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

bool leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(std::int64_t y, int m) {
  constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The value of `s` when it is 1..max_len digits, else -1.
int number(std::string_view s, std::size_t max_len) {
  if (s.empty() || s.size() > max_len || !std::all_of(s.begin(), s.end(), is_digit)) {
    return -1;
  }
  int v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
}

struct Fields {
  std::int64_t year = -1;
  int month = -1;
  int day = -1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset = 0; // minutes east of UTC
};

std::optional<DateTime> to_datetime(const Fields& f) {
  if (f.year < 0 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 ||
      f.day > days_in_month(f.year, f.month) || f.hour > 23 || f.minute > 59 || f.second > 60 ||
      f.offset <= -24 * 60 || f.offset >= 24 * 60) {
    return std::nullopt;
  }
  // A leap second (:60) is counted as the first second of the next minute.
  const std::int64_t local =
      days_from_civil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
  return DateTime{local - f.offset * 60, f.offset};
}

int month_number(std::string_view t) {
  constexpr std::array<std::string_view, 12> names{"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
  if (t.size() < 3) {
    return -1;
  }
  const std::string lower = ascii_lower(t);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].starts_with(lower)) {
      return static_cast<int>(i) + 1;
    }
  }
  return -1;
}

bool day_name(std::string_view t) {
  constexpr std::array<std::string_view, 7> names{"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};
  const std::string lower = ascii_lower(t);
  return t.size() >= 3 &&
         std::any_of(names.begin(), names.end(), [&](auto n) { return n.starts_with(lower); });
}

// RFC 5322 4.3 obsolete zones. Military letters and unknown names count as -0000 (i.e. UTC):
// RFC 822 defined the letters backwards, so their meaning cannot be trusted.
int zone_name_offset(std::string_view t) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  constexpr std::array<Zone, 11> zones{{{"ut", 0},
                                        {"utc", 0},
                                        {"gmt", 0},
                                        {"est", -5},
                                        {"edt", -4},
                                        {"cst", -6},
                                        {"cdt", -5},
                                        {"mst", -7},
                                        {"mdt", -6},
                                        {"pst", -8},
                                        {"pdt", -7}}};
  const std::string lower = ascii_lower(t);
  for (const Zone& z : zones) {
    if (z.name == lower) {
      return z.hours * 60;
    }
  }
  return 0;
}

// "+0500", "-0430", and "+05:00" (seen from some scripts). nullopt when not a numeric zone.
std::optional<int> numeric_zone(std::string_view t) {
  if (t.size() < 2 || (t[0] != '+' && t[0] != '-')) {
    return std::nullopt;
  }
  std::string_view digits = t.substr(1);
  int hh = -1;
  int mm = -1;
  if (digits.size() == 4) {
    hh = number(digits.substr(0, 2), 2);
    mm = number(digits.substr(2), 2);
  } else if (digits.size() == 5 && digits[2] == ':') {
    hh = number(digits.substr(0, 2), 2);
    mm = number(digits.substr(3), 2);
  }
  if (hh < 0 || mm < 0 || hh > 23 || mm > 59) {
    return std::nullopt;
  }
  return (t[0] == '-' ? -1 : 1) * (hh * 60 + mm);
}

// "8:30", "08:30:10". Returns false when `t` is not a valid time.
bool parse_time(std::string_view t, Fields& f) {
  const std::size_t c1 = t.find(':');
  const std::size_t c2 = t.find(':', c1 + 1);
  f.hour = number(t.substr(0, c1), 2);
  f.minute = number(t.substr(c1 + 1, c2 == std::string_view::npos ? c2 : c2 - c1 - 1), 2);
  f.second = c2 == std::string_view::npos ? 0 : number(t.substr(c2 + 1), 2);
  return f.hour >= 0 && f.minute >= 0 && f.second >= 0;
}

// `raw` with comments blanked (nested; an unterminated one runs to the end): `raw` itself when
// it has none, as nearly every Date has, else a copy made in `storage`.
std::string_view without_comments(std::string_view raw, std::string& storage) {
  if (raw.find('(') == std::string_view::npos) {
    return raw;
  }
  std::size_t depth = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
      storage += ' ';
    } else if (depth == 0) {
      storage += c;
    } else if (c == '\\') {
      ++i;
    }
  }
  return storage;
}

// The words of a date, separated by whitespace and commas, read one at a time (no container:
// every message's Date comes here).
class DateWords {
public:
  explicit DateWords(std::string_view s) : s_(s) {}
  // The next word into `word`; false at the end.
  bool next(std::string_view& word) {
    while (i_ < s_.size() && sep(s_[i_])) {
      ++i_;
    }
    const std::size_t b = i_;
    while (i_ < s_.size() && !sep(s_[i_])) {
      ++i_;
    }
    word = s_.substr(b, i_ - b);
    return i_ > b;
  }

private:
  static bool sep(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ','; }
  std::string_view s_;
  std::size_t i_ = 0;
};

// RFC 5322 4.3: 00-49 are 2000-2049, 50-99 and three-digit years are 1900 + year.
std::int64_t full_year(std::string_view t) {
  const int v = number(t, 4);
  if (v < 0) {
    return -1;
  }
  if (t.size() == 2) {
    return v < 50 ? 2000 + v : 1900 + v;
  }
  if (t.size() == 3) {
    return 1900 + v;
  }
  return t.size() == 4 && v >= 1900 ? v : -1;
}

} // namespace

std::optional<DateTime> parse_rfc5322_date(std::string_view raw) {
  std::string storage;
  const std::string_view text = without_comments(trim(raw).substr(0, max_date_chars), storage);
  Fields f;
  bool have_time = false;
  DateWords words(text);
  for (std::string_view t; words.next(t);) {
    if (!have_time && t.find(':') != std::string_view::npos) {
      // A zone glued to the time ("08:30:10+0000") is split off.
      const std::size_t sign = t.find_first_of("+-");
      if (!parse_time(t.substr(0, sign), f)) {
        return std::nullopt;
      }
      have_time = true;
      if (sign != std::string_view::npos) {
        const std::optional<int> z = numeric_zone(t.substr(sign));
        if (!z) {
          return std::nullopt;
        }
        f.offset = *z;
        break;
      }
    } else if (is_digit(t[0])) {
      if (f.day < 0 && t.size() <= 2) {
        f.day = number(t, 2);
      } else if (f.year < 0) {
        // asctime() puts the year after the time ("Mon Nov  2 08:30:10 2026").
        f.year = full_year(t);
        if (f.year < 0) {
          return std::nullopt;
        }
      }
    } else if (t[0] == '+' || t[0] == '-') {
      if (have_time) {
        const std::optional<int> z = numeric_zone(t);
        if (!z) {
          return std::nullopt;
        }
        f.offset = *z;
        break;
      }
    } else if (is_alpha(t[0])) {
      if (const int m = month_number(t); m > 0 && f.month < 0) {
        f.month = m;
      } else if (day_name(t) && !have_time) {
        continue;
      } else if (have_time && std::all_of(t.begin(), t.end(), is_alpha)) {
        f.offset = zone_name_offset(t);
        if (f.year >= 0) {
          break;
        }
      }
    }
  }
  return to_datetime(f);
}

std::optional<DateTime> parse_rfc3339(std::string_view raw) {
  const std::string_view s = trim(raw);
  Fields f;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') {
    return std::nullopt;
  }
  const int year = number(s.substr(0, 4), 4);
  f.month = number(s.substr(5, 2), 2);
  f.day = number(s.substr(8, 2), 2);
  if (year < 0 || s.substr(5, 2).size() != 2 || s.substr(8, 2).size() != 2) {
    return std::nullopt;
  }
  f.year = year;
  if (s.size() == 10) {
    return to_datetime(f);
  }
  const char sep = s[10];
  if ((sep != 'T' && sep != 't' && sep != ' ') || s.size() < 20 || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  f.hour = number(s.substr(11, 2), 2);
  f.minute = number(s.substr(14, 2), 2);
  f.second = number(s.substr(17, 2), 2);
  if (f.hour < 0 || f.minute < 0 || f.second < 0) {
    return std::nullopt;
  }
  std::size_t i = 19;
  if (s[i] == '.') {
    const std::size_t b = ++i;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
    }
    if (i == b) {
      return std::nullopt;
    }
  }
  const std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "z") {
    f.offset = 0;
  } else if (const std::optional<int> z = numeric_zone(zone); z && zone.size() == 6) {
    f.offset = *z;
  } else {
    return std::nullopt;
  }
  return to_datetime(f);
}

std::string to_rfc3339(const DateTime& t) {
  // Clamped so that any value formats without overflow: years 0001..9999, offsets under a day.
  constexpr std::int64_t first = -62135596800LL; // 0001-01-01T00:00:00
  constexpr std::int64_t last = 253402300799LL;  // 9999-12-31T23:59:59
  const int offset = std::clamp(t.offset_minutes, -(24 * 60 - 1), 24 * 60 - 1);
  const std::int64_t local = std::clamp<std::int64_t>(
      std::clamp<std::int64_t>(t.unix_seconds, first - 86400, last + 86400) + offset * 60, first,
      last);
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  const Civil c = civil_from_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(c.year),
                c.month, c.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  std::string out = buf;
  if (offset == 0) {
    return out + 'Z';
  }
  const int a = offset < 0 ? -offset : offset;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 60, a % 60);
  return out + buf;
}

} // namespace appeald::parsers
