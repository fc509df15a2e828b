#include "responders/utf8_text.hpp"

#include "parsers/byte_scan.hpp"

namespace appeald::responders {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Length of the valid sequence at `pos`, or 0 when the bytes there are not valid UTF-8.
std::size_t valid_sequence_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    return 1;
  }
  const std::size_t len = utf8_sequence_length(lead);
  if (len == 1 || pos + len > text.size()) {
    return 0;
  }
  char32_t cp = lead & (0xFF >> (len + 1));
  for (std::size_t i = 1; i < len; ++i) {
    const auto c = static_cast<unsigned char>(text[pos + i]);
    if (!continuation(c)) {
      return 0;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  const char32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_length[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

} // namespace

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

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    // ASCII runs (nearly all of most mail) are found a word at a time and copied whole.
    const std::size_t run_end = parsers::byte_scan::find_non_ascii(text, pos);
    out.append(text.substr(pos, run_end - pos));
    pos = run_end;
    if (pos == text.size()) {
      break;
    }
    const std::size_t len = valid_sequence_at(text, pos);
    if (len == 0) {
      out += replacement;
      ++pos;
      continue;
    }
    out.append(text.substr(pos, len));
    pos += len;
  }
  return out;
}

bool is_ascii(std::string_view text) {
  return parsers::byte_scan::find_non_ascii(text) == text.size();
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text;
  }
  std::size_t end = max_bytes;
  while (end > 0 && continuation(static_cast<unsigned char>(text[end]))) {
    --end;
  }
  return text.substr(0, end);
}

} // namespace appeald::responders
