#pragma once
// Clauses of a sentence and their mood: is what a clause says already done, planned, under way,
// conditional on something that has not happened, or negated? Judged per clause, never per
// sentence: "We removed the list, so the next campaign will only reach subscribers" holds a done
// change followed by a consequence.
#include "appeals/rubric.hpp"
#include "appeals/text_tokens.hpp"

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace appeald::appeals {

enum class Mood {
  done,        // past or perfect tense, passive of a past act, or a marker: "as of", "now"
  planned,     // future or intention: "will", "plan to", "next week"
  in_progress, // under way, not in place: "being rolled out", "in the process of", "we are
               // migrating"
  conditional, // depends on something not yet true: "once the new form is live, ..."
  negated,     // "we have not changed anything", "no changes have been made"
  neutral,     // present simple and everything else: a state or a habit
};
std::string_view to_string(Mood mood);

struct Clause {
  std::size_t first = 0; // index of its first token
  std::size_t last = 0;  // index of its last token (inclusive)
  Mood mood = Mood::neutral;
  // word_signature() of its tokens, and the cues of the rubric's index that may match them
  // (every cue without an index), for callers that run cue lists over the clause.
  WordSignature signature;
  CueCandidates candidates = CueCandidates::all();
};

// Splits `tokens` (one sentence) into clauses and classifies each.
// Boundaries: after ';', ':', '(', ')' and dashes; after ',' when a clause word or a subject
// follows; before "so", "because", "but", "although", "though", "whereas", "which", "while",
// "therefore", "thus", "hence", "meaning", "ensuring", "so that"; before "and"/"then" followed by
// a subject or an auxiliary ("and we", "and will"). A leading conditional clause ("Once the form
// is live, ...") passes its mood to the clause it governs.
// Mood, by precedence: negated (cues.negation, not cues.not_negation), conditional, planned,
// in_progress (cues, or "is/are being" + word, or "we are/'re" + "-ing" word without "now"),
// done (cues.done, a past-tense or participle verb: "-ed" forms and irregular pasts, perfect
// "have/has/had" + participle), neutral.
// `index` (the rubric's cue_index, which must hold `cues`) lets cue lists skip the cues the
// clause's words cannot match; results are the same without it.
std::vector<Clause> split_clauses(std::span<const Token> tokens, const TenseCues& cues,
                                  const CueIndex* index = nullptr);
// The same into `out`, replacing what it held and reusing its capacity (a clause is over 400
// bytes, so a fresh vector per sentence was a large allocation each time).
void split_clauses(std::span<const Token> tokens, const TenseCues& cues, const CueIndex* index,
                   std::vector<Clause>& out);

// True when clause `c` of `tokens` states a consequence, a reason or a relative detail ("so the
// list cannot grow", "because ...", "who booked"): it describes an effect, never a change of its
// own, and takes its time from the clause it hangs on.
bool is_consequence_clause(std::span<const Token> tokens, const Clause& c);

// True when `word` looks like a past tense or past participle ("removed", "built", "sent").
bool is_past_form(std::string_view word);

} // namespace appeald::appeals
