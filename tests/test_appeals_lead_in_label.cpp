// lead_in_label: a paragraph's topic before its colon is a label; words the assessor must judge
// (who acted, when, whether) keep the line a sentence.
#include "appeals/lead_in_label.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using appeald::appeals::lead_in_label;

TEST_CASE("lead_in_label takes a topic before the colon, and nothing the assessor must judge") {
  struct Row {
    std::string text;
    std::optional<std::string> label; // nullopt: no label
    std::string rest;                 // when labelled
  };
  const std::vector<Row> rows = {
      {"Cause: we bought a list.", "Cause", "we bought a list."},
      {"Root cause: an old import", "Root cause", "an old import"},
      {"Re: our account", "Re", "our account"},
      {"Cause:", "Cause", ""},
      {"Update (Nov 5): all fixed", "Update (Nov 5)", "all fixed"},
      {"Why it won't happen again: double opt-in", "Why it won't happen again", "double opt-in"},
      {"Why it won\xE2\x80\x99t recur: confirmation", "Why it won\xE2\x80\x99t recur",
       "confirmation"},
      {"Bounce handling/removal: automatic", "Bounce handling/removal", "automatic"},
      {"Ma\xC3\x9Fnahmen: Liste bereinigt", "Ma\xC3\x9Fnahmen", "Liste bereinigt"},
      // The first word is a pronoun, determiner, connective or answer: a clause, not a topic.
      {"We changed this: the form", std::nullopt, ""},
      {"This week: the form", std::nullopt, ""},
      {"So: we fixed it", std::nullopt, ""},
      {"Yes: we did", std::nullopt, ""},
      // A negation or a time word anywhere: the assessor must read it.
      {"Not yet: the cleanup", std::nullopt, ""},
      {"Next week: the cleanup", std::nullopt, ""},
      {"Going forward: audits", std::nullopt, ""},
      {"Cleanup planned: next month", std::nullopt, ""},
      {"Cleanup wasn't done: sorry", std::nullopt, ""},
      // Not label-shaped.
      {"At 10:00 we removed the list", std::nullopt, ""},
      {"Cause:we bought a list", std::nullopt, ""},
      {"Root cause of the bounces here: x", std::nullopt, ""}, // six words
      {"Root cause and then some more words that run on and on past the limit: x", std::nullopt,
       ""},
      {"Root cause", std::nullopt, ""},
      {": nothing before", std::nullopt, ""},
      {"Update (Nov 5) (again): x", std::nullopt, ""}, // one group only
      {"Update (Nov 5: x", std::nullopt, ""},          // the group never closes
      {"", std::nullopt, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const auto got = lead_in_label(row.text);
    REQUIRE(got.has_value() == row.label.has_value());
    if (got) {
      CHECK(std::string(got->label) == *row.label);
      CHECK(std::string(got->rest) == row.rest);
    }
  }
}
