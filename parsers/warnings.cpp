#include "parsers/warnings.hpp"

#include <algorithm>

namespace appeald::parsers {

namespace {
std::string_view code_of(std::string_view entry) {
  return entry.substr(0, entry.find(':'));
}
} // namespace

void Warnings::add(std::string_view code, std::string_view detail) {
  if (has(code)) {
    return;
  }
  if (entries_.size() >= max_entries) {
    ++dropped_;
    return;
  }
  std::string entry(code);
  if (!detail.empty()) {
    entry += ": ";
    // Details may quote input; keep them short and on one line.
    for (char c : detail.substr(0, 160)) {
      entry += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
    }
  }
  entries_.push_back(std::move(entry));
}

bool Warnings::has(std::string_view code) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const std::string& e) { return code_of(e) == code; });
}

} // namespace appeald::parsers
