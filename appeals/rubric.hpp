#pragma once
// The rubric: what an appeal must contain, and the cues that find each element in a reply.
// Loaded from TOML by config/rubric_loader (operators edit it without recompiling).
#include "appeals/case_record.hpp"
#include "appeals/cue_index.hpp"
#include "appeals/cue_pattern.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace appeald::appeals {

// How the tense of a clause bears on an element.
enum class TenseRule {
  any,  // the element is a fact or an argument: tense does not matter
  done, // only changes already in place count (the `changes` element); planned or
        // in-progress ones are recorded as planned
  told, // a fact told in the past or present: planned, conditional or under-way clauses
        // never count (the cause)
};

struct RubricElement {
  std::string id;      // contract id: "cause", "changes", "prevention", "bounce.list_source", ...
  std::string title;   // short words for the reason line: "why the changes prevent recurrence"
  std::string request; // what the request-info reply asks for, one or two sentences
  std::vector<Issue> issues; // issues that require it; empty means every case (core element)
  TenseRule tense = TenseRule::any;
  bool reject_negated = true; // "we don't know why" does not supply a cause

  std::vector<CuePattern> cues; // find the element in a clause
  // For tense = "done": a state ("we only send to subscribers") that counts as a change only
  // when its clause is marked done ("as of Monday", "now", "since November"); a bare present
  // tense describes a practice, not a change.
  std::vector<CuePattern> state_cues;
  std::vector<CuePattern> exclude;   // a clause matching these never supplies it
  std::vector<CuePattern> labels;    // match a lead-in label ("Cause:", "Root cause:")
  std::vector<CuePattern> questions; // recognise the notice's question for it (quoted)
  int notice_item = 0; // the number of the notice's list item asking for it (1-3), or 0
  // The notice asks it as a yes/no question ("whether every message is requested"), so a bare
  // "Yes." under the quoted question answers it. For "how" and "why" questions it does not.
  bool yes_no = false;
};

// Words that set the mood of a clause (see appeals/clause_mood.hpp).
struct TenseCues {
  std::vector<CuePattern> planned;      // "will", "plan to", "next week", "intend to"
  std::vector<CuePattern> in_progress;  // "in the process of", "being rolled out", "working on"
  std::vector<CuePattern> conditional;  // "once ~4 is|are live|ready|in place"
  std::vector<CuePattern> done;         // "as of", "since", "now", "no longer", "already"
  std::vector<CuePattern> negation;     // "not", "n't", "never", "no changes", "nothing"
  std::vector<CuePattern> not_negation; // "no longer", "not only": look negative, are not
  std::vector<CuePattern> affirmative;  // short inline answers: "yes", "correct", "that's right"
  // Sentences that answer nothing: "See 2.", "As above.", "N/A", "I'd rather discuss this on a
  // call", a bare promise. Never evidence under a label, a number or a quoted question.
  std::vector<CuePattern> non_answer;
};

struct Rubric {
  std::vector<RubricElement> elements; // core first, then by issue, in file order
  TenseCues tense;

  // Every cue list above, indexed (see index_cues); empty until then, and every list is
  // scanned whole.
  CueIndex cue_index;

  const RubricElement* find(std::string_view id) const;
  // The elements a case with `issue` must supply, in rubric order.
  std::vector<const RubricElement*> required_for(Issue issue) const;
};

// Indexes every cue list of `rubric` into a fresh rubric.cue_index, so assessment visits only
// the cues a sentence's words can match. Call once the rubric is complete (the loader does);
// results are the same with or without the index, only slower without.
void index_cues(Rubric& rubric);

} // namespace appeald::appeals
