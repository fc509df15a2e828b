// clause_mood: is what each clause of a sentence says already in place, planned, under way,
// conditional or negated? Rows are written as a reviewer reads them: each names a word of the
// sentence and the moods a careful reader would accept for the clause holding it. Rows the engine
// still gets wrong carry known_gap (reported with MESSAGE, not failed).
#include "appeals/clause_mood.hpp"
#include "config/rubric_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace appeald::appeals;

namespace {

constexpr bool GAP = true;

const Rubric& rubric() {
  static const Rubric r = [] {
    auto loaded = appeald::config::load_rubric(appeald::config::default_rubric_path());
    if (!loaded) {
      throw std::runtime_error("cannot load the shipped rubric: " + loaded.error());
    }
    return *std::move(loaded);
  }();
  return r;
}

// Moods a reviewer groups together: "not in place" is planned, in_progress or conditional.
const std::set<Mood> in_place = {Mood::done};
const std::set<Mood> in_place_or_state = {Mood::done, Mood::neutral};
const std::set<Mood> planned = {Mood::planned};
const std::set<Mood> under_way = {Mood::in_progress};
const std::set<Mood> not_yet = {Mood::planned, Mood::conditional};
const std::set<Mood> not_in_place = {Mood::planned, Mood::in_progress, Mood::conditional};
const std::set<Mood> conditional = {Mood::conditional};
const std::set<Mood> negated = {Mood::negated};
const std::set<Mood> negated_or_under_way = {Mood::negated, Mood::in_progress};

struct MoodRow {
  std::string what;
  std::string sentence;
  std::string anchor; // a word (as tokenize() spells it) of the clause under judgement
  std::set<Mood> accepted;
  bool known_gap = false;
};

std::string names(const std::set<Mood>& moods) {
  std::string out;
  for (Mood m : moods) {
    out += (out.empty() ? "" : "|") + std::string(to_string(m));
  }
  return out;
}

struct Tally {
  int rows = 0, passing = 0, gaps_open = 0, gaps_closed = 0;
};
Tally tally;

void record(bool agrees, bool known_gap, const std::string& detail) {
  ++tally.rows;
  tally.passing += agrees ? 1 : 0;
  if (known_gap) {
    if (agrees) {
      ++tally.gaps_closed;
      MESSAGE("GAP CLOSED (flip known_gap): " << detail);
    } else {
      ++tally.gaps_open;
      MESSAGE("KNOWN GAP: " << detail);
    }
  }
}

// The clause of `tokens` holding the first token spelled `anchor`.
const Clause* clause_of(const std::vector<Token>& tokens, const std::vector<Clause>& clauses,
                        const std::string& anchor) {
  const auto it =
      std::find_if(tokens.begin(), tokens.end(), [&](const Token& t) { return t.word == anchor; });
  REQUIRE_MESSAGE(it != tokens.end(), "anchor '" << anchor << "' is not a word of the row");
  const std::size_t i = static_cast<std::size_t>(it - tokens.begin());
  for (const Clause& c : clauses) {
    if (c.first <= i && i <= c.last) {
      return &c;
    }
  }
  return nullptr;
}

void check_moods(const std::vector<MoodRow>& rows) {
  for (const MoodRow& row : rows) {
    const std::vector<Token> tokens = tokenize(row.sentence);
    const std::vector<Clause> clauses = split_clauses(tokens, rubric().tense);
    const Clause* c = clause_of(tokens, clauses, row.anchor);
    const Mood actual = c == nullptr ? Mood::neutral : c->mood;
    const bool agrees = c != nullptr && row.accepted.contains(actual);
    const std::string detail = "[" + row.what + "] \"" + row.sentence + "\" clause of '" +
                               row.anchor + "': expected " + names(row.accepted) + ", actual " +
                               std::string(to_string(actual));
    record(agrees, row.known_gap, detail);
    if (row.known_gap) {
      continue;
    }
    CAPTURE(detail);
    REQUIRE(c != nullptr);
    CHECK(row.accepted.contains(actual));
  }
}

struct ConsequenceRow {
  std::string what;
  std::string sentence;
  std::string anchor;
  bool consequence; // the clause only states an effect, a reason or a detail of another clause
  bool known_gap = false;
};

void check_consequences(const std::vector<ConsequenceRow>& rows) {
  for (const ConsequenceRow& row : rows) {
    const std::vector<Token> tokens = tokenize(row.sentence);
    const std::vector<Clause> clauses = split_clauses(tokens, rubric().tense);
    const Clause* c = clause_of(tokens, clauses, row.anchor);
    REQUIRE(c != nullptr);
    const bool actual = is_consequence_clause(tokens, *c);
    const std::string detail = "[" + row.what + "] \"" + row.sentence + "\" clause of '" +
                               row.anchor +
                               "': expected consequence=" + (row.consequence ? "yes" : "no") +
                               ", actual " + (actual ? "yes" : "no");
    record(actual == row.consequence, row.known_gap, detail);
    if (!row.known_gap) {
      CAPTURE(detail);
      CHECK(actual == row.consequence);
    }
  }
}

} // namespace

