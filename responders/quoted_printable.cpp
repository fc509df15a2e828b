#include "responders/quoted_printable.hpp"

namespace appeald::responders {

namespace {

constexpr std::size_t max_encoded_line = 76;
constexpr char hex_digits[] = "0123456789ABCDEF";

std::string escape(char c) {
  const auto u = static_cast<unsigned char>(c);
  return {'=', hex_digits[u >> 4], hex_digits[u & 0x0F]};
}

void encode_line(std::string_view line, std::string& out) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const auto u = static_cast<unsigned char>(c);
    const bool last = i + 1 == line.size();
    std::string piece;
    if ((c == ' ' || c == '\t') && last) {
      piece = escape(c);
    } else if (c == ' ' || c == '\t' || (u > ' ' && u < 127 && c != '=')) {
      piece = std::string(1, c);
    } else {
      piece = escape(c);
    }
    // Room for the soft break's '=' unless this piece ends the line.
    const std::size_t limit = last ? max_encoded_line : max_encoded_line - 1;
    if (length + piece.size() > limit) {
      out += "=\r\n";
      length = 0;
    }
    out += piece;
    length += piece.size();
  }
}

} // namespace

std::string encode_quoted_printable(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    const bool has_newline = end != std::string_view::npos;
    if (!has_newline) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    encode_line(line, out);
    if (!has_newline) {
      break;
    }
    out += "\r\n";
    pos = end + 1;
  }
  return out;
}

} // namespace appeald::responders
