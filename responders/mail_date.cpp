#include "responders/mail_date.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace appeald::responders {

std::string format_rfc5322_date(const parsers::DateTime& t) {
  using namespace std::chrono;
  int offset = t.offset_minutes;
  if (offset <= -24 * 60 || offset >= 24 * 60) {
    offset = 0;
  }
  const std::int64_t local = t.unix_seconds + static_cast<std::int64_t>(offset) * 60;
  const sys_seconds when{seconds{local}};
  const sys_days day = floor<days>(when);
  const year_month_day ymd{day};
  const hh_mm_ss hms{when - day};
  const weekday wd{day};

  static constexpr const char* day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d",
                day_names[wd.c_encoding()], static_cast<unsigned>(ymd.day()),
                month_names[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), offset < 0 ? '-' : '+',
                std::abs(offset) / 60, std::abs(offset) % 60);
  return buf;
}

} // namespace appeald::responders
