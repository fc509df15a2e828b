#pragma once
// The lead-in label of a paragraph or list item: "Cause: we bought a list" names its topic
// ("Cause") before the sentence. The rules are split_sentences()' (appeals/sentences.hpp).
#include <cstddef>
#include <optional>
#include <string_view>

namespace appeald::appeals {

// A label is looked for only this far into a paragraph, which keeps every check O(short).
inline constexpr std::size_t max_label_bytes = 64;
inline constexpr std::size_t max_label_words = 5;

struct LeadInLabel {
  std::string_view label; // "Cause", trimmed
  std::string_view rest;  // what follows the colon, trimmed
};

// The lead-in label at the start of `text` (whitespace already collapsed), if any: up to
// max_label_words words of letters, spaces, '/', '-', '\'', '&' and one parenthesised group,
// then ':' and whitespace (or the end), within max_label_bytes. Not a label when the first word
// is a pronoun, determiner, connective, greeting or answer, or any word is a negation or a time
// word, unless the first word asks a question (why/what/how/where/which/who). Views into `text`.
std::optional<LeadInLabel> lead_in_label(std::string_view text);

} // namespace appeald::appeals
