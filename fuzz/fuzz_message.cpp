// Fuzzes the whole message parser (MIME tree, headers, charsets, HTML, reply extraction),
// checking that the model holds valid UTF-8 where parsers/message.hpp says so
// (message_properties.hpp).
#include "fuzz/message_properties.hpp"
#include "fuzz/property_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  appeald::fuzz::abort_if_broken(appeald::fuzz::message_property_broken(bytes));
  return 0;
}
