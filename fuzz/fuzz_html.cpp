// Fuzzes the HTML-to-text converter (crash_only_runs.hpp).
#include "fuzz/crash_only_runs.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  appeald::fuzz::run_html_to_text(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
