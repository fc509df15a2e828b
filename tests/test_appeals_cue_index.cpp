// The cue index only skips cues that cannot match: with it, every cue list answers exactly as a
// scan of the whole list does, for the shipped rubric's cues and for lists it never saw.
#include "appeals/cue_index.hpp"
#include "appeals/rubric.hpp"
#include "appeals_assessment_rows.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include <string>
#include <vector>

using namespace appeald::appeals;

namespace {

std::vector<CuePattern> compile_all(const std::vector<std::string>& sources) {
  std::vector<CuePattern> out;
  for (const std::string& s : sources) {
    auto cue = CuePattern::compile(s);
    REQUIRE_MESSAGE(cue.has_value(), s);
    out.push_back(std::move(*cue));
  }
  return out;
}

// Positions of the cues of `list` that match `tokens`, found by scanning every cue.
std::vector<std::size_t> matching(const std::vector<CuePattern>& list,
                                  std::span<const Token> tokens) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].matches(tokens)) {
      out.push_back(i);
    }
  }
  return out;
}

// Positions any_candidate() visits.
std::vector<std::size_t> visited(const std::vector<CuePattern>& list,
                                 const CueCandidates& candidates) {
  std::vector<std::size_t> out;
  any_candidate(list, candidates, [&](const CuePattern&, std::size_t i) {
    out.push_back(i);
    return false;
  });
  return out;
}

const std::vector<std::string> sentences = {
    "We removed every address that bounced and now suppress hard bounces automatically.",
    "The list came from a trade show in 2019 and we never re-confirmed it.",
    "I don't know why this happened.",
    "Our signup form had no captcha, so bots filled it with fake addresses.",
    "We will add double opt-in next week.",
    "As of Monday, every new contact must confirm by email.",
    "Yes.",
    "Unsubscribes are honoured within an hour, and complaints remove the address at once.",
    "Someone guessed a weak password and logged into the account.",
    "n't * ~ odd 10:00 0.4 e.g. caf\xC3\xA9 \xFF\xFE words",
    "",
};

} // namespace

TEST_CASE("with the shipped rubric's index, every list visits each cue that matches, in order") {
  const Rubric& rubric = appeald::test::assessment::rubric();
  REQUIRE(rubric.cue_index.size() > 0);
  std::vector<const std::vector<CuePattern>*> lists = {
      &rubric.tense.planned,     &rubric.tense.in_progress, &rubric.tense.conditional,
      &rubric.tense.done,        &rubric.tense.negation,    &rubric.tense.not_negation,
      &rubric.tense.affirmative, &rubric.tense.non_answer};
  for (const RubricElement& e : rubric.elements) {
    for (const auto* list : {&e.cues, &e.state_cues, &e.exclude, &e.labels, &e.questions}) {
      lists.push_back(list);
    }
  }
  std::size_t matched = 0;
  for (const std::string& text : sentences) {
    CAPTURE(text);
    const std::vector<Token> tokens = tokenize(text);
    const WordSignature sig = word_signature(tokens);
    const CueCandidates candidates = rubric.cue_index.candidates(sig);
    for (const auto* list : lists) {
      const std::vector<std::size_t> want = matching(*list, tokens);
      const std::vector<std::size_t> seen = visited(*list, candidates);
      CHECK(std::is_sorted(seen.begin(), seen.end()));
      CHECK(std::includes(seen.begin(), seen.end(), want.begin(), want.end()));
      CHECK(any_matches(*list, tokens, sig, candidates) == !want.empty());
      matched += want.size();
    }
  }
  CHECK(matched > 10); // the sentences do meet cues: the check above is not vacuous
}

TEST_CASE("an index skips the cues whose anchor words are absent") {
  std::vector<CuePattern> list =
      compile_all({"removed|deleted ~3 bounc*", "we will", "*n't ~2 know", "suppress*"});
  CueIndex index;
  index.add(list);
  struct Row {
    const char* text;
    std::vector<std::size_t> visited; // list positions any_candidate visits
    bool any;
  };
  const std::vector<Row> rows = {
      // "*n't ~2 know": its only exact term is "know", the anchor.
      {"We removed the bounced ones.", {0}, true},
      {"We will suppress them.", {1, 3}, true},
      {"We don't know.", {2}, true},
      {"Nothing here.", {}, false},
      {"Deleted, but nothing bounced.", {0}, true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const std::vector<Token> tokens = tokenize(row.text);
    const WordSignature sig = word_signature(tokens);
    const CueCandidates candidates = index.candidates(sig);
    const std::vector<std::size_t> seen = visited(list, candidates);
    // A hash twin may add a candidate, never remove one.
    CHECK(std::includes(seen.begin(), seen.end(), row.visited.begin(), row.visited.end()));
    CHECK(seen.size() <= row.visited.size() + 1);
    CHECK(any_matches(list, tokens, sig, candidates) == row.any);
    CHECK(any_matches(list, tokens) == row.any);
  }
}

TEST_CASE("lists an index never saw, or that changed after, are scanned whole") {
  const std::vector<Token> tokens = tokenize("We removed the bounced addresses.");
  const WordSignature sig = word_signature(tokens);

  SUBCASE("never indexed") {
    const std::vector<CuePattern> list = compile_all({"nothing", "removed"});
    CHECK(visited(list, CueCandidates{}) == std::vector<std::size_t>{0, 1});
    CHECK(any_matches(list, tokens, sig, CueCandidates{}));
  }
  SUBCASE("a cue added after indexing") {
    std::vector<CuePattern> list = compile_all({"nothing"});
    CueIndex index;
    index.add(list);
    list.push_back(compile_all({"removed"}).front());
    CHECK(any_matches(list, tokens, sig, index.candidates(sig)));
  }
  SUBCASE("past the most cues an index holds") {
    std::vector<CuePattern> big;
    for (std::size_t i = 0; i < CuePattern::max_indexed; ++i) {
      big.push_back(compile_all({"filler" + std::to_string(i)}).front());
    }
    std::vector<CuePattern> late = compile_all({"nothing", "removed"});
    CueIndex index;
    index.add(big);
    index.add(late);
    CHECK(index.size() == CuePattern::max_indexed);
    CHECK(late.front().indexed_id() == CuePattern::not_indexed);
    CHECK(any_matches(late, tokens, sig, index.candidates(sig)));
  }
}
