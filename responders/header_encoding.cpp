#include "responders/header_encoding.hpp"

#include "parsers/header_block.hpp"
#include "parsers/utf8.hpp"
#include "responders/utf8_text.hpp"

#include <algorithm>
#include <set>

namespace appeald::responders {

namespace {

constexpr std::size_t max_address_bytes = 254;
constexpr std::size_t max_domain_label = 63;
// A folded line holding a message id is " " + id: at most 998 bytes (RFC 5322 2.1.1).
constexpr std::size_t max_message_id_bytes = 997;
// "=?utf-8?Q?" + payload + "?=" stays within 66 characters, so "Subject: " + a word + ","
// fits a 78-column line.
constexpr std::string_view word_prefix_q = "=?utf-8?Q?";
constexpr std::string_view word_prefix_b = "=?utf-8?B?";
constexpr std::size_t max_word_payload = 54;
// A literal word longer than this could not fit a folded line, so it is encoded (and split).
constexpr std::size_t max_literal_word = 76;
// Display names longer than this are encoded so that they can be folded.
constexpr std::size_t max_literal_name = 60;

bool is_alpha_digit(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext.
bool is_atext(char c) {
  return is_alpha_digit(c) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// Characters an RFC 2047 Q word may carry literally in every context, phrases included (5(3)).
bool is_q_safe(char c) {
  return is_alpha_digit(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

bool printable_ascii(char c) {
  return c > ' ' && c < 127;
}

constexpr char hex_digits[] = "0123456789ABCDEF";

std::string q_encode_char(std::string_view ch) {
  std::string out;
  for (char c : ch) {
    if (c == ' ') {
      out += '_';
    } else if (is_q_safe(c)) {
      out += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '=';
      out += hex_digits[u >> 4];
      out += hex_digits[u & 0x0F];
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) {
      v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::size_t base64_length(std::size_t bytes) {
  return (bytes + 2) / 3 * 4;
}

// Splits valid UTF-8 `text` into its characters.
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t len =
        std::min(utf8_sequence_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
    out.push_back(text.substr(pos, len));
    pos += len;
  }
  return out;
}

// `text` (valid UTF-8) as adjacent encoded words; decoders drop the spaces between them.
std::vector<std::string> encode_words(std::string_view text) {
  const std::vector<std::string_view> chars = characters(text);
  std::size_t q_length = 0;
  for (std::string_view ch : chars) {
    q_length += q_encode_char(ch).size();
  }
  // Q stays readable in raw headers, so B is used only when clearly shorter.
  const bool use_b = base64_length(text.size()) * 5 < q_length * 4;

  std::vector<std::string> words;
  std::string payload; // Q: encoded text; B: raw bytes
  auto flush = [&] {
    if (payload.empty()) {
      return;
    }
    words.push_back(use_b ? std::string(word_prefix_b) + base64(payload) + "?="
                          : std::string(word_prefix_q) + payload + "?=");
    payload.clear();
  };
  for (std::string_view ch : chars) {
    if (use_b) {
      if (base64_length(payload.size() + ch.size()) > max_word_payload) {
        flush();
      }
      payload += ch;
    } else {
      const std::string enc = q_encode_char(ch);
      if (payload.size() + enc.size() > max_word_payload) {
        flush();
      }
      payload += enc;
    }
  }
  flush();
  return words;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    if (end > pos) {
      words.push_back(text.substr(pos, end - pos));
    }
    pos = end + 1;
  }
  return words;
}

bool valid_dot_atom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) {
    return false;
  }
  return std::ranges::all_of(s, [](char c) { return c == '.' || is_atext(c); });
}

bool valid_quoted_local(std::string_view s) {
  if (s.size() < 3 || s.front() != '"' || s.back() != '"') {
    return false;
  }
  return std::ranges::all_of(s.substr(1, s.size() - 2), [](char c) {
    return printable_ascii(c) &&
           std::string_view("\"\\@<>()[],;:").find(c) == std::string_view::npos;
  });
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) {
    return false;
  }
  std::size_t pos = 0;
  while (true) {
    const std::size_t end = std::min(domain.find('.', pos), domain.size());
    const std::string_view label = domain.substr(pos, end - pos);
    if (label.empty() || label.size() > max_domain_label || label.front() == '-' ||
        label.back() == '-' ||
        !std::ranges::all_of(label, [](char c) { return is_alpha_digit(c) || c == '-'; })) {
      return false;
    }
    if (end == domain.size()) {
      return true;
    }
    pos = end + 1;
  }
}

} // namespace

namespace {

// True when sanitize_header_text(raw) is `raw` itself: printable ASCII, single spaces between
// words, none at the ends, within the length limit. Names, ids and most subjects are.
bool is_clean_header_text(std::string_view raw) {
  if (raw.size() >= max_header_text_bytes || raw.empty() || raw.front() == ' ' ||
      raw.back() == ' ') {
    return raw.empty();
  }
  char previous = 'x';
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (u < ' ' || u >= 0x7F || (c == ' ' && previous == ' ')) {
      return false;
    }
    previous = c;
  }
  return true;
}

} // namespace

std::string sanitize_header_text(std::string_view raw) {
  if (is_clean_header_text(raw)) {
    return std::string(raw);
  }
  const std::string text = parsers::sanitize_utf8(raw);
  std::string out;
  out.reserve(std::min(text.size(), max_header_text_bytes));
  bool pending_space = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto u = static_cast<unsigned char>(text[pos]);
    const std::size_t len = std::min(utf8_sequence_length(u), text.size() - pos);
    const std::string_view ch = std::string_view(text).substr(pos, len);
    pos += len;
    // C1 controls (U+0080..U+009F) are as unsafe as C0 ones in some terminals and clients.
    const bool c1 = len == 2 && u == 0xC2 && static_cast<unsigned char>(ch[1]) < 0xA0;
    if (u <= ' ' || u == 0x7F || c1) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += ch;
    if (out.size() >= max_header_text_bytes) {
      break;
    }
  }
  out.resize(utf8_prefix(out, max_header_text_bytes).size());
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

bool is_sendable_address(std::string_view address) {
  if (address.empty() || address.size() > max_address_bytes) {
    return false;
  }
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) {
    return false;
  }
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  return (valid_dot_atom(local) || valid_quoted_local(local)) && valid_domain(domain);
}

std::vector<parsers::Mailbox> sendable_mailboxes(const std::vector<parsers::Mailbox>& mailboxes) {
  std::vector<parsers::Mailbox> out;
  std::set<std::string> seen;
  for (const parsers::Mailbox& m : mailboxes) {
    if (is_sendable_address(m.address) && seen.insert(parsers::ascii_lower(m.address)).second) {
      out.push_back(m);
    }
  }
  return out;
}

std::optional<std::string> sendable_message_id(std::string_view id) {
  if (id.size() < 3 || id.size() > max_message_id_bytes || id.front() != '<' || id.back() != '>') {
    return std::nullopt;
  }
  const std::string_view inner = id.substr(1, id.size() - 2);
  if (!std::ranges::all_of(inner,
                           [](char c) { return printable_ascii(c) && c != '<' && c != '>'; })) {
    return std::nullopt;
  }
  return std::string(id);
}

bool is_field_name(std::string_view name) {
  return !name.empty() && name.size() <= 76 &&
         std::ranges::all_of(name, [](char c) { return printable_ascii(c) && c != ':'; });
}

std::vector<std::string> unstructured_tokens(std::string_view text) {
  const std::string clean = sanitize_header_text(text);
  const std::vector<std::string_view> words = split_words(clean);
  auto needs_encoding = [](std::string_view w) {
    return !is_ascii(w) || w.find("=?") != std::string_view::npos || w.size() > max_literal_word;
  };
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < words.size();) {
    if (!needs_encoding(words[i])) {
      tokens.emplace_back(words[i]);
      ++i;
      continue;
    }
    // A run of words to encode together: the spaces inside it travel inside the encoded words.
    std::string run(words[i]);
    for (++i; i < words.size() && needs_encoding(words[i]); ++i) {
      run += ' ';
      run += words[i];
    }
    for (std::string& w : encode_words(run)) {
      tokens.push_back(std::move(w));
    }
  }
  return tokens;
}

