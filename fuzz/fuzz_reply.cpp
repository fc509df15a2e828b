// Fuzzes reply extraction on arbitrary text.
#include "parsers/reply_extractor.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)appeald::parsers::extract_reply(text);
  return 0;
}