TEST_CASE("changes told as done") {
  check_moods({
      {"simple past", "We deleted the stale segment on Friday.", "deleted", in_place},
      {"present perfect", "We have switched on confirmation emails for every form.", "switched",
       in_place},
      {"contracted perfect", "We've rolled out double opt-in to all our forms.", "rolled",
       in_place},
      {"passive past", "The purchased file was wiped from our database.", "wiped", in_place},
      {"passive perfect", "Every dormant contact has been archived.", "archived", in_place},
      {"irregular past", "Our developer rewrote the import script.", "rewrote", in_place},
      {"got-passive", "The old segment got removed this morning.", "removed", in_place},
      {"as of, no past verb", "As of Tuesday the mailer only accepts addresses from our form.",
       "accepts", in_place},
      {"since a day, no past verb", "Since last Friday the signup page requires a captcha.",
       "requires", in_place},
      {"effective immediately", "Effective immediately, every bulk send needs a second approval.",
       "needs", in_place, false},
      {"from now on", "From now on we only mail people who confirmed.", "mail", in_place},
      {"now with a progressive verb", "We are now sending only to confirmed subscribers.",
       "sending", in_place},
      {"no longer is not a negation", "We no longer import contact lists from partners.", "import",
       in_place},
      {"went live yesterday", "The bounce webhook went live yesterday.", "webhook", in_place},
      {"already", "Bounce suppression is already switched on.", "suppression", in_place},
      {"started using is in use", "Last month we started using an address validation service.",
       "using", in_place},
      {"it is fixed now", "Everything is fixed now.", "fixed", in_place},
      {"completed", "The cleanup of the list is completed.", "cleanup", in_place},
      {"adverb before the verb", "We immediately paused all campaigns.", "paused", in_place},
      {"non-native past", "We make already the delete of all old contacts.", "delete", in_place},
  });
}

TEST_CASE("changes told as planned") {
  check_moods({
      {"will", "We will delete the imported contacts.", "delete", planned},
      {"contracted will", "We'll add a captcha to the form.", "captcha", planned},
      {"going to", "We are going to purge the inactive segment.", "purge", planned},
      {"plan to", "We plan to introduce double opt-in.", "introduce", planned},
      {"intend to", "We intend to retire the legacy form.", "retire", planned},
      {"next sprint", "Next sprint the team adds an address check.", "adds", planned},
      {"to be removed", "The old list is to be removed.", "removed", planned},
      {"would like to", "We would like to switch to a new provider.", "switch", planned},
      {"need to", "We need to rebuild the signup form.", "rebuild", planned},
      {"tomorrow", "The new filter goes live tomorrow.", "filter", planned},
      {"scheduled for", "The migration is scheduled for the 20th.", "migration", planned},
      {"starting next week", "Starting next week, all sends require double opt-in.", "require",
       not_yet, false},
      {"hopefully soon", "Hopefully we will have it fixed soon.", "fixed", planned},
      {"going forward with will", "Going forward, we'll review every import by hand.", "review",
       planned},
  });
}

TEST_CASE("changes under way") {
  check_moods({
      {"being rolled out", "Confirmation emails are being rolled out across our forms this week.",
       "rolled", not_in_place},
      {"we are migrating", "We are migrating our lists to a new platform.", "migrating", under_way},
      {"in the process of", "We are in the process of cleaning the database.", "cleaning",
       under_way},
      {"currently implementing", "Our developers are currently implementing a bounce handler.",
       "bounce", under_way},
      {"have started cleaning", "We have started cleaning the list.", "cleaning", under_way},
      {"started to", "We started to remove old contacts.", "remove", under_way},
      {"work in progress", "The new consent form is a work in progress.", "consent", under_way},
      {"still testing", "The webhook is still being tested.", "webhook", under_way},
      {"team is reviewing", "Our team is reviewing all of our templates.", "templates", under_way},
      {"not yet finished", "The cleanup is not yet finished.", "cleanup", negated_or_under_way},
      {"looking into", "We are looking into adding a captcha.", "captcha", not_in_place},
  });
}

