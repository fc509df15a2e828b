#pragma once
// A case's assessment held in one exact-size buffer, for a desk that holds every case of a run at
// once (a dry-run over a dump holds thousands): the sentences of a CaseAssessment as separate
// strings in a map cost two to three times their bytes in allocator and container overhead.
#include "appeals/assessment.hpp"

#include <string>

namespace appeald::appeals {

class PackedAssessment {
public:
  PackedAssessment() = default;
  explicit PackedAssessment(const CaseAssessment& a);

  // The assessment packed: equal to the one given, element order and sentence order included.
  CaseAssessment unpack() const;

  // The bytes held (for tests and benchmarks).
  std::size_t size() const { return bytes_.size(); }

private:
  // messages, said_no_changes, then the found elements (id, then its sentences) and the planned
  // changes, each string preceded by its length; counts and lengths as 32-bit host-order words.
  std::string bytes_;
};

} // namespace appeald::appeals
