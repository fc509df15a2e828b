#include "parsers/transfer_encoding.hpp"

#include <array>
#include <cstdint>

// Why not mimetic's codecs: its base64 decoder indexes its table with a possibly negative char
// and cannot report malformed input, and its QP decoder rewrites CRLF to LF and drops controls.

namespace appeald::parsers {

namespace {

constexpr std::int8_t not_base64 = -1;

constexpr std::array<std::int8_t, 256> base64_table() {
  std::array<std::int8_t, 256> t{};
  t.fill(not_base64);
  constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  }
  return t;
}

constexpr auto base64_values = base64_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  if (c >= 'a' && c <= 'f') { // lowercase hex is invalid per RFC 2045 but common
    return c - 'a' + 10;
  }
  return -1;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// The encoding token of a Content-Transfer-Encoding value, lowercased.
std::string cte_token(std::string_view cte) {
  std::string out;
  std::size_t i = 0;
  while (i < cte.size() &&
         (is_blank(cte[i]) || cte[i] == '\r' || cte[i] == '\n' || cte[i] == '"')) {
    ++i;
  }
  // Stop at parameters or comments some mailers append ("base64; foo", "7bit (text)").
  for (; i < cte.size(); ++i) {
    const char c = cte[i];
    if (is_blank(c) || c == ';' || c == '(' || c == '"' || c == '\r' || c == '\n') {
      break;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  return out;
}

// Decodes one line of quoted-printable content (no line end) and appends it to `out`.
void decode_qp_line(std::string_view line, QMode mode, std::string& out) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '=' && i + 2 < line.size() && hex_value(line[i + 1]) >= 0 &&
        hex_value(line[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(line[i + 1]) * 16 + hex_value(line[i + 2]));
      i += 2;
    } else if (c == '_' && mode == QMode::header) {
      out += ' ';
    } else {
      out += c; // includes '=' not followed by two hex digits: kept literally (RFC 2045 6.7)
    }
  }
}

} // namespace

std::string decode_base64(std::string_view in, bool* clean) {
  std::string out;
  out.reserve(in.size() / 4 * 3 + 3);
  bool ok = true;
  std::uint32_t acc = 0; // up to four 6-bit values
  int n = 0;             // values in acc
  int pad_left = 0;      // '=' still expected to complete the current padding
  bool after_pad = false;
  const auto flush_partial = [&] {
    // 2 values carry 1 byte, 3 carry 2; leftover bits should be zero.
    if (n == 2) {
      out += static_cast<char>(acc >> 4);
      ok = ok && (acc & 0xF) == 0;
    } else if (n == 3) {
      out += static_cast<char>(acc >> 10);
      out += static_cast<char>((acc >> 2) & 0xFF);
      ok = ok && (acc & 0x3) == 0;
    } else if (n == 1) {
      ok = false; // six bits cannot make a byte
    }
    acc = 0;
    n = 0;
  };
  for (char c : in) {
    const std::int8_t v = base64_values[static_cast<unsigned char>(c)];
    if (v != not_base64) {
      if (after_pad) {
        ok = false; // data after padding: concatenated encodings, decoded as a new quantum
        after_pad = false;
        pad_left = 0;
      }
      acc = (acc << 6) | static_cast<std::uint32_t>(v);
      if (++n == 4) {
        out += static_cast<char>(acc >> 16);
        out += static_cast<char>((acc >> 8) & 0xFF);
        out += static_cast<char>(acc & 0xFF);
        acc = 0;
        n = 0;
      }
    } else if (c == '=') {
      if (n >= 2) {
        pad_left = n == 2 ? 1 : 0;
        flush_partial();
      } else if (pad_left > 0) {
        --pad_left;
      } else {
        ok = false; // padding where none belongs
        flush_partial();
      }
      after_pad = true;
    } else if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
      ok = false; // skipped: mailers and gateways insert junk, and the rest is still usable
    }
  }
  if (n != 0) {
    ok = false; // missing padding
    flush_partial();
  }
  if (pad_left > 0) {
    ok = false;
  }
  if (clean != nullptr) {
    *clean = ok;
  }
  return out;
}

std::string decode_quoted_printable(std::string_view in, QMode mode) {
  std::string out;
  out.reserve(in.size());
  std::size_t pos = 0;
  while (pos < in.size()) {
    const std::size_t nl = in.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? in.size() : nl;
    std::size_t content_end = end;
    if (content_end > pos && in[content_end - 1] == '\r' && nl != std::string_view::npos) {
      --content_end;
    }
    std::string_view line_end =
        in.substr(content_end, (nl == std::string_view::npos ? end : nl + 1) - content_end);
    std::string_view line = in.substr(pos, content_end - pos);
    if (mode == QMode::body) {
      // Trailing blanks were added in transport (RFC 2045 6.7 rule 3); encoded ones are =20.
      while (!line.empty() && is_blank(line.back())) {
        line.remove_suffix(1);
      }
    }
    // A final '=' is a soft break, also at the very end of the body: the CRLF that followed it
    // belongs to the MIME boundary. In header (Q) mode there are no lines, so it stays literal.
    const bool soft = !line.empty() && line.back() == '=' &&
                      (mode == QMode::body || nl != std::string_view::npos);
    if (soft) {
      line.remove_suffix(1);
    }
    decode_qp_line(line, mode, out);
    if (!soft) {
      out.append(line_end);
    }
    pos = nl == std::string_view::npos ? in.size() : nl + 1;
  }
  return out;
}

std::string decode_transfer_encoding(std::string_view body, std::string_view cte,
                                     Warnings& warnings) {
  const std::string token = cte_token(cte);
  if (token.empty() || token == "7bit" || token == "8bit" || token == "binary") {
    return std::string(body);
  }
  if (token == "base64") {
    bool clean = true;
    std::string out = decode_base64(body, &clean);
    if (!clean) {
      warnings.add("base64-malformed");
    }
    return out;
  }
  if (token == "quoted-printable") {
    return decode_quoted_printable(body);
  }
  warnings.add("cte-unknown", token);
  return std::string(body);
}

} // namespace appeald::parsers
