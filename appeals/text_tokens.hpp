#pragma once
// Words of a sentence, normalised for cue matching.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::appeals {

struct Token {
  std::string word;  // lowercased (ASCII only); letters/digits/apostrophes; ’ and ‘ become '
  std::size_t begin; // byte offset of the word in the source text
  std::size_t end;   // one past its last byte: text.substr(begin, end - begin) is the word as
                     // written, so callers can quote the original text back
  // Punctuation right after the word that can end a clause: ',' ';' ':' '.' '!' '?' '(' ')'
  // or a dash used as a separator (" - ", " – ", "--" with spaces, or an em dash "—" anywhere),
  // reported as '-'; 0 when none. When several follow ("done.)", "list), and") the strongest
  // wins: '.' '!' '?' (and '…', reported as '.'), then ';' ':', then '-' ',', then '(' ')'; the
  // first of equals. A '.' or ':' directly followed by a word character (or ":/") is not
  // punctuation ("example.com", "e.g", "https://"), so URLs and abbreviations do not cut
  // clauses.
  char punct_after = 0;
  // The word's bits in a cue-matching signature (WordSignature, appeals/cue_pattern.hpp):
  // word_lead_bit(word) and word_whole_bit(word), computed once here rather than per cue.
  std::uint16_t lead_bit = 0;
  std::uint16_t whole_bit = 0;
};

// A word's signature bits for cue matching (see WordSignature in appeals/cue_pattern.hpp).
// `word` must not be empty.
// 0-255: a hash of its first two bytes (0 standing in for a missing second), so a prefix of two
// or more bytes knows the bit of every word it begins.
unsigned word_lead_bit(std::string_view word);
// 256-1279: a hash of all its bytes.
unsigned word_whole_bit(std::string_view word);

// Splits `text` (UTF-8) into words. Word characters are ASCII letters and digits, apostrophes
// inside a word ("don't", "we've"), and any non-ASCII UTF-8 sequence except typographic
// punctuation (quotes, dashes, ellipsis, bullets, non-breaking and other Unicode spaces), so
// accented words stay whole. Invalid UTF-8 bytes count as word characters and are kept as they
// are (the text is evidence: never rewrite what the customer sent).
// Hyphens split words ("opt-in" -> "opt", "in"; "re-confirmed" -> "re", "confirmed"), so a cue
// written with spaces matches both spellings. A '.', ',' or ':' between two ASCII digits stays
// inside the word, so numbers stay whole ("0.4", "10,000", "10:00"). Everything else separates
// words. Linear in the input; never fails.
std::vector<Token> tokenize(std::string_view text);
// The same into `out`, replacing what it held and reusing its capacity: for callers that
// tokenize sentence after sentence.
void tokenize(std::string_view text, std::vector<Token>& out);

// True when tokenize(text) would return at least one word; allocates nothing.
bool has_word(std::string_view text);

} // namespace appeald::appeals
