#include "appeals/cue_index.hpp"

namespace appeald::appeals {

void CueIndex::add(std::vector<CuePattern>& list) {
  if (next_id_ + list.size() > CuePattern::max_indexed) {
    for (CuePattern& cue : list) {
      cue.id_ = CuePattern::not_indexed;
    }
    return;
  }
  for (CuePattern& cue : list) {
    const auto id = static_cast<std::uint16_t>(next_id_++);
    cue.id_ = id;
    if (cue.anchor_size_ == 0) {
      unanchored_.bits[id >> 6] |= std::uint64_t{1} << (id & 63u);
    }
    for (std::size_t i = 0; i < cue.anchor_size_; ++i) {
      by_bit_[cue.anchor_bits_[i]].push_back(id);
    }
  }
}

CueCandidates CueIndex::candidates(const WordSignature& signature) const {
  CueCandidates out = unanchored_;
  for (std::size_t w = 0; w < signature.bits.size(); ++w) {
    std::uint64_t word = signature.bits[w];
    while (word != 0) {
      const std::size_t bit = w * 64 + static_cast<std::size_t>(__builtin_ctzll(word));
      word &= word - 1;
      for (const std::uint16_t id : by_bit_[bit]) {
        out.bits[id >> 6] |= std::uint64_t{1} << (id & 63u);
      }
    }
  }
  return out;
}

bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens,
                 const WordSignature& signature, const CueCandidates& candidates) {
  return any_candidate(cues, candidates, [&](const CuePattern& cue, std::size_t) {
    return cue.find(tokens, signature).has_value();
  });
}

} // namespace appeald::appeals
