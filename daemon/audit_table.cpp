#include "daemon/audit_table.hpp"

#include "daemon/audit_reader.hpp"
#include "parsers/date_time.hpp"

namespace appeald::daemon {

namespace {

constexpr std::string_view column_gap = "  ";
constexpr std::string_view clip_mark = "\xE2\x80\xA6"; // U+2026 HORIZONTAL ELLIPSIS
constexpr std::string_view missing = "-";

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    n += continuation_byte(c) ? 0 : 1;
  }
  return n;
}

// The byte length of the first `count` code points of `text`.
std::size_t prefix_bytes(std::string_view text, std::size_t count) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < text.size(); ++i) {
    if (!continuation_byte(text[i]) && seen++ == count) {
      break;
    }
  }
  return i;
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      c = ' ';
    }
  }
  return text;
}

std::string shown_time(const std::string& ts) {
  const std::optional<std::int64_t> ms = audit_time_ms(ts);
  if (!ms) {
    return ts;
  }
  // Floor, so 1969-12-31T23:59:59.999Z stays in its second.
  const std::int64_t seconds = *ms >= 0 ? *ms / 1000 : (*ms - 999) / 1000;
  return parsers::to_rfc3339({seconds, 0});
}

std::string cell(const nlohmann::json& event, const AuditColumn& column) {
  const auto it = event.find(column.field);
  if (it == event.end() || it->is_null()) {
    return std::string(missing);
  }
  std::string text = it->is_string()
                         ? it->get<std::string>()
                         : it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.empty()) {
    return std::string(missing);
  }
  if (std::string_view(column.field) == "ts" && it->is_string()) {
    text = shown_time(text);
  }
  return one_line(std::move(text));
}

template <typename CellOf> std::string table_line(CellOf cell_of) {
  std::string line;
  for (const AuditColumn& column : audit_columns) {
    if (&column != &audit_columns.front()) {
      line += column_gap;
    }
    line += fit_column(cell_of(column), column.width);
  }
  return line;
}

} // namespace

std::string fit_column(std::string_view text, std::size_t width) {
  if (width == 0) {
    return std::string(text);
  }
  const std::size_t length = code_points(text);
  if (length <= width) {
    return std::string(text) + std::string(width - length, ' ');
  }
  return std::string(text.substr(0, prefix_bytes(text, width - 1))) + std::string(clip_mark);
}

std::string audit_table_header() {
  return table_line([](const AuditColumn& column) { return std::string(column.title); });
}

std::string audit_table_row(const nlohmann::json& event) {
  return table_line([&](const AuditColumn& column) { return cell(event, column); });
}

} // namespace appeald::daemon
