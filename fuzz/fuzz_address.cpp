// Fuzzes address lists, RFC 2047 encoded words and Message-ID lists against the properties
// their headers promise (address_properties.hpp). fuzz_headers feeds the same parsers but looks
// only for crashes.
#include "fuzz/address_properties.hpp"
#include "fuzz/property_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  appeald::fuzz::abort_if_broken(appeald::fuzz::address_property_broken(raw));
  return 0;
}
