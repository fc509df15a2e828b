#pragma once
// Reading an appeal against the rubric: which elements the sender's own words supply, with the
// sentences that supply them, and which changes are only planned. Cumulative per case.
#include "appeals/case_record.hpp"
#include "appeals/rubric.hpp"
#include "parsers/reply_extractor.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::appeals {

// What a case's appeal messages have supplied so far. Bounded, so that neither a long thread nor
// a run over a large dump (one assessment per case, all held at once) grows without limit: the
// decision needs only which elements were found; the sentences are for the reviewer, who is
// served by the first few.
struct CaseAssessment {
  // Sentences kept per element and planned changes kept, and the bytes kept of each sentence
  // (longer ones are cut at a character boundary and end in "...").
  static constexpr std::size_t max_sentences_per_element = 3;
  static constexpr std::size_t max_planned = 8;
  static constexpr std::size_t max_sentence_bytes = 400;

  // Element id -> the first sentences that supply it, in the order they were read, without
  // repeats. An element is found when it has a key, whatever the number of sentences kept.
  std::map<std::string, std::vector<std::string>> found;
  // Changes described as planned, under way or conditional (for the reviewer, and the reason
  // of an await_fixes decision); the first max_planned.
  std::vector<std::string> planned;
  // The sender said outright that nothing has changed yet ("no changes have been made").
  bool said_no_changes = false;
  // Messages read into this assessment.
  int messages = 0;
};

// `s` whole when it is at most `max_bytes` long; else its first bytes, cut at a UTF-8 character
// boundary, and "...": `max_bytes` at most in all. For quoting a sender's sentence in bounded
// space (kept evidence, one-line reasons).
std::string clip_sentence(std::string_view s, std::size_t max_bytes);

// Reads `reply` (one message's new words, with the quoted question above each inline answer)
// for a case about `issue`, adding to `state`. Only elements the issue requires are looked for.
// Per sentence (appeals/sentences.hpp): a lead-in label that matches an element's label cues
// assigns the sentence to it (core elements are then decided by the label alone); so does a
// numbered answer "1."-"3." when the message numbers at least two answers; an answer directly
// under a quoted notice question supplies that question's element when it is affirmative or
// substantive; otherwise each element's cues are matched. Changes count only from clauses in
// place (appeals/clause_mood.hpp): planned, under-way and conditional ones go to `planned`,
// negated ones to nothing. Quoted text itself is never evidence.
void assess_reply(const parsers::ReplyText& reply, Issue issue, const Rubric& rubric,
                  CaseAssessment& state);

} // namespace appeald::appeals
