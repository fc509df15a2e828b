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

// A 1280-bit summary of a set of words: for each word, one bit hashed from its first two bytes
// (the lead part, bits 0-255) and one hashed from the whole word (the word part, 256-1279); see
// word_signature. A cue term written as exact words is summarised by their word-part bits, so it
// is rejected unless one of those very words (or a hash twin, about one word in 1024) is present;
// a prefix term by its lead-part bit. A clause of twenty words sets under a tenth of the lead
// part and a fiftieth of the word part, so most cues are rejected without reading a token.
struct WordSignature {
  static constexpr unsigned lead_bits = 256;
  static constexpr unsigned word_bits = 1024;
  static constexpr unsigned size = lead_bits + word_bits;
  std::array<std::uint64_t, size / 64> bits{};

  void set(unsigned bit) { bits[bit >> 6] |= std::uint64_t{1} << (bit & 63u); }
  bool test(unsigned bit) const { return (bits[bit >> 6] >> (bit & 63u)) & 1u; }
  // Every bit: a term whose words cannot be known from their first two bytes (a suffix).
  static WordSignature all() {
    WordSignature s;
    s.bits.fill(~std::uint64_t{0});
    return s;
  }
};

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
  // cue whose first term matches no token is rejected in one cheap pass (a signature bit
  // test before any string compare); otherwise one more pass from the first candidate with at most
  // one test per term and max_gap + 1 steps per term for each token, whatever the gaps (no
  // backtracking). A default-constructed pattern matches nothing.
  std::optional<Span> find(std::span<const Token> tokens) const;
  bool matches(std::span<const Token> tokens) const { return find(tokens).has_value(); }

  // For callers that run many cues over one clause: compute word_signature(tokens) once, then
  // may_match() rejects a cue with a few AND operations when some term of it matches none of
  // the words (no token is read). True does not mean a match.
  bool may_match(const WordSignature& signature) const;
  // find(tokens) behind may_match(signature); `signature` must be word_signature(tokens).
  // Inline: a reply's sentences meet every cue of the rubric, and nearly all are rejected by the
  // anchor's few bit tests alone.
  std::optional<Span> find(std::span<const Token> tokens, const WordSignature& signature) const {
    if (!anchor_present(signature)) {
      return std::nullopt;
    }
    return may_match(signature) ? find(tokens) : std::nullopt;
  }

  const std::string& source() const { return source_; }

  // The id a CueIndex gave this cue (appeals/cue_index.hpp), or not_indexed.
  static constexpr std::size_t max_indexed = 2048;
  static constexpr std::size_t not_indexed = 0xFFFF;
  std::size_t indexed_id() const { return id_; }

private:
  enum class Fit : std::uint8_t { exact, prefix, suffix };
  struct Alternative {
    std::string text; // lowercased, without '*'
    Fit fit = Fit::exact;
    // word_whole_bit(text) for an exact word, word_lead_bit(text) for a prefix of two or more
    // bytes: a token whose bit differs cannot fit, so most alternatives are passed over
    // without a string compare. Unused for suffixes and one-byte prefixes.
    std::uint16_t bit = 0;
  };
  struct Term {
    std::vector<Alternative> alternatives;
    std::size_t gap_before = 0; // words allowed between the previous term and this
    // The signature bits (see WordSignature) of the words this term can match: the word bit of
    // each exact alternative, the lead bit of each prefix; all ones when a suffix or a
    // one-letter prefix makes that unknowable. Rejects most words before any string compare,
    // and whole clauses in may_match().
    WordSignature signature;
    // The same bits as a list, for may_match() (which reads copies in the pattern's filter_,
    // and these only for terms past what filter_ holds): a few tests instead of a pass over
    // the signature's words. Empty, with `any_word` set, when the term has more than
    // max_term_bits bits or matches words its bits cannot name.
    static constexpr std::size_t max_term_bits = 64;
    std::array<std::uint16_t, max_term_bits> bit_list{};
    std::uint8_t bit_count = 0;
    bool any_word = false;
    // Whether some word summarised in `s` may be one this term matches.
    bool may_be_in(const WordSignature& s) const {
      if (any_word) {
        return true;
      }
      bool any = false;
      for (std::size_t i = 0; i < bit_count; ++i) {
        any |= s.test(bit_list[i]);
      }
      return any;
    }
  };
  // Fills `term`'s bit_list from its signature once its alternatives are compiled.
  static void list_bits(Term& term);
  static inline bool term_matches(const Term& term, const Token& token);
  // Some alternative of `term` fits `token`'s word (the string compares behind term_matches).
  static bool alternative_matches(const Term& term, const Token& token);
  // Picks the anchor (see anchor_bits_) once the terms are compiled.
  void choose_anchor();
  // Copies the terms' bit lists into filter_ once the terms are compiled.
  void fill_filter();
  // False when no word of the anchor term is in `signature` (so the cue cannot match); true
  // when one may be, or when the cue has no anchor.
  bool anchor_present(const WordSignature& signature) const {
    bool any = anchor_size_ == 0;
    for (std::size_t i = 0; i < anchor_size_; ++i) {
      any |= signature.test(anchor_bits_[i]);
    }
    return any;
  }

  std::uint8_t anchor_size_ = 0;
  bool filter_complete_ = false; // filter_ holds every term that can rule the cue out
  std::uint16_t filter_size_ = 0;
  std::uint16_t id_ = not_indexed;
  std::vector<Term> terms_;
  // may_match()'s data in the pattern itself: for each term in order, its bit_count then its
  // bit_list, leaving out any_word terms (they rule nothing out), as far as the terms fit.
  // Reading them from terms_ cost a cache miss per cue tested (each Term is 330 bytes in a heap
  // block of its own), and may_match() runs for every candidate cue of every clause.
  static constexpr std::size_t filter_capacity = 96;
  std::array<std::uint16_t, filter_capacity> filter_{};
  std::string source_;
  // The signature bits of the term least likely to be in a clause (fewest bits, whole words
  // before prefixes, no very common word among its alternatives), held in the pattern itself
  // so that rejecting a cue reads no other memory. None (size 0) when every term has more than
  // max_anchor_bits bits or is a suffix.
  static constexpr std::size_t max_anchor_bits = 64;
  std::array<std::uint16_t, max_anchor_bits> anchor_bits_{};

  friend class CueIndex;
};

// The summary of the words in `tokens`: the union of each word's two bits (see WordSignature and
// CuePattern::may_match). Linear; allocates nothing.
WordSignature word_signature(std::span<const Token> tokens);

// Any of `cues` matches `tokens` (computes the signature once and rejects cues with it).
bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens);
// As above, with `signature` = word_signature(tokens) computed once by a caller that runs many
// cue lists over the same words.
bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens,
                 const WordSignature& signature);

} // namespace appeald::appeals
