#include "parsers/content_type.hpp"

#include "parsers/charset.hpp"
#include "parsers/encoded_words.hpp"
#include "parsers/header_block.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>

namespace appeald::parsers {

namespace {

// Highest RFC 2231 section number accepted; real filenames need a handful.
constexpr unsigned max_section = 999;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// RFC 2045 token characters ('/' excluded: the caller splits type/subtype itself).
bool token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= ' ' || u >= 127) {
    return false;
  }
  return std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

class Cursor {
public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  void advance() { ++i_; }
  std::size_t pos() const { return i_; }
  void seek(std::size_t p) { i_ = p; }

  // Skips whitespace and (nested) comments; an unterminated comment runs to the end.
  void skip_cfws() {
    while (!done()) {
      if (is_space(s_[i_])) {
        ++i_;
      } else if (s_[i_] == '(') {
        std::size_t depth = 0;
        for (; i_ < s_.size(); ++i_) {
          if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
            ++i_;
          } else if (s_[i_] == '(') {
            ++depth;
          } else if (s_[i_] == ')' && --depth == 0) {
            ++i_;
            break;
          }
        }
      } else {
        return;
      }
    }
  }

  std::string_view token() {
    const std::size_t b = i_;
    while (!done() && token_char(s_[i_])) {
      ++i_;
    }
    return s_.substr(b, i_ - b);
  }

  // At '"': the unescaped content. An unterminated string runs to the end.
  std::string quoted(bool& terminated) {
    std::string out;
    terminated = false;
    for (++i_; i_ < s_.size(); ++i_) {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        out += s_[++i_];
      } else if (s_[i_] == '"') {
        ++i_;
        terminated = true;
        break;
      } else {
        out += s_[i_];
      }
    }
    return out;
  }

  // An unquoted value. Runs to ';' and may hold spaces (`filename=my file.pdf` is common), but
  // stops before whitespace that starts a comment or another `name=` (a missing ';').
  std::string_view bare_value() {
    const std::size_t b = i_;
    std::size_t end = i_;
    while (i_ < s_.size() && s_[i_] != ';') {
      if (!is_space(s_[i_])) {
        end = ++i_;
        continue;
      }
      while (i_ < s_.size() && is_space(s_[i_])) {
        ++i_;
      }
      if (i_ < s_.size() && s_[i_] == '(') {
        break;
      }
      const std::size_t word = i_;
      while (i_ < s_.size() && token_char(s_[i_])) {
        ++i_;
      }
      if (i_ > word && i_ < s_.size() && s_[i_] == '=') {
        i_ = word;
        break;
      }
      i_ = word;
    }
    return s_.substr(b, end - b);
  }

private:
  std::string_view s_;
  std::size_t i_ = 0;
};

struct Section {
  bool extended = false;
  std::string value;
};

// Parameters being collected: plain ones, and RFC 2231 sections by base name.
struct ParamSet {
  std::map<std::string, std::string> plain;
  std::map<std::string, std::map<unsigned, Section>> split;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i]; // a stray '%' is kept: better a readable name than none
    }
  }
  return out;
}

// Stores one name=value. Returns false when the name is an unusable RFC 2231 form.
bool store(ParamSet& set, std::string name, std::string value) {
  const std::size_t star = name.find('*');
  if (star == std::string::npos) {
    set.plain.emplace(std::move(name), std::move(value)); // first wins
    return true;
  }
  std::string base = name.substr(0, star);
  std::string_view rest = std::string_view(name).substr(star + 1);
  Section section;
  unsigned number = 0;
  if (rest.empty()) {
    section.extended = true;
  } else {
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9' && digits < 4) {
      number = number * 10 + static_cast<unsigned>(rest[digits] - '0');
      ++digits;
    }
    section.extended = digits + 1 == rest.size() && rest.back() == '*';
    if (digits == 0 || number > max_section || !(digits == rest.size() || section.extended)) {
      return false;
    }
  }
  if (base.empty()) {
    return false;
  }
  section.value = std::move(value);
  set.split[std::move(base)].emplace(number, std::move(section));
  return true;
}

// Joins RFC 2231 sections: charset'language'%XX in the first, %XX in later extended ones.
std::string join_sections(const std::map<unsigned, Section>& sections, Warnings& warnings) {
  std::string bytes;
  std::string charset;
  unsigned expected = 0;
  for (const auto& [number, section] : sections) {
    if (number != expected) {
      warnings.add("rfc2231-malformed", "missing section");
    }
    expected = number + 1;
    std::string_view v = section.value;
    if (section.extended && number == sections.begin()->first) {
      const std::size_t q1 = v.find('\'');
      const std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
      if (q2 != std::string_view::npos) {
        charset = std::string(v.substr(0, q1));
        v = v.substr(q2 + 1);
      }
    }
    bytes += section.extended ? percent_decode(v) : std::string(v);
  }
  return to_utf8(bytes, charset, warnings);
}

