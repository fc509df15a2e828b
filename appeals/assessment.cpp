#include "appeals/assessment.hpp"

#include "appeals/clause_mood.hpp"
#include "appeals/sentences.hpp"
#include "appeals/text_tokens.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace appeald::appeals {

namespace {

// Appends `s` (clipped) to `list` unless it is there already or the list holds `max` entries.
void add_unique(std::vector<std::string>& list, const std::string& s, std::size_t max) {
  if (list.size() >= max) {
    return;
  }
  std::string kept = clip_sentence(s, CaseAssessment::max_sentence_bytes);
  if (std::find(list.begin(), list.end(), kept) == list.end()) {
    list.push_back(std::move(kept));
  }
}

// Records that `state` found element `id` in sentence `s`.
void add_evidence(CaseAssessment& state, const std::string& id, const std::string& s) {
  add_unique(state.found[id], s, CaseAssessment::max_sentences_per_element);
}

// The element among `required` whose cues (labels or questions) match `tokens` best: the
// longest match wins, ties go to rubric order.
const RubricElement* best_element(const Rubric& rubric,
                                  const std::vector<const RubricElement*>& required,
                                  std::span<const Token> tokens,
                                  std::vector<CuePattern> RubricElement::*cues) {
  const RubricElement* best = nullptr;
  std::size_t best_len = 0;
  const WordSignature signature = word_signature(tokens);
  const CueCandidates candidates = rubric.cue_index.candidates(signature);
  for (const RubricElement* e : required) {
    any_candidate(e->*cues, candidates, [&](const CuePattern& cue, std::size_t) {
      if (auto span = cue.find(tokens, signature)) {
        const std::size_t len = span->last - span->first + 1;
        if (len > best_len) {
          best = e;
          best_len = len;
        }
      }
      return false;
    });
  }
  return best;
}

bool is_core(const RubricElement& e) {
  return e.issues.empty();
}

class Reader {
public:
  Reader(Issue issue, const Rubric& rubric, CaseAssessment& state)
      : rubric_(rubric), required_(rubric.required_for(issue)), state_(state) {}

  void read(const parsers::ReplyText& reply) {
    for (const parsers::ReplyBlock& block : reply.blocks) {
      read_block(block);
    }
    ++state_.messages;
  }

private:
  // One sentence, tokenized, split into clauses, with the word signatures of the sentence and
  // of each clause computed once for all the cue lists run over them.
  struct Judged {
    const std::string& text;
    const std::vector<Token>& tokens;
    const std::vector<Clause>& clauses;
    WordSignature signature;
    CueCandidates candidates; // rubric_.cue_index.candidates(signature)
  };

  void read_block(const parsers::ReplyBlock& block) {
    const RubricElement* asked = nullptr;
    if (!block.context.empty()) {
      const std::vector<Token> q = tokenize(block.context);
      asked = best_element(rubric_, required_, q, &RubricElement::questions);
    }
    const std::vector<Sentence> sentences = split_sentences(block.text);
    std::set<int> items;
    for (const Sentence& s : sentences) {
      if (s.item_number > 0) {
        items.insert(s.item_number);
      }
    }
    const bool numbered_answers = items.size() >= 2 && items.contains(1);
    for (const Sentence& s : sentences) {
      read_sentence(s, numbered_answers, s.paragraph == 0 ? asked : nullptr);
    }
  }

  void read_sentence(const Sentence& s, bool numbered_answers, const RubricElement* asked) {
    std::vector<Token>& tokens = tokens_;
    tokenize(s.text, tokens);
    if (tokens.empty()) {
      return;
    }
    std::vector<Clause>& clauses = clauses_;
    split_clauses(tokens, rubric_.tense, &rubric_.cue_index, clauses);
    // A sentence of one clause has that clause's signature and candidates.
    const bool one_clause = clauses.size() == 1;
    const WordSignature signature = one_clause ? clauses[0].signature : word_signature(tokens);
    const Judged j{s.text, tokens, clauses, signature,
                   one_clause ? clauses[0].candidates : rubric_.cue_index.candidates(signature)};

    const RubricElement* assigned = nullptr;
    if (!s.label.empty()) {
      assigned = best_element(rubric_, required_, tokenize(s.label), &RubricElement::labels);
    }
    if (assigned == nullptr && numbered_answers && s.item_number > 0) {
      for (const RubricElement* e : required_) {
        if (e->notice_item == s.item_number) {
          assigned = e;
        }
      }
    }
    if (assigned != nullptr) {
      judge_assigned(*assigned, j);
    }
    if (asked != nullptr && asked != assigned) {
      judge_answer(*asked, j);
    }
    for (const RubricElement* e : required_) {
      if (e == assigned || e == asked) {
        continue;
      }
      // A labelled sentence says which core element it is; its words may still answer an
      // issue-specific question ("Done: bounced addresses are now suppressed").
      if (assigned != nullptr && is_core(*assigned) && is_core(*e)) {
        continue;
      }
      judge_by_cues(*e, j);
    }
  }

  bool excluded(const RubricElement& e, const Judged& j) const {
    return any_matches(e.exclude, j.tokens, j.signature, j.candidates);
  }

  // Told as a fact: not promised, not conditional, not still under way.
  static bool is_told(Mood mood) {
    return mood == Mood::done || mood == Mood::neutral || mood == Mood::negated;
  }

  static bool all_negated(const Judged& j) {
    return std::all_of(j.clauses.begin(), j.clauses.end(),
                       [](const Clause& c) { return c.mood == Mood::negated; });
  }

