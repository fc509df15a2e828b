#pragma once
// What config/cases_file.hpp promises, checked on one file. Shared by fuzz_cases and
// tests/test_fuzz_regressions.cpp.
#include "config/cases_file.hpp"

#include <filesystem>
#include <set>
#include <string>

namespace appeald::fuzz {

namespace cases_detail {

inline bool has_upper_ascii(const std::string& s) {
  for (const char c : s) {
    if (c >= 'A' && c <= 'Z') {
      return true;
    }
  }
  return false;
}

} // namespace cases_detail

// The first property load_cases(path) breaks, or nullptr when all hold: an error is one line
// starting with "FILE:"; accepted cases have distinct ids, an account, a lowercased address
// with '@', a bracketed notice id, a deadline (if any) after sent_at and a lowercased
// representative.
inline const char* cases_property_broken(const std::filesystem::path& path) {
  using cases_detail::has_upper_ascii;
  const auto cases = config::load_cases(path);
  if (!cases) {
    if (!cases.error().starts_with(path.string() + ":")) {
      return "load_cases: the error names the file";
    }
    if (cases.error().find('\n') != std::string::npos) {
      return "load_cases: the error is one line";
    }
    return nullptr;
  }
  std::set<std::string> ids;
  for (const auto& c : *cases) {
    if (!ids.insert(c.id).second) {
      return "load_cases: distinct case ids";
    }
    if (c.id.empty() || c.account.empty()) {
      return "load_cases: case and account set";
    }
    if (c.address.find('@') == std::string::npos || has_upper_ascii(c.address)) {
      return "load_cases: address lowercased, with '@'";
    }
    const std::string& id = c.notice_message_id;
    if (id.size() <= 2 || id.front() != '<' || id.back() != '>') {
      return "load_cases: notice id bracketed";
    }
    if (c.deadline && c.deadline->unix_seconds <= c.sent_at.unix_seconds) {
      return "load_cases: deadline after sent_at";
    }
    if (c.representative && has_upper_ascii(*c.representative)) {
      return "load_cases: representative lowercased";
    }
  }
  return nullptr;
}

} // namespace appeald::fuzz
