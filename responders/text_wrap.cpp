#include "responders/text_wrap.hpp"

namespace appeald::responders {

namespace {

std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

// Length of the line's leading blanks plus its list marker, if any.
std::size_t hanging_indent(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
    ++i;
  }
  if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*') && line[i + 1] == ' ') {
    return i + 2;
  }
  std::size_t digits = i;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') {
    ++digits;
  }
  if (digits > i && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      line[digits + 1] == ' ') {
    return digits + 2;
  }
  return i;
}

void wrap_line(std::string_view line, std::size_t width, std::string& out) {
  if (columns(line) <= width) {
    out += line;
    return;
  }
  const std::size_t indent = hanging_indent(line);
  const std::string pad(indent, ' ');
  out += line.substr(0, indent);
  std::size_t used = columns(line.substr(0, indent));
  bool first_word = true;
  std::size_t pos = indent;
  while (pos < line.size()) {
    const std::size_t end = std::min(line.find(' ', pos), line.size());
    const std::string_view word = line.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) {
      continue;
    }
    const std::size_t w = columns(word);
    if (!first_word && used + 1 + w > width) {
      out += '\n';
      out += pad;
      used = indent;
    } else if (!first_word) {
      out += ' ';
      ++used;
    }
    out += word;
    used += w;
    first_word = false;
  }
}

} // namespace

std::string wrap_text(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      wrap_line(text.substr(pos), width, out);
      break;
    }
    wrap_line(text.substr(pos, end - pos), width, out);
    out += '\n';
    pos = end + 1;
  }
  return out;
}

} // namespace appeald::responders
