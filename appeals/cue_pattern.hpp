#pragma once
// The rubric's cue language: word sequences with alternatives, prefixes and bounded gaps.
#include "appeals/text_tokens.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::appeals {

// A compiled cue. Syntax (whitespace-separated terms, case-insensitive, ’ ‘ read as '):
//   word        the word itself                         "because"
//   pre*        any word starting with "pre"            "unsubscrib*"
//   *suf        any word ending with "suf"              "*n't" (don't, didn't, won't)
//   a|b|c       any of the alternatives (each may use *) "removed|deleted|purged"
//   ~N          up to N (1-9) arbitrary words here      "bounced ~3 removed|suppressed"
//   'phrase'    (not needed: a cue is already a phrase) - quotes are a compile error
// A cue matches when its terms match consecutive words of a clause, with gaps only where ~N
// allows. Hyphenated and apostrophe forms follow tokenize(): write "opt in", "don't"; a term
// that tokenize() would split or alter ("opt-in", "e.g.") is a compile error, so a cue can never
// silently fail to match. Numbers are words: "0.4", "10:00". At most max_terms terms.
// Terms are matched within the token span given to find(): the caller decides whether that is
// a clause or a whole sentence.
class CuePattern {
public:
  static constexpr std::size_t max_terms = 16;
  static constexpr std::size_t max_gap = 9;

  struct Span {
    std::size_t first; // index of the first matched token
    std::size_t last;  // index of the last matched token
  };

  // Compiles `source`. Error: a one-line reason ("empty cue", "~0 is not a gap", "gap at the
  // start of a cue", "'*' must end a term").
  static std::expected<CuePattern, std::string> compile(std::string_view source);

  // The first (leftmost, then shortest) match in `tokens`, or nullopt. Allocates nothing; a
  // cue whose first term matches no token is rejected in one cheap pass (a first-byte mask
  // before any string compare); otherwise at most max_terms * (max_terms * (max_gap + 1))
  // word tests per start token, whatever the gaps (no exponential backtracking).
  // A default-constructed pattern matches nothing.
  std::optional<Span> find(std::span<const Token> tokens) const;
  bool matches(std::span<const Token> tokens) const { return find(tokens).has_value(); }

  const std::string& source() const { return source_; }

private:
  enum class Fit : std::uint8_t { exact, prefix, suffix };
  struct Alternative {
    std::string text; // lowercased, without '*'
    Fit fit = Fit::exact;
  };
  struct Term {
    std::vector<Alternative> alternatives;
    std::size_t gap_before = 0; // words allowed between the previous term and this
    // Bit b set when some exact or prefix alternative starts with byte b; a suffix alternative
    // sets any_first instead. Rejects most words before any string compare.
    std::array<std::uint64_t, 4> first_bytes{};
    bool any_first = false;
  };
  static bool term_matches(const Term& term, std::string_view word);

  std::string source_;
  std::vector<Term> terms_;
};

// Any of `cues` matches `tokens`.
bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens);

} // namespace appeald::appeals
