// Fuzzes the structured header parsers: encoded words, addresses, ids, dates, parameters and
// Authentication-Results, each on the same input (crash_only_runs.hpp).
#include "fuzz/crash_only_runs.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  appeald::fuzz::run_header_parsers(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
