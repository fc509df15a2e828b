#include "parsers/address_list.hpp"

#include "parsers/encoded_words.hpp"
#include "parsers/header_block.hpp"

#include <algorithm>
#include <cstddef>

namespace appeald::parsers {

namespace {

enum class Kind { word, quoted, comment, literal, special, end };

// One lexical token. `text` views the input: quoted strings and comments without their
// delimiters and still escaped; `special` is one of < > @ , ; :.
struct Token {
  Kind kind = Kind::end;
  char special = '\0';
  std::string_view text;
  bool space_before = false;
};

bool is_blank(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= ' ' || u == 127;
}

bool word_char(char c) {
  return !is_blank(c) && std::string_view("\"()<>@,;:[]").find(c) == std::string_view::npos;
}

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
    }
    out += s[i];
  }
  return out;
}

// Splits an address list into tokens. An unterminated quote, comment or domain literal would
// swallow the rest of the list, so its opening character is dropped instead and every later one
// of that kind is ignored too: one failed scan to the end keeps the whole pass linear.
class Lexer {
public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Token next() {
    Token t;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (is_blank(c) || c == ')' || c == ']') {
        t.space_before = true;
        ++i_;
      } else if (c == '"' || c == '(' || c == '[') {
        if (delimited(c, t)) {
          return t;
        }
        t.space_before = true;
      } else if (std::string_view("<>@,;:").find(c) != std::string_view::npos) {
        t.kind = Kind::special;
        t.special = c;
        ++i_;
        return t;
      } else {
        const std::size_t b = i_;
        while (i_ < s_.size() && word_char(s_[i_])) {
          ++i_;
        }
        t.kind = Kind::word;
        t.text = s_.substr(b, i_ - b);
        return t;
      }
    }
    return t;
  }

private:
  // At an opening '"', '(' or '['. Returns false (and skips the character) when unterminated.
  bool delimited(char open, Token& t) {
    bool& broken = open == '"' ? quotes_broken_ : open == '(' ? parens_broken_ : brackets_broken_;
    if (!broken) {
      const char close = open == '"' ? '"' : open == '(' ? ')' : ']';
      std::size_t depth = 1;
      for (std::size_t j = i_ + 1; j < s_.size(); ++j) {
        if (s_[j] == '\\') {
          ++j;
        } else if (s_[j] == '(' && open == '(') {
          ++depth;
        } else if (s_[j] == close && --depth == 0) {
          t.kind = open == '"' ? Kind::quoted : open == '(' ? Kind::comment : Kind::literal;
          t.text = open == '[' ? s_.substr(i_, j + 1 - i_) : s_.substr(i_ + 1, j - i_ - 1);
          i_ = j + 1;
          return true;
        }
      }
      broken = true;
    }
    ++i_;
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  bool quotes_broken_ = false;
  bool parens_broken_ = false;
  bool brackets_broken_ = false;
};

bool atext(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u > ' ' && u < 127 &&
                       std::string_view("\"(),.:;<>@[\\]").find(c) == std::string_view::npos);
}

bool dot_atom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '.' || atext(c); });
}

// A quoted local part as it belongs in an addr-spec: bare when it is a dot-atom anyway
// ("john"@x is john@x), else quoted ("john..doe"@x).
std::string local_form(std::string_view escaped) {
  const std::string content = unescape(escaped);
  if (dot_atom(content)) {
    return content;
  }
  std::string out = "\"";
  for (char c : content) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + '"';
}

void append_addr_token(std::string& addr, const Token& t) {
  if (t.kind == Kind::quoted) {
    addr += local_form(t.text);
  } else if (t.kind == Kind::special) {
    addr += t.special;
  } else {
    addr += t.text;
  }
}

