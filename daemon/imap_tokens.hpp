#pragma once
// Small lexical helpers shared by the IMAP response readers (internal to daemon/imap_*): numbers,
// literal markers and a tokenizer over one Response (RFC 3501 section 9 atoms, quoted strings,
// literals, NIL and parentheses). Pure, no I/O.
#include "daemon/imap_response.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon::imap {

bool iequals(std::string_view a, std::string_view b);
std::string upper(std::string_view s);

// Digits only, no sign, fitting N; nullopt otherwise.
template <typename N> std::optional<N> parse_number(std::string_view s) {
  if (s.empty() || s.size() > 20 ||
      !std::ranges::all_of(s, [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  N value{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) {
    return std::nullopt;
  }
  return value;
}

// The literal length of a line ending in "{N}" or "{N+}" (UINT64_MAX for too many digits).
std::optional<std::uint64_t> literal_marker(std::string_view line);

// The words of a response's text, split at spaces (no literals involved).
std::vector<std::string_view> words(std::string_view text);

// A complete "* ..." response.
bool untagged(const Response& r);

struct Token {
  enum class Kind { atom, string, nil, open, close, end, error };
  Kind kind = Kind::end;
  std::string value;
};

// Tokens of one response: atoms (a "[...]" section kept whole, so BODY[]<0> is one atom), quoted
// strings, literals (from Response::literals, in order), NIL and parentheses.
class Tokenizer {
public:
  explicit Tokenizer(const Response& r) : text_(r.text), literals_(r.literals) {}

  Token next() {
    while (pos_ < text_.size() && text_[pos_] == ' ') {
      ++pos_;
    }
    if (pos_ >= text_.size()) {
      return {Token::Kind::end, {}};
    }
    const char c = text_[pos_];
    if (c == '(' || c == ')') {
      ++pos_;
      return {c == '(' ? Token::Kind::open : Token::Kind::close, std::string(1, c)};
    }
    if (c == '"') {
      return quoted();
    }
    if (c == '{') {
      const auto close = text_.find('}', pos_);
      if (close == std::string_view::npos ||
          !literal_marker(text_.substr(pos_, close - pos_ + 1)) ||
          next_literal_ >= literals_.size()) {
        return {Token::Kind::error, {}};
      }
      pos_ = close + 1;
      return {Token::Kind::string, literals_[next_literal_++]};
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '(' && text_[pos_] != ')') {
      if (text_[pos_] == '[') {
        const auto close = text_.find(']', pos_);
        pos_ = close == std::string_view::npos ? text_.size() : close;
      }
      ++pos_;
    }
    std::string atom(text_.substr(start, pos_ - start));
    return {iequals(atom, "NIL") ? Token::Kind::nil : Token::Kind::atom, std::move(atom)};
  }

  std::string_view rest() const { return text_.substr(std::min(pos_, text_.size())); }

  // Skips one value: an atom, string, NIL or a balanced parenthesised list.
  bool skip_value() {
    Token t = next();
    if (t.kind != Token::Kind::open) {
      return t.kind == Token::Kind::atom || t.kind == Token::Kind::string ||
             t.kind == Token::Kind::nil;
    }
    for (int depth = 1; depth > 0;) {
      t = next();
      if (t.kind == Token::Kind::end || t.kind == Token::Kind::error) {
        return false;
      }
      depth += t.kind == Token::Kind::open ? 1 : t.kind == Token::Kind::close ? -1 : 0;
    }
    return true;
  }

private:
  Token quoted() {
    std::string value;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return {Token::Kind::string, std::move(value)};
      }
      if (c == '\\' && pos_ + 1 < text_.size()) {
        c = text_[++pos_];
      }
      value += c;
    }
    return {Token::Kind::error, {}};
  }

  std::string_view text_;
  const std::vector<std::string>& literals_;
  std::size_t pos_ = 0;
  std::size_t next_literal_ = 0;
};

} // namespace appeald::daemon::imap
