// load_cases: the cases file, validated line by line; the first problem is reported.
#include "config/cases_file.hpp"

#include "parsers/date_time.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace appeald::config {
namespace {

using appeals::CaseRecord;
using nlohmann::json;

// An error without its "FILE:LINE: " prefix.
using Checked = std::expected<std::string, std::string>;

constexpr std::string_view whitespace = " \t\r\n\f\v";

std::string_view trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(whitespace);
  if (b == std::string_view::npos) {
    return {};
  }
  return s.substr(b, s.find_last_not_of(whitespace) - b + 1);
}

// The offending value as JSON, cut short so the error stays one readable line.
std::string shown(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 60) {
    s = s.substr(0, 57) + "...";
  }
  return s;
}

std::string bad(std::string_view field, std::string_view expected, const json& got) {
  return "field \"" + std::string(field) + "\": expected " + std::string(expected) + ", got " +
         shown(got);
}

std::string missing(std::string_view field) {
  return "field \"" + std::string(field) + "\": missing";
}

bool has_blank_or_control(std::string_view s) {
  for (unsigned char ch : s) {
    if (ch <= 0x20 || ch == 0x7f) {
      return true;
    }
  }
  return false;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') {
      ch = static_cast<char>(ch - 'A' + 'a');
    }
  }
  return out;
}

bool valid_address(std::string_view s) {
  const std::size_t at = s.rfind('@');
  return at != std::string_view::npos && at != 0 && at + 1 != s.size() &&
         !has_blank_or_control(s) && s.find_first_of("<>,;") == std::string_view::npos;
}

// The trimmed string value of a required field, checked by `valid`.
Checked required(const json& obj, std::string_view field, std::string_view expected,
                 bool (*valid)(std::string_view)) {
  const auto it = obj.find(field);
  if (it == obj.end()) {
    return std::unexpected(missing(field));
  }
  if (!it->is_string()) {
    return std::unexpected(bad(field, expected, *it));
  }
  const std::string_view value = trim(it->get_ref<const std::string&>());
  if (!valid(value)) {
    return std::unexpected(bad(field, expected, *it));
  }
  return std::string(value);
}

// Like required(), but absent, null and "" all mean unset: spreadsheets export empty cells as "".
std::expected<std::optional<std::string>, std::string>
optional_field(const json& obj, std::string_view field, std::string_view expected,
               bool (*valid)(std::string_view)) {
  const auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) {
    return std::nullopt;
  }
  if (!it->is_string()) {
    return std::unexpected(bad(field, expected, *it));
  }
  const std::string_view value = trim(it->get_ref<const std::string&>());
  if (value.empty()) {
    return std::nullopt;
  }
  if (!valid(value)) {
    return std::unexpected(bad(field, expected, *it));
  }
  return std::string(value);
}

// Spreadsheets export account ids as numbers, so a whole non-negative number is its digits.
Checked account_of(const json& obj) {
  constexpr std::string_view field = "account";
  constexpr std::string_view expected = "a non-empty string or a whole non-negative number";
  const auto it = obj.find(field);
  if (it == obj.end()) {
    return std::unexpected(missing(field));
  }
  if (it->is_number_unsigned()) {
    return std::to_string(it->get<std::uint64_t>());
  }
  if (it->is_number_float()) {
    // 2^53: beyond it a double no longer holds every whole number exactly.
    const double d = it->get<double>();
    if (std::isfinite(d) && d >= 0 && d == std::floor(d) && d < 9007199254740992.0) {
      return std::to_string(static_cast<std::uint64_t>(d));
    }
  }
  if (it->is_string()) {
    const std::string_view value = trim(it->get_ref<const std::string&>());
    if (!value.empty() && !has_blank_or_control(value)) {
      return std::string(value);
    }
  }
  return std::unexpected(bad(field, expected, *it));
}

bool valid_case_id(std::string_view s) {
  return !s.empty() && !has_blank_or_control(s) && s.find_first_of("[]") == std::string_view::npos;
}

bool valid_kind(std::string_view s) {
  return appeals::case_kind_from(s).has_value();
}
bool valid_issue(std::string_view s) {
  return appeals::issue_from(s).has_value();
}
bool valid_time(std::string_view s) {
  return parsers::parse_rfc3339(s).has_value();
}

bool valid_message_id(std::string_view s) {
  if (s.starts_with('<')) {
    s.remove_prefix(1);
  }
  if (s.ends_with('>')) {
    s.remove_suffix(1);
  }
  return !s.empty() && !has_blank_or_control(s) && s.find_first_of("<>") == std::string_view::npos;
}

