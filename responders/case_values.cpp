#include "responders/case_values.hpp"

#include "responders/header_encoding.hpp"

#include <chrono>
#include <cstdio>

namespace appeald::responders {

namespace {
constexpr std::string_view fallback_team = "Enforcement Team";
} // namespace

std::string deadline_text(const std::optional<parsers::DateTime>& deadline) {
  if (!deadline) {
    return "";
  }
  using namespace std::chrono;
  const sys_seconds t{seconds{deadline->unix_seconds}};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d UTC", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  return buf;
}

TemplateValues case_template_values(const appeals::CaseRecord& c, const ReplySettings& settings) {
  TemplateValues v;
  const std::string team = sanitize_header_text(settings.from.name);
  v.scalars = {
      {"case", sanitize_header_text(c.id)},
      {"account", sanitize_header_text(c.account)},
      {"address", sanitize_header_text(c.address)},
      {"kind", std::string(appeals::to_string(c.kind))},
      {"issue", std::string(appeals::to_string(c.issue))},
      {"deadline", deadline_text(c.deadline)},
      {"team", team.empty() ? std::string(fallback_team) : team},
  };
  return v;
}

} // namespace appeald::responders
