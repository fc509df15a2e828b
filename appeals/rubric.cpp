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
  out.reserve(elements.size());
  for (const RubricElement& e : elements) {
    if (e.issues.empty() || std::find(e.issues.begin(), e.issues.end(), issue) != e.issues.end()) {
      out.push_back(&e);
    }
  }
  return out;
}

void index_cues(Rubric& rubric) {
  CueIndex index;
  TenseCues& t = rubric.tense;
  for (std::vector<CuePattern>* list :
       {&t.planned, &t.in_progress, &t.conditional, &t.done, &t.negation, &t.not_negation,
        &t.affirmative, &t.non_answer}) {
    index.add(*list);
  }
  for (RubricElement& e : rubric.elements) {
    for (std::vector<CuePattern>* list :
         {&e.cues, &e.state_cues, &e.exclude, &e.labels, &e.questions}) {
      index.add(*list);
    }
  }
  rubric.cue_index = std::move(index);
}

} // namespace appeald::appeals