  void record_change(Mood mood, const Judged& j) {
    switch (mood) {
    case Mood::done:
    case Mood::neutral:
      add_evidence(state_, "changes", j.text);
      break;
    case Mood::planned:
    case Mood::in_progress:
    case Mood::conditional:
      add_unique(state_.planned, j.text, CaseAssessment::max_planned);
      break;
    case Mood::negated:
      state_.said_no_changes = true;
      break;
    }
  }

  // The sentence is about `e` (label or numbered answer): its content decides.
  void judge_assigned(const RubricElement& e, const Judged& j) {
    if (j.tokens.size() < 2 || excluded(e, j) ||
        any_matches(rubric_.tense.non_answer, j.tokens, j.signature, j.candidates)) {
      return;
    }
    if (e.tense == TenseRule::done) {
      // In place if any clause is; else planned if any clause is.
      Mood best = Mood::negated;
      for (const Clause& c : j.clauses) {
        if (c.mood == Mood::done || c.mood == Mood::neutral) {
          best = Mood::done;
          break;
        }
        if (c.mood != Mood::negated) {
          best = c.mood;
        }
      }
      record_change(best, j);
      return;
    }
    if (e.reject_negated && all_negated(j)) {
      return;
    }
    if (e.tense == TenseRule::told &&
        std::none_of(j.clauses.begin(), j.clauses.end(),
                     [](const Clause& c) { return is_told(c.mood); })) {
      return;
    }
    add_evidence(state_, e.id, j.text);
  }

  // The sentence answers the quoted question for `e`.
  void judge_answer(const RubricElement& e, const Judged& j) {
    if (excluded(e, j)) {
      return;
    }
    const bool affirmative =
        any_matches(rubric_.tense.affirmative,
                    std::span(j.tokens).first(std::min<std::size_t>(3, j.tokens.size())));
    if (affirmative && e.yes_no) {
      add_evidence(state_, e.id, j.text);
      return;
    }
    if (j.tokens.size() >= 3) {
      judge_assigned(e, j);
    }
  }

  void judge_by_cues(const RubricElement& e, const Judged& j) {
    const std::span<const Token> all(j.tokens);
    if (e.tense == TenseRule::done) {
      // Tense and exclusions are judged per clause: "We removed the list, and will add a
      // report" is a change made plus a planned one; "We disabled the job that caused it" is
      // a change whatever the relative clause says.
      bool made = false;
      for (std::size_t i = 0; i < j.clauses.size(); ++i) {
        const Clause& c = j.clauses[i];
        if (is_consequence_clause(all, c)) {
          continue;
        }
        const auto clause = all.subspan(c.first, c.last - c.first + 1);
        const WordSignature& sig = c.signature;
        const CueCandidates& cand = c.candidates;
        if (any_matches(e.exclude, clause, sig, cand)) {
          continue;
        }
        const bool action = any_matches(e.cues, clause, sig, cand);
        const bool state =
            !action && c.mood != Mood::neutral && any_matches(e.state_cues, clause, sig, cand);
        if (!action && !state) {
          continue;
        }
        if (c.mood == Mood::done || c.mood == Mood::neutral) {
          if (!made) {
            record_change(c.mood, j);
            made = true;
          }
        } else {
          record_change(c.mood, j);
        }
      }
      return;
    }
    if (excluded(e, j)) {
      return;
    }
    // Other elements: a cue may span clauses, but the clause where it starts must not be
    // negated when the element rejects negation, and "told" elements need a told clause.
    // State cues count only in a clause marked done ("because we imported ...").
    auto mood_at = [&](std::size_t token) {
      const auto c = std::find_if(j.clauses.begin(), j.clauses.end(), [&](const Clause& k) {
        return k.first <= token && token <= k.last;
      });
      return c == j.clauses.end() ? Mood::neutral : c->mood;
    };
    auto accept = [&](std::size_t token, bool needs_done) {
      const Mood mood = mood_at(token);
      if (needs_done && mood != Mood::done) {
        return false;
      }
      if (e.reject_negated && mood == Mood::negated) {
        return false;
      }
      return e.tense != TenseRule::told || is_told(mood);
    };
    auto accepted = [&](bool needs_done) {
      return [&, needs_done](const CuePattern& cue, std::size_t) {
        const auto span = cue.find(all, j.signature);
        return span && accept(span->first, needs_done);
      };
    };
    if (any_candidate(e.cues, j.candidates, accepted(false)) ||
        any_candidate(e.state_cues, j.candidates, accepted(true))) {
      add_evidence(state_, e.id, j.text);
    }
  }

  const Rubric& rubric_;
  std::vector<const RubricElement*> required_;
  CaseAssessment& state_;
  // The current sentence's words and clauses, kept to reuse their memory from one sentence to
  // the next (read_sentence() does not nest).
  std::vector<Token> tokens_;
  std::vector<Clause> clauses_;
};

} // namespace

std::string clip_sentence(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) {
    return std::string(s);
  }
  std::size_t end = max_bytes < 3 ? 0 : max_bytes - 3;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
    --end;
  }
  std::string out(s.substr(0, end));
  out += "...";
  return out;
}

void assess_reply(const parsers::ReplyText& reply, Issue issue, const Rubric& rubric,
                  CaseAssessment& state) {
  Reader(issue, rubric, state).read(reply);
}

} // namespace appeald::appeals
