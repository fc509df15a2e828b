#include "responders/utf8_text.hpp"

#include "parsers/byte_scan.hpp"

namespace appeald::responders {

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) {
    return 2;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    return 4;
  }
  return 1;
}

bool is_ascii(std::string_view text) {
  return parsers::byte_scan::find_non_ascii(text) == text.size();
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text;
  }
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) { // a continuation
    --end;
  }
  return text.substr(0, end);
}

} // namespace appeald::responders
