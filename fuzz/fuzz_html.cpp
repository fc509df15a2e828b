// Fuzzes the HTML-to-text converter.
#include "parsers/html_text.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  appeald::parsers::ParserLimits limits;
  limits.max_html_depth = 64;
  appeald::parsers::Warnings warnings;
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  (void)appeald::parsers::html_to_text(html, limits, warnings);
  return 0;
}
