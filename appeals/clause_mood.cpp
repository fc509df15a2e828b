#include "appeals/clause_mood.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace appeald::appeals {

namespace {

bool one_of(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Words that open a new clause when they follow a comma or stand between two clauses.
bool is_clause_word(std::string_view w) {
  return one_of(w, {"so",     "because",   "but",     "although",  "though",  "whereas",  "which",
                    "while",  "therefore", "thus",    "hence",     "meaning", "ensuring", "since",
                    "as",     "and",       "then",    "once",      "after",   "when",     "if",
                    "unless", "until",     "however", "otherwise", "plus",    "also"});
}

// Words that open a clause on their own, comma or not.
bool is_hard_clause_word(std::string_view w) {
  return one_of(w, {"so", "because", "but", "although", "though", "whereas", "which", "therefore",
                    "thus", "hence", "meaning", "ensuring", "however", "otherwise", "who", "whom",
                    "whose"});
}

bool is_subject(std::string_view w) {
  return one_of(w, {"we",       "i",      "they",   "it",   "this",  "that",   "these",   "those",
                    "our",      "you",    "he",     "she",  "there", "we've",  "we're",   "we'll",
                    "we'd",     "i've",   "i'm",    "i'll", "it's",  "that's", "they're", "they've",
                    "everyone", "nobody", "anyone", "all",  "each",  "every"});
}

bool is_auxiliary(std::string_view w) {
  return one_of(w,
                {"will", "would",  "shall", "should", "can",  "could", "may",   "might", "must",
                 "have", "has",    "had",   "are",    "is",   "was",   "were",  "also",  "now",
                 "plan", "intend", "then",  "later",  "soon", "next",  "won't", "can't", "cannot"});
}

bool boundary_before(std::span<const Token> t, std::size_t i) {
  if (i == 0) {
    return false;
  }
  const char p = t[i - 1].punct_after;
  if (p == ';' || p == ':' || p == '(' || p == ')' || p == '-' || p == '.' || p == '!' ||
      p == '?') {
    return true;
  }
  const std::string_view w = t[i].word;
  if (p == ',') {
    return is_clause_word(w) || is_subject(w);
  }
  if (is_hard_clause_word(w)) {
    return !(w == "so" && i + 1 < t.size() && t[i + 1].word == "far");
  }
  if ((w == "and" || w == "then") && i + 1 < t.size()) {
    return is_subject(t[i + 1].word) || is_auxiliary(t[i + 1].word);
  }
  // A relative "that" ("contacts that never opened") starts a clause of its own, so its
  // negation or tense does not leak into the clause it describes; a complement "that" ("we made
  // sure that", "so that") does not.
  if (w == "that") {
    return !one_of(t[i - 1].word,
                   {"so",        "such",      "now",     "is",        "was",      "are",
                    "were",      "means",     "mean",    "meant",     "ensure",   "ensures",
                    "ensured",   "sure",      "know",    "knew",      "think",    "believe",
                    "said",      "says",      "confirm", "confirmed", "realised", "realized",
                    "found",     "noticed",   "given",   "that",      "see",      "saw",
                    "seen",      "show",      "shows",   "showed",    "clear",    "like",
                    "way",       "fact",      "expect",  "hope",      "promise",  "assume",
                    "note",      "noted",     "check",   "checks",    "verify",   "verifies",
                    "guarantee", "guarantees"});
  }
  return false;
}

// Irregular past forms common in incident and remediation reports.
constexpr auto irregular_past = std::to_array<std::string_view>(
    {"built",    "rebuilt",   "set",       "reset",      "made",    "put",        "took",
     "wrote",    "rewrote",   "ran",       "sent",       "brought", "bought",     "cut",
     "shut",     "got",       "gave",      "found",      "began",   "begun",      "chose",
     "chosen",   "drew",      "fell",      "held",       "kept",    "left",       "lost",
     "meant",    "met",       "paid",      "quit",       "sold",    "spent",      "stood",
     "taken",    "written",   "done",      "gone",       "went",    "given",      "shown",
     "known",    "saw",       "seen",      "told",       "thought", "won",        "hit",
     "led",      "read",      "split",     "spread",     "struck",  "swept",      "undone",
     "withdrew", "withdrawn", "overrode",  "overridden", "upheld",  "became",     "become",
     "came",     "moved",     "rolled",    "fed",        "shut",    "laid",       "paid",
     "stuck",    "wound",     "forbidden", "forbade",    "frozen",  "froze",      "broke",
     "broken",   "drove",     "driven",    "rode",       "arose",   "arisen",     "bound",
     "caught",   "dealt",     "dug",       "felt",       "fought",  "heard",      "hid",
     "hidden",   "lent",      "let",       "lit",        "rang",    "rose",       "said",
     "sat",      "sought",    "sent",      "shook",      "sped",    "spoke",      "spoken",
     "stole",    "stolen",    "taught",    "tore",       "torn",    "understood", "woke"});

// Words ending in "ed" that are no past forms.
constexpr auto not_past_ed = std::to_array<std::string_view>(
    {"need",    "feed",  "speed", "seed",    "indeed", "bed",     "red",
     "shed",    "bleed", "breed", "proceed", "exceed", "succeed", "embed",
     "hundred", "weed",  "deed",  "greed",   "reed",   "steed",   "tweed"});

bool has(std::span<const Token> t, std::initializer_list<std::string_view> words) {
  return std::any_of(t.begin(), t.end(), [&](const Token& k) { return one_of(k.word, words); });
}

bool progressive(std::span<const Token> t) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    const std::string_view w = t[i].word;
    const std::string_view next = t[i + 1].word;
    if ((w == "being") && i > 0 && one_of(t[i - 1].word, {"is", "are", "am", "currently"})) {
      return true;
    }
    if (one_of(w, {"are", "am", "we're", "i'm", "is", "currently"}) && next.size() > 4 &&
        next.ends_with("ing") &&
        !one_of(next, {"nothing", "something", "everything", "during", "according", "including",
                       "being", "pending", "bring", "thing", "string", "morning", "spring",
                       "ongoing", "anything", "missing", "incoming", "outgoing", "upcoming"})) {
      return !has(t, {"now", "no", "longer"});
    }
  }
  return false;
}

