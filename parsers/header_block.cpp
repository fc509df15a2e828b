#include "parsers/header_block.hpp"

#include "parsers/byte_scan.hpp"

#include <algorithm>

namespace appeald::parsers {

namespace {

// One physical line: [begin, end) without its terminator; `next` is where the following line
// starts.
struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0;
};

// Reads the line starting at `pos`. A line ends at LF (any CRs before it belong to the
// terminator, so "\r\r\n" from double conversion is one line end) or at a bare CR (old Mac).
Line read_line(std::string_view bytes, std::size_t pos) {
  // The first CR or LF, eight bytes at a time: find_first_of("\r\n") calls memchr on the
  // two-byte set once per byte, and a memchr for LF alone would read to the end of a bare-CR
  // message on every line.
  const std::size_t eol = byte_scan::find_either(bytes, '\n', '\r', pos);
  if (eol == bytes.size()) {
    return {pos, bytes.size(), bytes.size()};
  }
  std::size_t j = eol;
  while (j < bytes.size() && bytes[j] == '\r') {
    ++j;
  }
  if (j < bytes.size() && bytes[j] == '\n') {
    return {pos, eol, j + 1};
  }
  return {pos, eol, eol + 1};
}

// Room made for fields up front: about what a message relayed by two or three hops carries.
constexpr std::size_t expected_fields = 24;

bool is_wsp(char c) {
  return c == ' ' || c == '\t';
}

// A field name is printable US-ASCII except ':' (RFC 5322 2.2); "Subject :" (obsolete syntax,
// RFC 5322 4.5) is accepted by trimming whitespace before the colon.
bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return c > ' ' && c < 127 && c != ':'; });
}

void append_value(std::string& value, std::string_view part) {
  const std::size_t at = value.size();
  value.append(part);
  if (part.find('\0') != std::string_view::npos) { // one memchr; NULs are rare
    std::replace(value.begin() + static_cast<std::ptrdiff_t>(at), value.end(), '\0', ' ');
  }
}

// Trims the value in place (no new string: most fields come here).
void finish_field(HeaderField& field) {
  const std::string_view t = trim(field.value);
  if (t.size() != field.value.size()) {
    const auto front = static_cast<std::size_t>(t.data() - field.value.data());
    field.value.resize(front + t.size());
    field.value.erase(0, front);
  }
}

// Where the body starts when the header block is not read to its end: after the first empty
// line at or after `pos`, or the end of input.
std::size_t skip_to_body(std::string_view bytes, std::size_t pos) {
  while (pos < bytes.size()) {
    const Line line = read_line(bytes, pos);
    if (line.begin == line.end) {
      return line.next;
    }
    pos = line.next;
  }
  return bytes.size();
}

} // namespace

HeaderBlock split_header_block(std::string_view bytes, const ParserLimits& limits,
                               Warnings& warnings) {
  HeaderBlock block;
  block.fields.reserve(expected_fields);
  std::size_t pos = 0;
  // mbox files and some MDAs leave the envelope line on top.
  if (bytes.starts_with("From ")) {
    pos = read_line(bytes, 0).next;
  }
  bool in_field = false; // whether continuation lines belong to the last field
  while (pos < bytes.size()) {
    const Line line = read_line(bytes, pos);
    pos = line.next;
    if (line.begin == line.end) {
      block.body_offset = line.next;
      if (in_field) {
        finish_field(block.fields.back());
      }
      return block;
    }
    if (line.end > limits.max_header_bytes) {
      // The line that crosses the limit is dropped whole: a cut value would be misleading.
      warnings.add("header-too-large");
      block.body_offset = skip_to_body(bytes, pos);
      if (in_field) {
        finish_field(block.fields.back());
      }
      return block;
    }
    const std::string_view text = bytes.substr(line.begin, line.end - line.begin);
    if (is_wsp(text.front())) {
      if (in_field) {
        append_value(block.fields.back().value, text);
      } else {
        // A continuation with nothing to continue (first line, or after a dropped line).
        warnings.add("header-junk", "continuation without a field");
      }
      continue;
    }
    if (in_field) {
      finish_field(block.fields.back());
      in_field = false;
    }
    const std::size_t colon = text.find(':');
    std::string_view name =
        colon == std::string_view::npos ? std::string_view{} : text.substr(0, colon);
    while (!name.empty() && is_wsp(name.back())) {
      name.remove_suffix(1);
    }
    if (!valid_name(name)) {
      // A line that is no header field where one is expected: the sender's client left out the
      // blank line, and this is the body. Reading it as body (as Python's email does) keeps the
      // customer's words instead of dropping them as junk.
      warnings.add("header-no-blank-line", text.substr(0, 60));
      block.body_offset = line.begin;
      return block;
    }
    if (block.fields.size() >= limits.max_header_count) {
      warnings.add("header-too-many");
      continue;
    }
    // The space after the colon goes now rather than in finish_field(), so the value is
    // allocated once at its size.
    std::string_view value = text.substr(colon + 1);
    while (!value.empty() && is_wsp(value.front())) {
      value.remove_prefix(1);
    }
    HeaderField& field = block.fields.emplace_back();
    field.name = std::string(name);
    append_value(field.value, value);
    in_field = true;
  }
  if (in_field) {
    finish_field(block.fields.back());
  }
  block.body_offset = bytes.size();
  return block;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]);
    unsigned char y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') {
      x = static_cast<unsigned char>(x + ('a' - 'A'));
    }
    if (y >= 'A' && y <= 'Z') {
      y = static_cast<unsigned char>(y + ('a' - 'A'));
    }
    if (x != y) {
      return false;
    }
  }
  return true;
}

const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& f : fields) {
    if (iequals(f.name, name)) {
      return &f;
    }
  }
  return nullptr;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  ascii_lower_in_place(out);
  return out;
}

void ascii_lower_in_place(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + ('a' - 'A'));
    }
  }
}

std::string_view trim(std::string_view s) {
  auto junk = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && junk(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && junk(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

} // namespace appeald::parsers