bool needs_decoding(std::string_view v) {
  return v.find("=?") != std::string_view::npos || std::any_of(v.begin(), v.end(), [](char c) {
           const auto u = static_cast<unsigned char>(c);
           return u >= 0x80 || u < 0x20;
         });
}

MimeParams finish(ParamSet set, Warnings& warnings) {
  MimeParams out;
  for (auto& [name, value] : set.plain) {
    // Boundaries are compared byte for byte with body lines: never rewrite them. Other values
    // may carry RFC 2047 words (Outlook, Gmail) or raw UTF-8 despite RFC 2231.
    if (name != "boundary" && needs_decoding(value)) {
      value = decode_header_text(value, warnings);
    }
    out.emplace(name, std::move(value));
  }
  for (const auto& [name, sections] : set.split) {
    // The RFC 2231 form wins over a plain one: it is the one that carries the charset.
    out[name] = join_sections(sections, warnings);
  }
  return out;
}

// Parses `value; params`. `value` is lowercased; empty when the input starts with a parameter or
// with junk. Sets `malformed` for anything that had to be skipped.
MimeValue parse_mime(std::string_view raw, bool& malformed, Warnings& warnings) {
  MimeValue result;
  Cursor c(raw);
  c.skip_cfws();
  const std::size_t start = c.pos();
  std::string value(c.token());
  c.skip_cfws();
  if (c.peek() == '/') {
    c.advance();
    c.skip_cfws();
    value += '/';
    value += c.token();
    c.skip_cfws();
  } else if (c.peek() == '=') {
    // No value at all, only parameters (`Content-Disposition: filename=a.pdf`).
    value.clear();
    c.seek(start);
    malformed = true;
  }
  result.value = ascii_lower(value);
  ParamSet set;
  while (!c.done()) {
    c.skip_cfws();
    if (c.done()) {
      break;
    }
    if (c.peek() == ';') {
      c.advance();
      continue;
    }
    std::string name = ascii_lower(c.token());
    if (name.empty()) {
      c.advance(); // junk character
      malformed = true;
      continue;
    }
    c.skip_cfws();
    if (c.peek() != '=') {
      malformed = true; // a name without a value
      continue;
    }
    c.advance();
    c.skip_cfws();
    std::string v;
    if (c.peek() == '"') {
      bool terminated = false;
      v = c.quoted(terminated);
      malformed = malformed || !terminated;
    } else {
      v = std::string(c.bare_value());
    }
    if (!store(set, std::move(name), std::move(v))) {
      malformed = true;
    }
  }
  result.params = finish(std::move(set), warnings);
  return result;
}

bool valid_type(std::string_view v) {
  const std::size_t slash = v.find('/');
  return slash != std::string_view::npos && slash > 0 && slash + 1 < v.size() &&
         v.find('/', slash + 1) == std::string_view::npos;
}

} // namespace

std::string MimeValue::param(std::string_view name) const {
  // Callers name parameters in lower case; only other names need a lowered copy.
  const bool lower =
      std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  const auto it = lower ? params.find(name) : params.find(ascii_lower(name));
  return it == params.end() ? std::string() : it->second;
}

MimeValue parse_content_type(std::string_view raw, Warnings& warnings) {
  bool malformed = false;
  MimeValue v = parse_mime(raw, malformed, warnings);
  if (v.value == "text") {
    // Seen from old mailers; RFC 2045 5.2 makes text/plain the default anyway.
    v.value = "text/plain";
    malformed = true;
  } else if (!valid_type(v.value)) {
    if (!trim(raw).empty()) {
      warnings.add("content-type-malformed", raw.substr(0, 60));
    }
    return MimeValue{"text/plain", {}};
  }
  if (malformed) {
    warnings.add("content-type-malformed", raw.substr(0, 60));
  }
  return v;
}

MimeValue parse_content_disposition(std::string_view raw, Warnings& warnings) {
  bool malformed = false;
  MimeValue v = parse_mime(raw, malformed, warnings);
  if (v.value.find('/') != std::string::npos) {
    v.value.clear();
    malformed = true;
  }
  if (malformed || (v.value.empty() && !trim(raw).empty())) {
    warnings.add("content-disposition-malformed", raw.substr(0, 60));
  }
  return v;
}

} // namespace appeald::parsers
