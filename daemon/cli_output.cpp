#include "daemon/cli_output.hpp"

#include "parsers/date_time.hpp"
#include "responders/header_encoding.hpp"

#include <chrono>
#include <iostream>

namespace appeald::daemon {

int report_failure(std::string_view prefix, std::string_view message, int code) {
  std::cerr << prefix << message << '\n';
  return code;
}

void print_json(const nlohmann::ordered_json& j) {
  std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string utc_time(std::int64_t seconds) {
  return parsers::to_rfc3339({seconds, 0});
}

nlohmann::ordered_json optional_time(const std::optional<std::int64_t>& t) {
  return t ? nlohmann::ordered_json(utc_time(*t)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

std::string one_line(std::string_view text) {
  return responders::sanitize_header_text(text);
}

} // namespace appeald::daemon
