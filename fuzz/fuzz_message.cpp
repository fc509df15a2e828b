// Fuzzes the whole message parser: MIME tree, headers, charsets, HTML, reply extraction.
#include "parsers/message_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  appeald::parsers::ParseOptions options;
  // Small limits make the fuzzer reach the limit paths quickly.
  options.limits.max_mime_depth = 8;
  options.limits.max_parts = 64;
  options.limits.max_text_bytes = 64 * 1024;
  options.authserv_id = "mx.example.com";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)appeald::parsers::parse_message(bytes, options);
  return 0;
}
