#include "appeals/notice_id.hpp"

#include "appeals/sha256.hpp"

#include <cstdint>

namespace appeald::appeals {

namespace {

constexpr std::string_view id_prefix = "<notice.";
// Separates the purpose from the case id inside the MAC input, so a MAC made for another use of
// the same key can never pass as a notice's.
constexpr std::string_view mac_context{"appeald-notice\0", 15};

std::string notice_mac_hex(std::string_view case_id, std::string_view key) {
  std::string input(mac_context);
  input += case_id;
  const auto mac = hmac_sha256(key, input);
  static constexpr std::string_view digits = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * notice_mac_bytes);
  for (std::size_t i = 0; i < notice_mac_bytes; ++i) {
    hex.push_back(digits[mac[i] >> 4]);
    hex.push_back(digits[mac[i] & 0x0f]);
  }
  return hex;
}

// Equal in time that depends only on the lengths, never on where the first difference is.
bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  std::uint8_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<std::uint8_t>(a[i] ^ b[i]);
  }
  return diff == 0;
}

bool is_case_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

} // namespace

bool valid_case_id(std::string_view case_id) {
  if (case_id.empty() || case_id.size() > max_case_id_length || case_id.front() == '.') {
    return false;
  }
  for (const char c : case_id) {
    if (!is_case_id_char(c)) {
      return false;
    }
  }
  return true;
}

std::string notice_message_id(std::string_view case_id, std::string_view key,
                              std::string_view domain) {
  std::string id(id_prefix);
  id += case_id;
  id += '.';
  id += notice_mac_hex(case_id, key);
  id += '@';
  id += domain;
  id += '>';
  return id;
}

std::optional<std::string> verify_notice_message_id(std::string_view message_id,
                                                    std::string_view key) {
  if (key.empty() || !message_id.starts_with(id_prefix) || !message_id.ends_with('>')) {
    return std::nullopt;
  }
  std::string_view inner = message_id.substr(id_prefix.size());
  inner.remove_suffix(1);
  const std::size_t at = inner.rfind('@');
  if (at == std::string_view::npos || at + 1 == inner.size()) {
    return std::nullopt;
  }
  // The case id may hold dots; the MAC is what follows the last one before '@'.
  const std::string_view left = inner.substr(0, at);
  const std::size_t dot = left.rfind('.');
  if (dot == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view case_id = left.substr(0, dot);
  const std::string_view mac = left.substr(dot + 1);
  if (!valid_case_id(case_id) || mac.size() != 2 * notice_mac_bytes) {
    return std::nullopt;
  }
  if (!constant_time_equal(mac, notice_mac_hex(case_id, key))) {
    return std::nullopt;
  }
  return std::string(case_id);
}

} // namespace appeald::appeals
