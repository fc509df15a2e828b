// Fuzzes the rubric loader (TOML through toml++, brace expansion, cue compilation) from memory,
// checking what an accepted rubric or an error must look like (rubric_properties.hpp).
#include "fuzz/property_check.hpp"
#include "fuzz/rubric_properties.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string name = "fuzz-rubric.toml";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  appeald::fuzz::abort_if_broken(appeald::fuzz::rubric_property_broken(text, name));
  return 0;
}
