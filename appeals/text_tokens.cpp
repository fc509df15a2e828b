#include "appeals/text_tokens.hpp"

#include <array>
#include <cstdint>

namespace appeald::appeals {

namespace {

enum class Kind : std::uint8_t {
  word,       // letter, digit, non-ASCII letter, invalid byte
  apostrophe, // ' ’ ‘ ʼ: part of a word only between word characters
  hyphen,     // - ‐ ‑ ‒ –: splits words; a separator dash when spaced
  em_dash,    // — ―: always a separator dash
  space,
  punct, // clause punctuation, see Char::punct
  other,
};

struct Char {
  Kind kind;
  std::size_t length; // bytes
  char punct = 0;     // for Kind::punct: the ASCII character reported in punct_after
};

// One lookup per byte: tokenize() asks this of every byte of every sentence.
constexpr auto ascii_alnum = [] {
  std::array<bool, 256> t{};
  for (unsigned c = 0; c < t.size(); ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return t;
}();

bool is_ascii_alnum(char c) {
  return ascii_alnum[static_cast<unsigned char>(c)];
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_continuation(std::string_view t, std::size_t i) {
  return i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80;
}

// Decodes the UTF-8 sequence at `i` (a non-ASCII lead byte). Invalid or truncated sequences
// decode as a single byte with code point 0, which is then treated as a word character.
std::pair<char32_t, std::size_t> decode(std::string_view t, std::size_t i) {
  const auto b = static_cast<unsigned char>(t[i]);
  std::size_t length = 0;
  char32_t cp = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    length = 2;
    cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    length = 3;
    cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    length = 4;
    cp = b & 0x07;
  } else {
    return {0, 1};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (!is_continuation(t, i + k)) {
      return {0, 1};
    }
    cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
  }
  return {cp, length};
}

Char classify_non_ascii(char32_t cp, std::size_t length) {
  switch (cp) {
  case 0x2018:
  case 0x2019:
  case 0x02BC:
    return {Kind::apostrophe, length};
  case 0x2010:
  case 0x2011:
  case 0x2012:
  case 0x2013:
    return {Kind::hyphen, length};
  case 0x2014:
  case 0x2015:
    return {Kind::em_dash, length};
  case 0x2026:
    return {Kind::punct, length, '.'};
  case 0x00A0:
  case 0x202F:
  case 0x205F:
  case 0x3000:
  case 0xFEFF:
  case 0x2028:
  case 0x2029:
    return {Kind::space, length};
  case 0x00AB:
  case 0x00BB:
  case 0x2039:
  case 0x203A:
  case 0x2022:
  case 0x00B7:
  case 0x00A1:
  case 0x00BF:
    return {Kind::other, length};
  default:
    break;
  }
  if (cp >= 0x2000 && cp <= 0x200B) {
    return {Kind::space, length};
  }
  if (cp >= 0x201A && cp <= 0x201F) { // low and double quotes
    return {Kind::other, length};
  }
  return {Kind::word, length};
}

// Out of line: keeps classify() small enough to inline for the common ASCII case.
[[gnu::noinline]] Char classify_multibyte(std::string_view t, std::size_t i) {
  const auto [cp, length] = decode(t, i);
  return classify_non_ascii(cp, length);
}

inline Char classify(std::string_view t, std::size_t i) {
  const char c = t[i];
  if (static_cast<unsigned char>(c) >= 0x80) {
    return classify_multibyte(t, i);
  }
  if (is_ascii_alnum(c)) {
    return {Kind::word, 1};
  }
  switch (c) {
  case '\'':
    return {Kind::apostrophe, 1};
  case '-':
    return {Kind::hyphen, 1};
  case ' ':
  case '\t':
  case '\n':
  case '\r':
  case '\f':
  case '\v':
    return {Kind::space, 1};
  case ',':
  case ';':
  case ':':
  case '.':
  case '!':
  case '?':
  case '(':
  case ')':
    return {Kind::punct, 1, c};
  default:
    return {Kind::other, 1};
  }
}

bool word_at(std::string_view t, std::size_t i) {
  if (i >= t.size()) {
    return false;
  }
  if (static_cast<unsigned char>(t[i]) < 0x80) {
    return is_ascii_alnum(t[i]);
  }
  return classify_multibyte(t, i).kind == Kind::word;
}

int strength(char punct) {
  switch (punct) {
  case '.':
  case '!':
  case '?':
    return 4;
  case ';':
  case ':':
    return 3;
  case '-':
  case ',':
    return 2;
  case '(':
  case ')':
    return 1;
  default:
    return 0;
  }
}

// Reads one word starting at `i` (a word character) into `token`; returns the index after it.
std::size_t read_word(std::string_view t, std::size_t i, Token& token) {
  while (i < t.size()) {
    if (is_ascii_alnum(t[i])) { // fast path: a run of ASCII letters and digits
      std::size_t j = i + 1;
      while (j < t.size() && is_ascii_alnum(t[j])) {
        ++j;
      }
      const std::size_t at = token.word.size();
      token.word.append(t.substr(i, j - i));
      for (std::size_t k = at; k < token.word.size(); ++k) {
        token.word[k] = ascii_lower(token.word[k]);
      }
      i = j;
      continue;
    }
    const Char c = classify(t, i);
    if (c.kind == Kind::word) {
      if (c.length == 1) {
        token.word += ascii_lower(t[i]);
      } else {
        token.word.append(t.substr(i, c.length));
      }
      i += c.length;
    } else if (c.kind == Kind::apostrophe && word_at(t, i + c.length)) {
      token.word += '\'';
      i += c.length;
    } else if ((t[i] == '.' || t[i] == ',' || t[i] == ':') && is_digit(t[i - 1]) &&
               i + 1 < t.size() && is_digit(t[i + 1])) {
      // Numbers stay whole: "0.4", "10,000", "10:00".
      token.word += t[i];
      ++i;
    } else {
      break;
    }
  }
  token.end = i;
  return i;
}

// Scans the gap after a word (from `i` to the next word character) and returns the clause
// punctuation it holds (see Token::punct_after) and the index of the next word, or t.size().
std::pair<char, std::size_t> read_gap(std::string_view t, std::size_t i) {
  char best = 0;
  Kind previous = Kind::word;
  auto offer = [&best](char p) {
    if (strength(p) > strength(best)) {
      best = p;
    }
  };
  while (i < t.size()) {
    const Char c = classify(t, i);
    if (c.kind == Kind::word) {
      break;
    }
    if (c.kind == Kind::punct) {
      // "example.com", "e.g", "https://": a URL or abbreviation, not a clause boundary.
      const std::size_t after = i + c.length;
      const bool glued = (c.punct == '.' || c.punct == ':') &&
                         (word_at(t, after) || (c.punct == ':' && t.substr(after, 1) == "/"));
      if (!glued) {
        offer(c.punct);
      }
      previous = c.kind;
      i += c.length;
    } else if (c.kind == Kind::hyphen || c.kind == Kind::em_dash) {
      const bool space_before = previous == Kind::space;
      bool em = false;
      std::size_t j = i;
      while (j < t.size()) {
        const Char d = classify(t, j);
        if (d.kind != Kind::hyphen && d.kind != Kind::em_dash) {
          break;
        }
        em = em || d.kind == Kind::em_dash;
        j += d.length;
      }
      const bool space_after = j == t.size() || classify(t, j).kind == Kind::space;
      if (em || (space_before && space_after)) {
        offer('-');
      }
      previous = Kind::hyphen;
      i = j;
    } else {
      previous = c.kind;
      i += c.length;
    }
  }
  return {best, i};
}

} // namespace

unsigned word_lead_bit(std::string_view word) {
  const unsigned b0 = static_cast<unsigned char>(word[0]);
  const unsigned b1 = word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0u;
  return ((b0 * 0x9E37u) ^ (b1 * 0x85EBu) ^ (b0 >> 3)) & 255u;
}

unsigned word_whole_bit(std::string_view word) {
  std::uint32_t h = 2166136261u; // FNV-1a, folded to 8 bits
  for (const char c : word) {
    h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  }
  return 256u + ((h ^ (h >> 15)) * 0x9E3779B1u >> 22);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, tokens);
  return tokens;
}

void tokenize(std::string_view text, std::vector<Token>& tokens) {
  tokens.clear();
  tokens.reserve(text.size() / 5 + 1); // English words average under five letters and a space
  std::size_t i = 0;
  while (i < text.size() && !word_at(text, i)) {
    i += classify(text, i).length;
  }
  while (i < text.size()) {
    Token token;
    token.begin = i;
    i = read_word(text, i, token);
    const auto [punct, next] = read_gap(text, i);
    token.punct_after = punct;
    if (!token.word.empty()) {
      token.lead_bit = static_cast<std::uint16_t>(word_lead_bit(token.word));
      token.whole_bit = static_cast<std::uint16_t>(word_whole_bit(token.word));
    }
    i = next;
    tokens.push_back(std::move(token));
  }
}

bool has_word(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Char c = classify(text, i);
    if (c.kind == Kind::word) {
      return true;
    }
    i += c.length;
  }
  return false;
}

} // namespace appeald::appeals