std::vector<std::string> mailbox_tokens(const parsers::Mailbox& mailbox) {
  const std::string name = sanitize_header_text(mailbox.name);
  if (name.empty()) {
    return {mailbox.address};
  }
  std::vector<std::string> tokens;
  if (!is_ascii(name) || name.find("=?") != std::string::npos || name.size() > max_literal_name) {
    tokens = encode_words(name);
  } else if (std::ranges::all_of(name, [](char c) { return c == ' ' || is_atext(c); })) {
    for (std::string_view w : split_words(name)) {
      tokens.emplace_back(w);
    }
  } else {
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') {
        quoted += '\\';
      }
      quoted += c;
    }
    quoted += '"';
    tokens.push_back(std::move(quoted));
  }
  tokens.push_back("<" + mailbox.address + ">");
  return tokens;
}

std::string fold_header(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out(name);
  out += ':';
  std::size_t line_length = out.size();
  for (const std::string& token : tokens) {
    // Folding right after "Name:" is allowed (RFC 5322 3.2.2 FWS) and keeps long ids in bounds.
    if (line_length + 1 + token.size() > header_line_target && line_length > 1) {
      out += "\r\n";
      line_length = 0;
    }
    out += ' ';
    out += token;
    line_length += 1 + token.size();
  }
  return out;
}

std::string fold_address_header(std::string_view name,
                                const std::vector<parsers::Mailbox>& mailboxes) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < mailboxes.size(); ++i) {
    std::vector<std::string> mt = mailbox_tokens(mailboxes[i]);
    if (i + 1 < mailboxes.size()) {
      mt.back() += ',';
    }
    for (std::string& t : mt) {
      tokens.push_back(std::move(t));
    }
  }
  return fold_header(name, tokens);
}

} // namespace appeald::responders
