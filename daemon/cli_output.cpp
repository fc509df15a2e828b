#include "daemon/cli_output.hpp"

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

} // namespace appeald::daemon
