#pragma once
// A case's cumulative assessment (appeals::CaseAssessment) as JSON, for the store and the review
// queue. The shape, also what reviewers see:
//   {"found":{"cause":["..."],...},"planned":["..."],"said_no_changes":false,"messages":2}
#include "appeals/assessment.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace appeald::store {

// Compact JSON, keys in the order above, `found` sorted by element id. Invalid UTF-8 in a
// sentence is replaced (U+FFFD) rather than failing the step that stores it.
std::string encode_assessment(const appeals::CaseAssessment& a);

// Reads what encode_assessment wrote. Missing keys keep their defaults (so an older, smaller
// shape still reads); unknown keys are ignored. Error: "invalid assessment JSON: reason".
std::expected<appeals::CaseAssessment, std::string> decode_assessment(std::string_view json);

} // namespace appeald::store
