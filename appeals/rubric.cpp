#include "appeals/rubric.hpp"

#include <algorithm>

namespace appeald::appeals {

const RubricElement* Rubric::find(std::string_view id) const {
  auto it = std::find_if(elements.begin(), elements.end(),
                         [&](const RubricElement& e) { return e.id == id; });
  return it == elements.end() ? nullptr : &*it;
}

std::vector<const RubricElement*> Rubric::required_for(Issue issue) const {
  std::vector<const RubricElement*> out;
  for (const RubricElement& e : elements) {
    if (e.issues.empty() || std::find(e.issues.begin(), e.issues.end(), issue) != e.issues.end()) {
      out.push_back(&e);
    }
  }
  return out;
}

} // namespace appeald::appeals
