// What a case's assessment keeps when an appeal thread runs long: every element it found, but only
// the first few sentences of each and of the planned changes, each sentence clipped. The decision
// depends only on which elements were found, so the bounds never change an action.
#include "appeals_assessment_rows.hpp"

#include <string>
#include <vector>

using namespace appeald::test::assessment;

namespace {

// `n` different sentences that each supply the cause.
std::vector<std::string> causes(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    out.push_back("The bounces were caused by import number " + std::to_string(i) +
                  " of an old customer list.");
  }
  return out;
}

// `n` different planned changes.
std::vector<std::string> plans(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    out.push_back("We will add a captcha to signup form number " + std::to_string(i) +
                  " next week.");
  }
  return out;
}

// A cause sentence of about `bytes` bytes, with a multi-byte character at every position so a
// clip in the middle of one would show.
std::string long_cause(std::size_t bytes) {
  std::string s = "The bounces were caused by an import of";
  while (s.size() < bytes) {
    s += " caf\xC3\xA9";
  }
  return s + ".";
}

bool valid_utf8_tail(const std::string& s) {
  // The byte before "..." must not leave a character cut (a lead byte without its continuation).
  const std::string_view body = std::string_view(s).substr(0, s.size() - 3);
  return body.empty() || (static_cast<unsigned char>(body.back()) & 0xC0) != 0xC0;
}

} // namespace

TEST_CASE("a long thread keeps the first sentences of each element, and every element") {
  constexpr std::size_t max_kept = CaseAssessment::max_sentences_per_element;
  struct Row {
    const char* name;
    int messages;               // one cause sentence per message
    std::size_t kept_sentences; // of the cause
  };
  const Row rows[] = {
      {"one message", 1, 1},
      {"exactly the bound", static_cast<int>(max_kept), max_kept},
      {"one over", static_cast<int>(max_kept) + 1, max_kept},
      {"fifty follow-ups", 50, max_kept},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CaseAssessment state;
    for (const std::string& s : causes(row.messages)) {
      appeald::appeals::assess_reply(own(s), Issue::other, rubric(), state);
    }
    REQUIRE(state.found.contains("cause"));
    CHECK(state.found.at("cause").size() == row.kept_sentences);
    CHECK(state.found.at("cause").front() == causes(1).front()); // the first ones are kept
    CHECK(state.messages == row.messages);
  }
}

TEST_CASE("planned changes are kept up to the bound, and still decide await_fixes") {
  struct Row {
    const char* name;
    int plans;
    std::size_t kept;
  };
  const Row rows[] = {
      {"two plans", 2, 2},
      {"at the bound", static_cast<int>(CaseAssessment::max_planned), CaseAssessment::max_planned},
      {"thirty plans", 30, CaseAssessment::max_planned},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CaseAssessment state;
    for (const std::string& s : plans(row.plans)) {
      appeald::appeals::assess_reply(own(s), Issue::other, rubric(), state);
    }
    CHECK(state.planned.size() == row.kept);
    CHECK_FALSE(state.found.contains("changes"));
  }
}

TEST_CASE("a sentence is clipped to the byte bound at a character boundary") {
  constexpr std::size_t max = CaseAssessment::max_sentence_bytes;
  struct Row {
    const char* name;
    std::size_t bytes;
    bool clipped;
  };
  const Row rows[] = {
      {"short", 80, false},
      {"just under", max - 10, false},
      {"just over", max + 5, true},
      {"ten times over", max * 10, true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const std::string text = long_cause(row.bytes);
    CaseAssessment state;
    appeald::appeals::assess_reply(own(text), Issue::other, rubric(), state);
    REQUIRE(state.found.contains("cause"));
    const std::string& kept = state.found.at("cause").front();
    CHECK(kept.size() <= max);
    if (row.clipped) {
      CHECK(kept.ends_with("..."));
      CHECK(text.starts_with(kept.substr(0, kept.size() - 3)));
      CHECK(valid_utf8_tail(kept));
    } else {
      CHECK(kept == text);
    }
  }
}
