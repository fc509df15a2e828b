#pragma once
// What config/rubric_loader.hpp promises, checked on one input. Shared by fuzz_rubric and
// tests/test_fuzz_regressions.cpp.
#include "config/rubric_loader.hpp"

#include <set>
#include <string>
#include <string_view>

namespace appeald::fuzz {

// The first property parse_rubric(text, name) breaks, or nullptr when all hold: an error is one
// line starting with `name`; an accepted rubric has unique element ids, each with an id, a
// title, a request and a cue, and has the contract's core elements.
inline const char* rubric_property_broken(std::string_view text, const std::string& name) {
  const auto rubric = config::parse_rubric(text, name);
  if (!rubric) {
    if (!rubric.error().starts_with(name)) {
      return "parse_rubric: the error names the file";
    }
    if (rubric.error().find('\n') != std::string::npos) {
      return "parse_rubric: the error is one line";
    }
    return nullptr;
  }
  std::set<std::string> ids;
  for (const auto& e : rubric->elements) {
    if (!ids.insert(e.id).second) {
      return "parse_rubric: unique ids";
    }
    if (e.id.empty() || e.title.empty() || e.request.empty() || e.cues.empty()) {
      return "parse_rubric: id, title, request and a cue";
    }
  }
  for (const char* id : {"cause", "changes", "prevention"}) {
    if (rubric->find(id) == nullptr) {
      return "parse_rubric: the contract's elements";
    }
  }
  return nullptr;
}

} // namespace appeald::fuzz