// Operators paste ids without their angle brackets; the thread index compares "<...>" forms.
std::string bracketed(std::string_view id) {
  std::string out(id);
  if (!out.starts_with('<')) {
    out.insert(out.begin(), '<');
  }
  if (!out.ends_with('>')) {
    out.push_back('>');
  }
  return out;
}

constexpr std::string_view address_expected = "an email address";
constexpr std::string_view time_expected = "an RFC 3339 timestamp";

std::expected<CaseRecord, std::string> case_of(const json& obj) {
  CaseRecord c;
  auto id = required(obj, "case", "a case id without spaces or brackets", valid_case_id);
  if (!id) {
    return std::unexpected(id.error());
  }
  c.id = *id;
  auto account = account_of(obj);
  if (!account) {
    return std::unexpected(account.error());
  }
  c.account = *account;
  auto address = required(obj, "address", address_expected, valid_address);
  if (!address) {
    return std::unexpected(address.error());
  }
  c.address = ascii_lower(*address);
  auto kind = required(obj, "kind", "\"probation\" or \"suspension\"", valid_kind);
  if (!kind) {
    return std::unexpected(kind.error());
  }
  c.kind = *appeals::case_kind_from(*kind);
  auto issue = required(obj, "issue", "\"bounce\", \"complaint\", \"unsolicited\" or \"other\"",
                        valid_issue);
  if (!issue) {
    return std::unexpected(issue.error());
  }
  c.issue = *appeals::issue_from(*issue);
  auto notice = required(obj, "notice_message_id", "a Message-ID", valid_message_id);
  if (!notice) {
    return std::unexpected(notice.error());
  }
  c.notice_message_id = bracketed(*notice);
  auto sent_at = required(obj, "sent_at", time_expected, valid_time);
  if (!sent_at) {
    return std::unexpected(sent_at.error());
  }
  c.sent_at = *parsers::parse_rfc3339(*sent_at);
  auto deadline = optional_field(obj, "deadline", time_expected, valid_time);
  if (!deadline) {
    return std::unexpected(deadline.error());
  }
  if (*deadline) {
    c.deadline = parsers::parse_rfc3339(**deadline);
    if (c.deadline->unix_seconds <= c.sent_at.unix_seconds) {
      return std::unexpected(bad("deadline", "a time after sent_at", obj.at("deadline")));
    }
  }
  auto representative = optional_field(obj, "representative", address_expected, valid_address);
  if (!representative) {
    return std::unexpected(representative.error());
  }
  if (*representative) {
    c.representative = ascii_lower(**representative);
  }
  return c;
}

std::string_view type_name(const json& v) {
  if (v.is_number()) {
    return "a number";
  }
  if (v.is_array()) {
    return "an array";
  }
  if (v.is_string()) {
    return "a string";
  }
  if (v.is_boolean()) {
    return "a boolean";
  }
  return "null";
}

} // namespace

std::expected<std::vector<CaseRecord>, std::string> load_cases(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return std::unexpected(file + ": cannot read: " + std::strerror(EISDIR));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(file + ": cannot read: " + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    return std::unexpected(file + ": cannot read: " + std::strerror(errno));
  }
  const std::string text = bytes.str();

  std::vector<CaseRecord> cases;
  std::unordered_map<std::string, std::size_t> first_line; // case id -> line number
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) {
      end = text.size();
    }
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    // Spreadsheet exports start with a UTF-8 byte order mark.
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) {
      line.remove_prefix(3);
    }
    if (trim(line).empty()) {
      continue;
    }
    const std::string where = file + ':' + std::to_string(line_no) + ": ";
    json obj;
    try {
      obj = json::parse(line);
    } catch (const json::exception& e) {
      // parse_error, and out_of_range for a number too large for a double ("1e999").
      return std::unexpected(where + "invalid JSON: " + e.what());
    }
    if (!obj.is_object()) {
      return std::unexpected(where + "expected a JSON object, got " + std::string(type_name(obj)));
    }
    auto c = case_of(obj);
    if (!c) {
      return std::unexpected(where + c.error());
    }
    const auto [seen, inserted] = first_line.try_emplace(c->id, line_no);
    if (!inserted) {
      return std::unexpected(where + "field \"case\": duplicate case id \"" + c->id +
                             "\" (first on line " + std::to_string(seen->second) + ")");
    }
    cases.push_back(std::move(*c));
  }
  return cases;
}

} // namespace appeald::config
