#include "daemon/imap_mailbox_name.hpp"

#include <vector>

namespace appeald::daemon::imap {

namespace {

// Decodes UTF-8 strictly (no overlongs, surrogates or values past U+10FFFF).
std::optional<std::vector<char32_t>> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const int extra = b0 < 0x80         ? 0
                      : (b0 >> 5) == 6  ? 1
                      : (b0 >> 4) == 14 ? 2
                      : (b0 >> 3) == 30 ? 3
                                        : -1;
    if (extra < 0 || s.size() - i <= static_cast<std::size_t>(extra)) {
      return std::nullopt;
    }
    char32_t cp = extra == 0 ? b0 : b0 & (0x3f >> extra);
    for (int k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((b >> 6) != 2) {
        return std::nullopt;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    static constexpr char32_t min_for[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return std::nullopt;
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

void flush_run(std::vector<char16_t>& run, std::string& out) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
  std::vector<unsigned char> bytes;
  for (const char16_t u : run) {
    bytes.push_back(static_cast<unsigned char>(u >> 8));
    bytes.push_back(static_cast<unsigned char>(u & 0xff));
  }
  out += '&';
  std::uint32_t acc = 0;
  int bits = 0;
  for (const unsigned char b : bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(acc >> bits) & 0x3f];
    }
  }
  if (bits > 0) {
    out += alphabet[(acc << (6 - bits)) & 0x3f];
  }
  out += '-';
  run.clear();
}

} // namespace

std::expected<std::string, std::string> encode_modified_utf7(std::string_view utf8) {
  const auto cps = decode_utf8(utf8);
  if (!cps) {
    return std::unexpected("mailbox name is not valid UTF-8");
  }
  std::string out;
  std::vector<char16_t> run;
  for (const char32_t cp : *cps) {
    if (cp >= 0x20 && cp <= 0x7e) {
      if (!run.empty()) {
        flush_run(run, out);
      }
      out += cp == '&' ? std::string("&-") : std::string(1, static_cast<char>(cp));
    } else if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      run.push_back(static_cast<char16_t>(0xd800 + (v >> 10)));
      run.push_back(static_cast<char16_t>(0xdc00 + (v & 0x3ff)));
    } else {
      run.push_back(static_cast<char16_t>(cp));
    }
  }
  if (!run.empty()) {
    flush_run(run, out);
  }
  return out;
}

std::expected<std::string, std::string> server_mailbox_name(std::string_view folder,
                                                            std::optional<char> delimiter) {
  const std::string shown = "folder name '" + std::string(folder.substr(0, 80)) + "'";
  if (folder.empty()) {
    return std::unexpected("empty folder name");
  }
  for (const char c : folder) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return std::unexpected("folder name contains a control character");
    }
    if (c == '*' || c == '%') {
      return std::unexpected(shown + " contains a LIST wildcard ('*' or '%')");
    }
  }
  std::string joined;
  std::size_t start = 0;
  while (true) {
    const auto slash = folder.find('/', start);
    const std::string_view part = folder.substr(start, slash - start);
    if (part.empty()) {
      return std::unexpected(shown + " has an empty component");
    }
    if (delimiter && *delimiter != '/' && part.find(*delimiter) != std::string_view::npos) {
      return std::unexpected(shown + " contains the server's hierarchy delimiter '" +
                             std::string(1, *delimiter) + "'");
    }
    joined += part;
    if (slash == std::string_view::npos) {
      break;
    }
    if (!delimiter) {
      return std::unexpected(shown + " has '/' but the server has no folder hierarchy");
    }
    joined += *delimiter;
    start = slash + 1;
  }
  return encode_modified_utf7(joined);
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '\\' || c == '"') {
      out += '\\';
    }
    out += c;
  }
  out += '"';
  return out;
}

} // namespace appeald::daemon::imap
