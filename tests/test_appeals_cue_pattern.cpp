// cue_pattern: the rubric's cue language, compiled once and matched against every clause.
#include "appeals/cue_pattern.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

using namespace appeald::appeals;

namespace {

std::string repeat(std::string_view word, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += (i == 0 ? "" : " ") + std::string(word);
  }
  return out;
}

// "first-last" for a match, "none" otherwise.
std::string render(const std::optional<CuePattern::Span>& span) {
  if (!span) {
    return "none";
  }
  return std::to_string(span->first) + "-" + std::to_string(span->last);
}

CuePattern must_compile(const std::string& source) {
  auto cue = CuePattern::compile(source);
  const std::string why = source + ": " + (cue ? std::string() : cue.error());
  REQUIRE_MESSAGE(cue.has_value(), why);
  return *cue;
}

} // namespace

TEST_CASE("compile rejects malformed cues with a one-line reason") {
  struct Row {
    std::string what;
    std::string source;
    std::string error;
  };
  const std::vector<Row> rows = {
      {"empty", "", "empty cue"},
      {"only whitespace", " \t\n", "empty cue"},
      {"gap first", "~2 because", "gap at the start of a cue"},
      {"gap last", "removed ~3", "gap at the end of a cue"},
      {"gap of zero", "a ~0 b", "~0 is not a gap"},
      {"gap of zeros", "a ~00 b", "~0 is not a gap"},
      {"gap too wide", "a ~12 b", "'~12': a gap is at most ~9 words"},
      {"gap without number", "a ~ b", "'~' is not a gap: write ~1 to ~9"},
      {"gap with letters", "a ~x b", "'~x' is not a gap: write ~1 to ~9"},
      {"two gaps", "a ~2 ~3 b", "two gaps in a row"},
      {"star inside", "un*sub", "'*' must end a term (or start it, for a suffix): 'un*sub'"},
      {"star at both ends", "*sub*", "'*' must end a term (or start it, for a suffix): '*sub*'"},
      {"star in an alternative", "a|b*c",
       "'*' must end a term (or start it, for a suffix): 'a|b*c'"},
      {"bare star", "we *", "a bare '*' matches any word: use a gap (~1)"},
      {"empty alternative inside", "a||b", "empty alternative in 'a||b'"},
      {"empty alternative first", "|a", "empty alternative in '|a'"},
      {"empty alternative last", "a|", "empty alternative in 'a|'"},
      {"hyphenated word", "opt-in", "'opt-in' is not one word: write 'opt in'"},
      {"dotted abbreviation", "e.g.", "'e.g.' is not one word: write 'e g'"},
      {"hyphenated prefix", "re-confirm*", "'re-confirm' is not one word: write 're confirm'"},
      {"punctuation only", "a|--", "'--' has no word in it"},
      {"trailing comma", "because,", "'because,' is not one word: write 'because'"},
      {"single quotes", "'root cause'", "quotes are not needed: a cue is already a phrase"},
      {"double quotes", "\"because\"", "quotes are not needed: a cue is already a phrase"},
      {"too many terms", repeat("w", 17), "more than 16 terms"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.source);
    const auto cue = CuePattern::compile(row.source);
    REQUIRE_FALSE(cue.has_value());
    CHECK(cue.error() == row.error);
  }
}

TEST_CASE("compile accepts the documented forms") {
  const std::vector<std::string> rows = {
      "because",       "Removed|DELETED", "don\u2019t", "*n't",   "unsubscrib*",
      "0.4",           "10:00",           "opt in",     "a ~9 b", "a ~1 b ~2 c",
      repeat("w", 16), "caf\u00e9",       "*'s",        "don'*",  "  padded  cue ",
  };
  for (const std::string& source : rows) {
    CAPTURE(source);
    const auto cue = CuePattern::compile(source);
    CHECK(cue.has_value());
    if (cue) {
      CHECK(cue->source() == source);
    }
  }
}