// Lowercased addr-spec, or "" when `addr` has no usable local part and domain.
std::string normalize_address(std::string_view addr) {
  const std::size_t at = addr.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == addr.size()) {
    return {};
  }
  std::string_view local = addr.substr(0, at);
  std::string_view domain = addr.substr(at + 1);
  if (domain.back() == '.') {
    domain.remove_suffix(1); // "example.com." is the same host
  }
  const bool quoted_local = local.size() >= 2 && local.front() == '"' && local.back() == '"';
  if (domain.empty() || (!quoted_local && local.find('"') != std::string_view::npos) ||
      (!quoted_local && local.find('@') != std::string_view::npos)) {
    return {};
  }
  if (std::any_of(domain.begin(), domain.end(), is_blank) ||
      (!quoted_local && std::any_of(local.begin(), local.end(), is_blank))) {
    return {};
  }
  // One string, lowered in place (every address of every message comes here).
  std::string out;
  out.reserve(addr.size());
  out.append(local).append(1, '@').append(domain);
  ascii_lower_in_place(out);
  return out;
}

// The tokens of one mailbox (or of a phrase that may be half of "Last, First <addr>").
struct Unit {
  std::vector<Token> phrase; // words, quoted strings, literals and '@' outside <...>
  std::string_view comment;  // the first comment
  bool has_comment = false;
  bool angle = false; // saw '<'
  bool angle_closed = false;
  std::string angle_addr;

  bool empty() const { return phrase.empty() && !angle; }
};

class ListParser {
public:
  ListParser(Warnings& warnings, std::size_t max_mailboxes)
      : warnings_(warnings), max_(max_mailboxes) {}

  bool truncated() const { return truncated_; }

  std::vector<Mailbox> run(std::string_view raw) {
    Lexer lexer(raw);
    for (Token t = lexer.next(); t.kind != Kind::end; t = lexer.next()) {
      if (out_.size() >= max_) {
        truncated_ = true;
        break;
      }
      if (unit_.angle && !unit_.angle_closed) {
        in_angle(t);
      } else {
        outside(t);
      }
    }
    if (out_.size() < max_) {
      if (unit_.angle && !unit_.angle_closed) {
        warnings_.add("address-malformed", "unclosed <");
      }
      finish_unit();
    }
    if (has_pending_ && out_.size() < max_) {
      warnings_.add("address-malformed", "name without address");
    }
    return std::move(out_);
  }

private:
  void in_angle(const Token& t) {
    if (t.kind == Kind::comment || (t.kind == Kind::special && t.special == '<')) {
      return; // "<<a@x>>" is seen from broken gateways
    }
    if (t.kind != Kind::special || t.special == '@') {
      append_addr_token(unit_.angle_addr, t);
    } else if (t.special == '>') {
      unit_.angle_closed = true;
    } else if (t.special == ':') {
      unit_.angle_addr.clear(); // end of an obsolete route: <@a,@b:user@x>
    } else if (t.special == ',' && unit_.angle_addr.starts_with('@')) {
      // between the domains of an obsolete route
    } else {
      warnings_.add("address-malformed", "unclosed <");
      unit_.angle_closed = true;
      outside(t);
    }
  }

  void outside(const Token& t) {
    switch (t.kind) {
    case Kind::comment:
      if (!unit_.has_comment) {
        unit_.comment = t.text;
        unit_.has_comment = true;
      }
      return;
    case Kind::special:
      break;
    default:
      if (unit_.angle) {
        warnings_.add("address-malformed", "junk after >");
      } else {
        unit_.phrase.push_back(t);
      }
      return;
    }
    switch (t.special) {
    case '<':
      if (unit_.angle) {
        warnings_.add("address-malformed", "second <");
      } else {
        unit_.angle = true;
      }
      return;
    case '>':
      warnings_.add("address-malformed", "stray >");
      return;
    case ',':
    case ';':
      finish_unit();
      return;
    case ':':
      if (!unit_.angle && std::none_of(unit_.phrase.begin(), unit_.phrase.end(), is_at)) {
        // A group name ("undisclosed-recipients:", "Team:"): members follow, the name does not
        // matter.
        unit_ = Unit{};
        drop_pending();
      } else {
        warnings_.add("address-malformed", "stray :");
      }
      return;
    default: // '@'
      if (unit_.angle) {
        warnings_.add("address-malformed", "junk after >");
      } else {
        unit_.phrase.push_back(t);
      }
      return;
    }
  }

  static bool is_at(const Token& t) { return t.kind == Kind::special && t.special == '@'; }

