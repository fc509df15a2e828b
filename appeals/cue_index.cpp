#include "appeals/cue_index.hpp"

namespace appeald::appeals {

void CueIndex::add(std::vector<CuePattern>& list) {
  if (next_id_ + list.size() > CuePattern::max_indexed) {
    for (CuePattern& cue : list) {
      cue.id_ = CuePattern::not_indexed;
    }
    return;
  }
  by_bit_.resize(WordSignature::size);
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
  flatten();
}

void CueIndex::flatten() {
  ids_.clear();
  for (std::size_t bit = 0; bit < WordSignature::size; ++bit) {
    starts_[bit] = static_cast<std::uint32_t>(ids_.size());
    ids_.insert(ids_.end(), by_bit_[bit].begin(), by_bit_[bit].end());
  }
  starts_[WordSignature::size] = static_cast<std::uint32_t>(ids_.size());
}

CueCandidates CueIndex::candidates(const WordSignature& signature) const {
  CueCandidates out = unanchored_;
  for (std::size_t w = 0; w < signature.bits.size(); ++w) {
    std::uint64_t word = signature.bits[w];
    while (word != 0) {
      const std::size_t bit = w * 64 + static_cast<std::size_t>(__builtin_ctzll(word));
      word &= word - 1;
      for (std::uint32_t i = starts_[bit]; i < starts_[bit + 1]; ++i) {
        const std::uint16_t id = ids_[i];
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
