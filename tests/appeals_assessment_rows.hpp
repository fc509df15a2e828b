#pragma once
// Table-driven checks of appeals::assess_reply, shared by the tests/test_appeals_assessment*.cpp
// files. Rows are written the way a careful enforcement reviewer reads an appeal, not the way the
// engine happens to read it today. A row the engine still gets wrong is marked `known_gap`: it is
// reported (MESSAGE, prefixed "KNOWN GAP") but does not fail; a known_gap row that starts passing
// is reported too ("GAP CLOSED"), so it can be flipped. Every other row must pass.
#include "appeals/assessment.hpp"
#include "appeals/case_record.hpp"
#include "appeals/rubric.hpp"
#include "config/rubric_loader.hpp"
#include "parsers/reply_extractor.hpp"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace appeald::test::assessment {

using appeals::CaseAssessment;
using appeals::Issue;
using parsers::ReplyText;

inline constexpr bool GAP = true;

// The shipped rubric, loaded once.
inline const appeals::Rubric& rubric() {
  static const appeals::Rubric r = [] {
    auto loaded = config::load_rubric(config::default_rubric_path());
    if (!loaded) {
      throw std::runtime_error("cannot load the shipped rubric: " + loaded.error());
    }
    return *std::move(loaded);
  }();
  return r;
}

// The sender's new words, as one block with nothing quoted above it.
inline ReplyText own(std::string text) {
  ReplyText r;
  r.text = text;
  r.blocks.push_back({"", std::move(text)});
  return r;
}

// A whole plain-text reply body, quotes and all: the extractor keeps only the new words.
inline ReplyText body(std::string_view text) {
  return parsers::extract_reply(text);
}

// An inline answer: `answer` written directly under the quoted `question`.
inline ReplyText under(std::string question, std::string answer) {
  ReplyText r;
  r.text = answer;
  r.blocks.push_back({std::move(question), std::move(answer)});
  return r;
}

struct Row {
  std::string what;
  ReplyText reply;
  Issue issue;
  std::set<std::string> found; // exactly the required elements a reviewer finds
  bool planned;                // a reviewer sees a change that is planned / under way / conditional
  bool known_gap = false;      // the engine disagrees today (reported, not failed)
  std::set<std::string> either = {}; // elements a reviewer could fairly count either way
};

// The core elements, for rows about an issue's own elements where a core element is incidental.
inline const std::set<std::string> core = {"cause", "changes", "prevention"};

inline std::string join(const std::set<std::string>& s) {
  std::string out = "{";
  for (const std::string& e : s) {
    out += (out.size() > 1 ? ", " : "") + e;
  }
  return out + "}";
}

struct Tally {
  int rows = 0;
  int passing = 0;
  int gaps_open = 0;
  int gaps_closed = 0;
};

inline Tally& tally() {
  static Tally t;
  return t;
}

// The required elements found, restricted to those a row checks.
inline std::set<std::string> checked_found(const CaseAssessment& state, Issue issue,
                                           const std::set<std::string>& either) {
  std::set<std::string> out;
  for (const appeals::RubricElement* e : rubric().required_for(issue)) {
    if (state.found.contains(e->id) && !either.contains(e->id)) {
      out.insert(e->id);
    }
  }
  return out;
}

inline std::set<std::string> without(const std::set<std::string>& s,
                                     const std::set<std::string>& drop) {
  std::set<std::string> out;
  for (const std::string& e : s) {
    if (!drop.contains(e)) {
      out.insert(e);
    }
  }
  return out;
}

// Counts one row in the tally. A known-gap row is reported (closed or still open) instead of
// checked: returns true when the caller must not check it.
inline bool tally_row(bool agrees, bool known_gap, const std::string& detail) {
  ++tally().rows;
  if (agrees) {
    ++tally().passing;
  }
  if (!known_gap) {
    return false;
  }
  if (agrees) {
    ++tally().gaps_closed;
    MESSAGE("GAP CLOSED (flip known_gap): " << detail);
  } else {
    ++tally().gaps_open;
    MESSAGE("KNOWN GAP: " << detail);
  }
  return true;
}

// Checks one row's outcome; `assessed` is what the engine produced for it.
inline void check_outcome(const std::string& what, const std::string& text, Issue issue,
                          const std::set<std::string>& expected_found, bool expected_planned,
                          bool known_gap, const std::set<std::string>& either,
                          const CaseAssessment& assessed) {
  const std::set<std::string> actual = checked_found(assessed, issue, either);
  const std::set<std::string> expected = without(expected_found, either);
  const bool planned = !assessed.planned.empty();
  const bool agrees = actual == expected && planned == expected_planned;
  const std::string detail = "[" + what + "] issue=" + std::string(appeals::to_string(issue)) +
                             " text=\"" + text + "\" expected " + join(expected) +
                             " planned=" + (expected_planned ? "yes" : "no") + ", actual " +
                             join(actual) + " planned=" + (planned ? "yes" : "no");
  if (tally_row(agrees, known_gap, detail)) {
    return;
  }
  CAPTURE(what);
  CAPTURE(text);
  INFO("expected found ", join(expected), ", actual ", join(actual));
  CHECK(actual == expected);
  CHECK(planned == expected_planned);
}

inline void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CaseAssessment state;
    appeals::assess_reply(row.reply, row.issue, rubric(), state);
    check_outcome(row.what, row.reply.text, row.issue, row.found, row.planned, row.known_gap,
                  row.either, state);
  }
}

// Several messages of one case, read into one cumulative assessment.
struct Thread {
  std::string what;
  std::vector<ReplyText> replies;
  Issue issue;
  std::set<std::string> found;
  bool planned;
  bool known_gap = false;
  std::set<std::string> either = {};
};

inline void check_threads(const std::vector<Thread>& threads) {
  for (const Thread& t : threads) {
    CaseAssessment state;
    std::string text;
    for (const ReplyText& r : t.replies) {
      appeals::assess_reply(r, t.issue, rubric(), state);
      text += (text.empty() ? "" : " || ") + r.text;
    }
    CHECK(state.messages == static_cast<int>(t.replies.size()));
    check_outcome(t.what, text, t.issue, t.found, t.planned, t.known_gap, t.either, state);
  }
}

// Reports the counts of this executable's rows (call from the last TEST_CASE of a file; doctest
// runs test cases in file order by default).
inline void report_tally(const char* file) {
  const Tally& t = tally();
  MESSAGE(std::string(file) << ": rows=" << t.rows << " passing=" << t.passing
                            << " known_gaps_open=" << t.gaps_open
                            << " known_gaps_closed=" << t.gaps_closed);
}

} // namespace appeald::test::assessment
