#pragma once
// What the address, encoded-word and Message-ID parsers promise in their headers, checked on one
// input. Shared by fuzz_address and tests/test_fuzz_regressions.cpp so a fixture is held to the
// same properties as the fuzzer held it.
#include "parsers/address_list.hpp"
#include "parsers/encoded_words.hpp"
#include "parsers/message_ids.hpp"
#include "parsers/utf8.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::fuzz {

namespace address_detail {

inline bool has_upper_ascii(std::string_view s) {
  for (const char c : s) {
    if (c >= 'A' && c <= 'Z') {
      return true;
    }
  }
  return false;
}

// CR, LF, NUL and the other C0 controls except TAB (encoded_words.hpp replaces them).
inline bool has_control(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && u != '\t') {
      return true;
    }
  }
  return false;
}

inline bool has_space_or_control(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return true;
    }
  }
  return false;
}

inline bool bracketed(std::string_view id) {
  return id.size() >= 2 && id.front() == '<' && id.back() == '>';
}

} // namespace address_detail

// The first property `raw` breaks, as a short description, or nullptr when all hold:
// decode_header_text gives valid UTF-8 without C0 controls but TAB; parse_address_list keeps at
// most max_mailboxes, with valid UTF-8 names and lowercased addresses, and parse_first_mailbox
// is its first entry; parse_message_id_list gives at most max_message_ids distinct, bracketed
// ids with '@', no whitespace or controls, within max_message_id_length; parse_message_id gives
// a bracketed id without whitespace.
inline const char* address_property_broken(std::string_view raw) {
  using namespace parsers;
  using namespace address_detail;
  Warnings warnings;
  const std::string text = decode_header_text(raw, warnings);
  if (!is_valid_utf8(text)) {
    return "decode_header_text: valid UTF-8";
  }
  if (has_control(text)) {
    return "decode_header_text: no C0 controls but TAB";
  }

  const std::vector<Mailbox> list = parse_address_list(raw, warnings);
  if (list.size() > max_mailboxes) {
    return "parse_address_list: at most max_mailboxes";
  }
  for (const Mailbox& m : list) {
    if (!is_valid_utf8(m.name)) {
      return "parse_address_list: name is valid UTF-8";
    }
    if (has_upper_ascii(m.address)) {
      return "parse_address_list: address lowercased";
    }
  }
  const Mailbox first = parse_first_mailbox(raw, warnings);
  const Mailbox expected = list.empty() ? Mailbox{} : list.front();
  if (first.name != expected.name || first.address != expected.address) {
    return "parse_first_mailbox: the list's first mailbox";
  }

  const std::vector<std::string> ids = parse_message_id_list(raw);
  if (ids.size() > max_message_ids) {
    return "parse_message_id_list: at most max_message_ids";
  }
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    if (!bracketed(id) || id.size() > max_message_id_length + 2) {
      return "parse_message_id_list: bracketed, within max_message_id_length";
    }
    if (id.find('@') == std::string::npos || has_space_or_control(id)) {
      return "parse_message_id_list: '@', no whitespace or controls";
    }
    if (!seen.insert(id).second) {
      return "parse_message_id_list: no duplicates";
    }
  }
  if (const auto id = parse_message_id(raw); id && (!bracketed(*id) || has_space_or_control(*id))) {
    return "parse_message_id: bracketed, no whitespace or controls";
  }
  return nullptr;
}

} // namespace appeald::fuzz