bool perfect_or_past(std::span<const Token> t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string_view w = t[i].word;
    if (one_of(w, {"was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't"})) {
      return true;
    }
    if (is_past_form(w)) {
      // "to be removed", "will be removed" are not past acts, and a present passive ("are
      // dropped", "gets removed") describes a state or a habit, not something that happened.
      if (i > 0 && one_of(t[i - 1].word, {"be", "to", "is", "are", "am", "get", "gets", "being",
                                          "isn't", "aren't", "automatically", "always"})) {
        continue;
      }
      return true;
    }
  }
  return false;
}

Mood classify(std::span<const Token> clause, const TenseCues& cues, const WordSignature& sig,
              const CueCandidates& cand) {
  auto any = [&](const std::vector<CuePattern>& list) {
    return any_matches(list, clause, sig, cand);
  };
  if (any(cues.negation) && !any(cues.not_negation)) {
    return Mood::negated;
  }
  if (any(cues.conditional)) {
    return Mood::conditional;
  }
  if (any(cues.planned)) {
    return Mood::planned;
  }
  if (any(cues.in_progress) || progressive(clause)) {
    return Mood::in_progress;
  }
  if (any(cues.done) || perfect_or_past(clause)) {
    return Mood::done;
  }
  return Mood::neutral;
}

} // namespace

bool is_consequence_clause(std::span<const Token> tokens, const Clause& c) {
  return one_of(tokens[c.first].word,
                {"so", "therefore", "thus", "hence", "meaning", "ensuring", "which", "who", "whom",
                 "whose", "because", "that", "consequently", "otherwise"});
}

std::string_view to_string(Mood mood) {
  switch (mood) {
  case Mood::done:
    return "done";
  case Mood::planned:
    return "planned";
  case Mood::in_progress:
    return "in_progress";
  case Mood::conditional:
    return "conditional";
  case Mood::negated:
    return "negated";
  case Mood::neutral:
    return "neutral";
  }
  return "neutral";
}

bool is_past_form(std::string_view w) {
  // Every word of every clause comes here: a hash lookup, not a scan of the list.
  static const std::unordered_set<std::string_view> irregular(irregular_past.begin(),
                                                              irregular_past.end());
  if (irregular.contains(w)) {
    return true;
  }
  if (w.size() < 5 || !w.ends_with("ed")) {
    return false;
  }
  return std::find(not_past_ed.begin(), not_past_ed.end(), w) == not_past_ed.end();
}

std::vector<Clause> split_clauses(std::span<const Token> tokens, const TenseCues& cues,
                                  const CueIndex* index) {
  std::vector<Clause> clauses;
  split_clauses(tokens, cues, index, clauses);
  return clauses;
}

void split_clauses(std::span<const Token> tokens, const TenseCues& cues, const CueIndex* index,
                   std::vector<Clause>& clauses) {
  clauses.clear();
  if (tokens.empty()) {
    return;
  }
  std::size_t start = 0;
  for (std::size_t i = 1; i <= tokens.size(); ++i) {
    if (i == tokens.size() || boundary_before(tokens, i)) {
      Clause& c = clauses.emplace_back();
      c.first = start;
      c.last = i - 1;
      const std::span<const Token> words = tokens.subspan(start, i - start);
      c.signature = word_signature(words);
      if (index != nullptr) {
        c.candidates = index->candidates(c.signature);
      }
      c.mood = classify(words, cues, c.signature, c.candidates);
      start = i;
    }
  }
  // A leading condition or time phrase sets the time of the clause it governs: "Once the new
  // form is live, unconfirmed addresses are dropped" (not in place), "Starting next week, all
  // sends require ..." (planned), "Effective immediately, every send needs ..." (done). It only
  // fills in a clause that has no time of its own.
  if (clauses.size() > 1 && clauses[1].mood == Mood::neutral) {
    const Mood lead = clauses[0].mood;
    const bool short_lead = clauses[0].last - clauses[0].first < 5;
    if (lead == Mood::conditional ||
        (short_lead && (lead == Mood::planned || lead == Mood::done))) {
      clauses[1].mood = lead;
    }
  }
}

} // namespace appeald::appeals