  std::string phrase_text(std::size_t begin, std::size_t end) {
    std::string raw;
    for (std::size_t k = begin; k < end; ++k) {
      const Token& t = unit_.phrase[k];
      if (k > begin && t.space_before) {
        raw += ' ';
      }
      if (t.kind == Kind::quoted) {
        raw += unescape(t.text);
      } else if (t.kind == Kind::special) {
        raw += t.special;
      } else {
        raw += t.text;
      }
    }
    // RFC 2047 words inside quotes are not allowed, but every client writes and reads them.
    return std::string(trim(decode_header_text(raw, warnings_)));
  }

  void emit(std::string name, std::string address) {
    if (name.empty() && unit_.has_comment) {
      // "sam@example.com (Sam Ortiz)": the old way of naming the sender.
      name = std::string(trim(decode_header_text(unescape(unit_.comment), warnings_)));
    }
    if (name.empty() && address.empty()) {
      return; // "<>" or "<junk>": nothing to show
    }
    out_.push_back(Mailbox{std::move(name), std::move(address)});
  }

  void finish_unit() {
    if (unit_.angle) {
      std::string name = phrase_text(0, unit_.phrase.size());
      if (has_pending_) {
        // "Ortiz, Sam <ops@x>": an unquoted comma inside the display name.
        name = name.empty() ? pending_ : pending_ + ", " + name;
        has_pending_ = false;
        pending_.clear();
      }
      std::string address = normalize_address(unit_.angle_addr);
      if (address.empty()) {
        warnings_.add("address-malformed", unit_.angle_addr);
      }
      emit(std::move(name), std::move(address));
    } else if (const auto at = std::find_if(unit_.phrase.rbegin(), unit_.phrase.rend(), is_at);
               at != unit_.phrase.rend()) {
      bare_address(static_cast<std::size_t>(unit_.phrase.rend() - at - 1));
    } else if (!unit_.phrase.empty()) {
      // Maybe the first half of "Last, First <addr>"; decided by the next unit.
      const std::string part = phrase_text(0, unit_.phrase.size());
      if (!part.empty()) {
        if (has_pending_) {
          pending_ += ", ";
        }
        pending_ += part;
        has_pending_ = true;
      }
    }
    unit_ = Unit{};
  }

  // No angle brackets: the address is the run of tokens around the last '@' (whitespace around
  // '@' tolerated), and words before it are the name ("Sam Ortiz sam@x", brackets forgotten).
  void bare_address(std::size_t at) {
    drop_pending();
    const std::vector<Token>& p = unit_.phrase;
    auto joined = [&](std::size_t k) { // whether p[k - 1] and p[k] belong together
      return !p[k].space_before || is_at(p[k]) || is_at(p[k - 1]);
    };
    std::size_t first = at;
    while (first > 0 && joined(first)) {
      --first;
    }
    std::size_t last = at;
    while (last + 1 < p.size() && joined(last + 1)) {
      ++last;
    }
    std::string raw;
    for (std::size_t k = first; k <= last; ++k) {
      append_addr_token(raw, p[k]);
    }
    std::string address = normalize_address(raw);
    if (address.empty()) {
      warnings_.add("address-malformed", raw);
      return;
    }
    emit(phrase_text(0, first), std::move(address));
  }

  void drop_pending() {
    if (has_pending_) {
      warnings_.add("address-malformed", "name without address");
      has_pending_ = false;
      pending_.clear();
    }
  }

  Warnings& warnings_;
  std::size_t max_;
  std::vector<Mailbox> out_;
  Unit unit_;
  std::string pending_;
  bool has_pending_ = false;
  bool truncated_ = false;
};

} // namespace

std::vector<Mailbox> parse_address_list(std::string_view raw, Warnings& warnings) {
  ListParser parser(warnings, max_mailboxes);
  std::vector<Mailbox> out = parser.run(raw);
  if (parser.truncated()) {
    warnings.add("address-too-many");
  }
  return out;
}

Mailbox parse_first_mailbox(std::string_view raw, Warnings& warnings) {
  std::vector<Mailbox> list = ListParser(warnings, 1).run(raw);
  return list.empty() ? Mailbox{} : std::move(list.front());
}

} // namespace appeald::parsers