TEST_CASE("find returns the leftmost, then shortest match") {
  struct Row {
    std::string what;
    std::string cue;
    std::string text;
    std::string expected; // "first-last" token indexes, or "none"
  };
  const std::vector<Row> rows = {
      {"single word", "because", "It was because of a job", "2-2"},
      {"alternative", "removed|deleted|purged", "We deleted it", "1-1"},
      {"cue is case-insensitive", "REMOVED", "removed", "0-0"},
      {"prefix", "unsubscrib*", "they unsubscribed twice", "1-1"},
      {"prefix matches the bare stem", "unsubscrib*", "unsubscrib", "0-0"},
      {"prefix is not infix", "subscrib*", "they unsubscribed", "none"},
      {"suffix", "*n't", "we didn't know", "1-1"},
      {"suffix needs the ending", "*n't", "we did not know", "none"},
      {"suffix with apostrophe", "*'s", "the company's list", "1-1"},
      {"exact is not prefix", "remove", "we removed it", "none"},
      {"phrase over a hyphen", "double opt in", "a double opt-in form", "1-3"},
      {"phrase needs consecutive words", "opt in", "opt now in", "none"},
      {"gap skips words", "bounced ~3 removed", "bounced addresses were removed", "0-3"},
      {"gap of exactly N", "bounced ~3 removed", "bounced a b c removed", "0-4"},
      {"gap exceeded", "bounced ~3 removed", "bounced a b c d removed", "none"},
      {"gap may be empty", "bounced ~3 removed", "bounced removed", "0-1"},
      {"leftmost occurrence", "list", "list and list", "0-0"},
      {"shortest from the leftmost start", "we ~5 removed", "we removed it and removed", "0-1"},
      {"leftmost beats shorter", "a ~3 b", "a x x b a b", "0-3"},
      {"retries a later middle term", "a ~2 b c", "a b x b c", "0-4"},
      {"two gaps", "a ~1 b ~1 c", "a x b x c", "0-4"},
      {"second start after a failed first", "a b", "a x a b", "2-3"},
      {"cue apostrophe normalised", "don\u2019t", "We don't", "1-1"},
      {"text apostrophe normalised", "don't", "We don\u2019t", "1-1"},
      {"numbers are words", "0.4", "a 0.4% rate", "1-1"},
      {"prefix alternatives", "purg*|delet*", "we purged", "1-1"},
      {"fewer tokens than terms", "a b c", "a b", "none"},
      {"no tokens", "a", "", "none"},
      {"accented word", "caf\u00e9", "Le caf\u00e9", "1-1"},
      {"suffix bypasses the first-byte filter", "*ed", "we removed", "1-1"},
      {"a term after the end", "removed list", "we removed", "none"},
      {"gap clamped at the end", "a ~9 b", "a b", "0-1"},
      {"mixed alternatives in one term", "no|not|never ~2 *ed", "we never really checked", "1-3"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.cue);
    CAPTURE(row.text);
    const CuePattern cue = must_compile(row.cue);
    const std::vector<Token> tokens = tokenize(row.text);
    CHECK(render(cue.find(tokens)) == row.expected);
    CHECK(cue.matches(tokens) == (row.expected != "none"));
  }
}

TEST_CASE("find stays within the span it is given") {
  const std::vector<Token> tokens = tokenize("we removed it, but we will remove more");
  const CuePattern cue = must_compile("will remove");
  CHECK(render(cue.find(tokens)) == "5-6");
  CHECK(render(cue.find(std::span(tokens).first(3))) == "none");
  CHECK(render(cue.find(std::span(tokens).subspan(4))) == "1-2");
}

TEST_CASE("a default-constructed pattern matches nothing") {
  const CuePattern cue;
  CHECK_FALSE(cue.matches(tokenize("anything at all")));
}

TEST_CASE("any_matches is true when one cue matches") {
  const std::vector<CuePattern> cues = {must_compile("purged"), must_compile("double opt in")};
  const std::vector<std::pair<std::string, bool>> rows = {
      {"we purged it", true},
      {"a double opt-in form", true},
      {"nothing relevant", false},
      {"", false},
  };
  for (const auto& [text, expected] : rows) {
    CAPTURE(text);
    CHECK(any_matches(cues, tokenize(text)) == expected);
  }
  CHECK_FALSE(any_matches({}, tokenize("we purged it")));
}