TEST_CASE("changes conditional on something not yet true") {
  check_moods({
      {"once live, present tense",
       "Once the new form is live, addresses that never confirm are "
       "dropped.",
       "dropped", not_in_place, GAP},
      {"when launched",
       "When the registration page is launched, unconfirmed signups get "
       "discarded.",
       "discarded", not_in_place},
      {"after complete", "After the migration is complete, every address will be re-verified.",
       "verified", not_in_place},
      {"as soon as", "As soon as the vendor approves it, we switch on the captcha.", "captcha",
       not_in_place},
      {"the condition itself",
       "Once the new form is live, addresses that never confirm are "
       "dropped.",
       "form", not_in_place, false},
      {"condition after the main clause",
       "Unconfirmed addresses are dropped once the new form goes live.", "dropped", not_in_place},
      {"habit with if is in place", "If an address bounces, our system suppresses it at once.",
       "suppresses", in_place_or_state},
  });
}

TEST_CASE("negated changes") {
  check_moods({
      {"have not changed", "We have not changed anything yet.", "changed", negated},
      {"no changes", "No changes have been made so far.", "made", negated},
      {"nothing has been", "Nothing has been done about it yet.", "done", negated},
      {"haven't removed", "We haven't removed the old addresses yet.", "removed", negated},
      {"didn't", "We didn't delete anything.", "delete", negated},
      {"yet to", "We are yet to touch the import script.", "touch", negated},
      {"no action", "No action has been taken.", "taken", negated},
      {"not only is not negation", "We not only deleted the list but also paused sending.",
       "deleted", in_place},
      {"never again is not negation", "We made sure that list is never used again.", "made",
       in_place},
  });
}

TEST_CASE("sentences with several clauses are judged per clause") {
  check_moods({
      {"done then planned: done part",
       "We deleted the stale segment and will add a captcha next "
       "month.",
       "deleted", in_place},
      {"done then planned: planned part",
       "We deleted the stale segment and will add a captcha "
       "next month.",
       "captcha", planned},
      {"planned then done: planned part",
       "We'll add a captcha next month, but we already "
       "deleted the stale segment.",
       "captcha", planned},
      {"planned then done: done part",
       "We'll add a captcha next month, but we already deleted "
       "the stale segment.",
       "deleted", in_place},
      {"semicolon", "We removed the list; the new captcha ships next week.", "removed", in_place},
      {"semicolon, planned half", "We removed the list; the new captcha ships next week.",
       "captcha", planned},
      {"done and under way",
       "We have turned on bounce suppression but the webhook is still being "
       "tested.",
       "turned", in_place},
      {"done and under way: under way half",
       "We have turned on bounce suppression but the "
       "webhook is still being tested.",
       "webhook", under_way},
      {"dash", "Deleted the old list - the form fix comes next week.", "deleted", in_place},
      {"dash, planned half", "Deleted the old list - the form fix comes next week.", "fix",
       planned},
      {"consequence does not make the change planned",
       "We removed the purchased contacts, so the next campaign will only reach confirmed "
       "subscribers.",
       "removed", in_place},
      {"planned change with a consequence",
       "We will remove the purchased contacts, so nothing like this happens again.", "remove",
       planned},
      {"new form, then drop",
       "The new form will go live Monday and then unconfirmed addresses "
       "are dropped.",
       "dropped", not_in_place, GAP},
      {"until ready, paused is in place",
       "Until the new validation is ready, we paused all "
       "campaigns.",
       "paused", in_place, false},
  });
}

TEST_CASE("consequence clauses") {
  check_consequences({
      {"so the next campaign",
       "We removed the list, so the next campaign will only reach confirmed subscribers.",
       "campaign", true},
      {"the change itself",
       "We removed the list, so the next campaign will only reach confirmed subscribers.",
       "removed", false},
      {"which blocks", "We added a captcha, which blocks bot signups.", "blocks", true},
      {"because", "We added a captcha because bots were signing up.", "bots", true},
      {"and we: a second change", "We removed the list and we added a captcha.", "added", false},
      {"ensuring", "We turned on suppression, ensuring bounced addresses are never mailed again.",
       "bounced", true},
      {"therefore", "The import button is gone; therefore nobody can upload a list.", "upload",
       true},
      {"meaning", "We cut the segment, meaning inactive users get nothing.", "inactive", true},
  });
}

TEST_CASE("past forms") {
  for (const char* w : {"removed", "deleted", "built", "sent", "rewrote", "purged", "shut", "set",
                        "ran", "bought", "taken", "led"}) {
    CAPTURE(w);
    CHECK(is_past_form(w));
  }
  for (const char* w : {"need", "seed", "indeed", "speed", "red", "bed", "hundred", "remove",
                        "will", "send", "proceed", "embed"}) {
    CAPTURE(w);
    CHECK_FALSE(is_past_form(w));
  }
}

TEST_CASE("clause mood tally") {
  MESSAGE("test_appeals_clause_mood: rows=" << tally.rows << " passing=" << tally.passing
                                            << " known_gaps_open=" << tally.gaps_open
                                            << " known_gaps_closed=" << tally.gaps_closed);
}
