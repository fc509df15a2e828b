#pragma once
// An inverted index over a rubric's cues: from the words of a span to the cues that may match it,
// without visiting the others. A reply's sentences meet every cue list of every required element,
// and nearly all cues are rejected; visiting each one to reject it was a seventh of a dry-run.
#include "appeals/cue_pattern.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace appeald::appeals {

// The cues of an index that may match one span of words: a bit per cue id. A cue not in the
// set cannot match the span; one in it may.
struct CueCandidates {
  std::array<std::uint64_t, CuePattern::max_indexed / 64> bits{};

  // Every cue: for spans no index has seen.
  static CueCandidates all() {
    CueCandidates c;
    c.bits.fill(~std::uint64_t{0});
    return c;
  }
};

class CueIndex {
public:
  // Gives the cues of `list` consecutive ids after those of the lists added before, and indexes
  // them by their anchors (CuePattern's least common term). Lists past max_indexed cues in all
  // stay unindexed, and are scanned whole. A list changed after it was added must be added
  // again (to a fresh index): indexed lists are recognised by their first and last ids.
  void add(std::vector<CuePattern>& list);

  // The cues that may match a span whose word_signature() is `signature`: those with an anchor
  // bit in it, and those without an anchor. Reads only the signature's bits' buckets.
  CueCandidates candidates(const WordSignature& signature) const;

  std::size_t size() const { return next_id_; }

private:
  // Rebuilds ids_ and starts_ from by_bit_ (after each add(); a rubric has a few hundred cues).
  void flatten();

  std::size_t next_id_ = 0;
  std::vector<std::vector<std::uint16_t>> by_bit_; // cue ids by anchor bit, while building
  // The same ids in one array, those of bit b at [starts_[b], starts_[b + 1]), for candidates():
  // a clause sets some forty bits, and a vector per bit cost two cache misses each (its header,
  // then its heap block), a fifth of candidates()' time.
  std::array<std::uint32_t, WordSignature::size + 1> starts_{};
  std::vector<std::uint16_t> ids_;
  CueCandidates unanchored_; // cues without an anchor: always candidates
};

// Calls `fn(cue, position)` for each cue of `list`, in list order, that `candidates` admits
// (every cue when the list is not indexed), until `fn` returns true; returns whether one did.
template <class F>
bool any_candidate(const std::vector<CuePattern>& list, const CueCandidates& candidates, F fn) {
  if (list.empty()) {
    return false;
  }
  const std::size_t first = list.front().indexed_id();
  if (first == CuePattern::not_indexed || list.back().indexed_id() != first + list.size() - 1) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (fn(list[i], i)) {
        return true;
      }
    }
    return false;
  }
  const std::size_t end = first + list.size();
  for (std::size_t w = first >> 6; w <= (end - 1) >> 6; ++w) {
    std::uint64_t word = candidates.bits[w];
    if (w == first >> 6) {
      word &= ~std::uint64_t{0} << (first & 63u);
    }
    if (w == (end - 1) >> 6 && (end & 63u) != 0) {
      word &= ~(~std::uint64_t{0} << (end & 63u));
    }
    while (word != 0) {
      const std::size_t id = w * 64 + static_cast<std::size_t>(__builtin_ctzll(word));
      word &= word - 1;
      if (fn(list[id - first], id - first)) {
        return true;
      }
    }
  }
  return false;
}

// any_matches(cues, tokens, signature), visiting only the candidates.
bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens,
                 const WordSignature& signature, const CueCandidates& candidates);

} // namespace appeald::appeals