TEST_CASE("may_match rejects a cue by the clause signature alone") {
  struct Row {
    std::string what;
    std::string cue;
    std::string text;
    bool expected;
  };
  // Terms of many alternatives ("removed|deleted|purged|...") are tested bit by bit, up to a
  // limit of 64 bits per term; past it a term is never used to rule out a clause.
  auto alternatives = [](int n, const std::string& stem = "w") {
    std::string s = stem + "0";
    for (int i = 1; i < n; ++i) {
      s += "|" + stem + std::to_string(i);
    }
    return s;
  };
  const std::string many_words = alternatives(40);
  const std::string too_many_words = alternatives(200);
  // Three terms of 40 words: more bits than a pattern keeps beside itself, so the last term is
  // tested from the terms themselves.
  const std::string three_long_terms =
      alternatives(40, "a") + " " + alternatives(40, "b") + " " + alternatives(40, "c");
  const std::vector<Row> rows = {
      {"every term present", "removed ~3 list", "we removed the old list", true},
      {"last term absent", "removed ~3 segment", "we removed the old list", false},
      {"first term absent", "purged ~3 list", "we removed the old list", false},
      {"one alternative present", "purged|removed list", "removed list", true},
      {"prefix of two letters", "li*", "the lists", true},
      {"prefix of two letters absent", "xy*", "the lists", false},
      {"one-letter prefix cannot be ruled out", "q*", "the lists", true},
      {"suffix cannot be ruled out", "*zz", "the lists", true},
      {"one-letter word", "a", "a list", true},
      {"empty clause", "list", "", false},
      {"exact word absent, though others share its first letters", "removed",
       "we really regret the result", false},
      {"exact alternatives absent, others sharing their first letters", "removed|deleted",
       "we really determined the delay", false},
      {"prefix finds a word it begins", "remov*", "we removed it", true},
      {"exact and prefix alternatives in one term", "purged|remov*", "removal done", true},
      {"apostrophe word", "don't", "we don't", true},
      {"non-ASCII word", "caf\xC3\xA9", "le caf\xC3\xA9", true},
      {"its last of many alternatives present", many_words + "|purged", "we purged it", true},
      {"none of many alternatives present", many_words, "we purged it", false},
      {"more alternatives than a term lists: never ruled out", too_many_words, "we purged it",
       true},
      {"every one of three long terms present", three_long_terms, "a1 b2 c39", true},
      {"the third of three long terms absent", three_long_terms, "a1 b2 c40", false},
      {"the first of three long terms absent", three_long_terms, "a40 b2 c3", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const CuePattern cue = must_compile(row.cue);
    const std::vector<Token> tokens = tokenize(row.text);
    const WordSignature signature = word_signature(tokens);
    CHECK(cue.may_match(signature) == row.expected);
    if (!row.expected) {
      CHECK_FALSE(cue.find(tokens).has_value()); // a rejection is never wrong
    }
  }
  CHECK_FALSE(CuePattern().may_match(WordSignature::all()));
  CHECK(word_signature({}).bits == WordSignature().bits);
}

TEST_CASE("find is bounded on pathological cues and clauses") {
  struct Row {
    std::string what;
    std::string cue;
    std::string text;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"many gaps over repeated words", "a ~9 a ~9 a ~9 a ~9 a ~9 a ~9 b", repeat("a", 20000),
       "none"},
      {"match at the very end", "a ~9 a ~9 b", repeat("a", 20000) + " b", "19980-20000"},
      {"first term never present", "zebra ~9 b", repeat("a", 200000), "none"},
      {"16 gapped terms", repeat("a ~9", 15) + " b", repeat("a", 5000), "none"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const CuePattern cue = must_compile(row.cue);
    const std::vector<Token> tokens = tokenize(row.text);
    const auto start = std::chrono::steady_clock::now();
    CHECK(render(cue.find(tokens)) == row.expected);
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5.0);
  }
}

namespace {

// Exhaustive reference: the smallest last index of a match of words[t..] with word t at p.
std::optional<std::size_t> reference_rest(const std::vector<std::string>& words,
                                          const std::vector<std::size_t>& gaps, std::size_t t,
                                          const std::vector<Token>& tokens, std::size_t p) {
  if (p >= tokens.size() || tokens[p].word != words[t]) {
    return std::nullopt;
  }
  if (t + 1 == words.size()) {
    return p;
  }
  std::optional<std::size_t> best;
  for (std::size_t q = p + 1; q <= p + 1 + gaps[t + 1]; ++q) {
    const auto last = reference_rest(words, gaps, t + 1, tokens, q);
    if (last && (!best || *last < *best)) {
      best = last;
    }
  }
  return best;
}

} // namespace

TEST_CASE("find agrees with an exhaustive search on random cues and clauses") {
  std::mt19937 random(20260705);
  const std::vector<std::string> alphabet = {"a", "b", "c"};
  for (int round = 0; round < 3000; ++round) {
    const std::size_t terms = 1 + random() % 4;
    std::vector<std::string> words;
    std::vector<std::size_t> gaps = {0};
    std::string source;
    for (std::size_t t = 0; t < terms; ++t) {
      if (t > 0) {
        gaps.push_back(random() % 3 == 0 ? 0 : 1 + random() % 4);
        source += gaps.back() != 0 ? " ~" + std::to_string(gaps.back()) + " " : " ";
      }
      words.push_back(alphabet[random() % alphabet.size()]);
      source += words.back();
    }
    std::string text;
    const std::size_t length = random() % 14;
    for (std::size_t i = 0; i < length; ++i) {
      text += alphabet[random() % alphabet.size()] + " ";
    }
    const std::vector<Token> tokens = tokenize(text);
    std::optional<CuePattern::Span> expected;
    for (std::size_t s = 0; s < tokens.size() && !expected; ++s) {
      if (const auto last = reference_rest(words, gaps, 0, tokens, s)) {
        expected = CuePattern::Span{s, *last};
      }
    }
    CAPTURE(source);
    CAPTURE(text);
    const CuePattern cue = must_compile(source);
    CHECK(render(cue.find(tokens)) == render(expected));
    CHECK(render(cue.find(tokens, word_signature(tokens))) == render(expected));
  }
}
