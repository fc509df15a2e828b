// text_tokens: words as the cue matcher sees them, with offsets back into the original text.
#include "appeals/text_tokens.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace appeald::appeals;
using namespace std::string_literals;

namespace {

struct Row {
  std::string what;
  std::string input;
  std::string expected; // words joined by ' ', each followed by "^p" when punct_after is p
};

std::string render(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    out += (out.empty() ? "" : " ") + t.word;
    if (t.punct_after != 0) {
      out += "^"s + t.punct_after;
    }
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("tokenize: words, normalisation and clause punctuation") {
  const std::vector<Row> rows = {
      {"ASCII is lowercased", "We PURGED the Segment", "we purged the segment"},
      {"apostrophe inside a word stays", "We don't know, we've checked",
       "we don't know^, we've checked"},
      {"right single quote becomes '", "don\u2019t", "don't"},
      {"left single quote becomes '", "rock\u2018n roll", "rock'n roll"},
      {"modifier apostrophe becomes '", "don\u02BCt", "don't"},
      {"quotes around words are dropped", "'quoted' customers' list", "quoted customers list"},
      {"typographic single quotes around a word", "the \u2018old\u2019 list", "the old list"},
      {"hyphen splits without punctuation", "opt-in re-confirmed", "opt in re confirmed"},
      {"unicode hyphens split too", "opt\u2010in opt\u2011out", "opt in opt out"},
      {"en dash between words splits", "opt\u2013in", "opt in"},
      {"en dash range is no separator", "2019\u20132020", "2019 2020"},
      {"spaced hyphen is a separator dash", "the list - bought in May", "the list^- bought in may"},
      {"spaced en dash is a separator dash", "the list \u2013 bought", "the list^- bought"},
      {"double hyphen spaced", "the list -- bought", "the list^- bought"},
      {"em dash without spaces", "the list\u2014bought", "the list^- bought"},
      {"horizontal bar like em dash", "list\u2015bought", "list^- bought"},
      {"hyphen after space only is no dash", "list -bought", "list bought"},
      {"trailing spaced dash", "the list -", "the list^-"},
      {"decimal number stays whole", "a 0.4% rate", "a 0.4 rate"},
      {"thousands separator stays", "10,000 addresses", "10,000 addresses"},
      {"time stays whole", "at 10:00.", "at 10:00^."},
      {"version stays whole", "v1.2.3 shipped", "v1.2.3 shipped"},
      {"number then full stop", "version 2. Then", "version 2^. then"},
      {"comma after number then space", "2, 3", "2^, 3"},
      {"URL dots and slashes are no punctuation", "see example.com/signup now",
       "see example com signup now"},
      {"scheme colon glued to slashes", "https://x.org/a", "https x org a"},
      {"abbreviation: only the last dot counts", "e.g. the form", "e g^. the form"},
      {"glued colon is no punctuation", "Re:subject", "re subject"},
      {"spaced colon is punctuation", "Cause: old list", "cause^: old list"},
      {"sentence end before closing paren", "done.) Then", "done^. then"},
      {"comma beats paren", "list), and", "list^, and"},
      {"parens", "a (b) c", "a^( b^) c"},
      {"semicolon beats comma", "a, ; b", "a^; b"},
      {"first of equals wins", "Really?! Yes", "really^? yes"},
      {"exclamation at end", "done!", "done^!"},
      {"ellipsis character ends a clause", "we thought\u2026 then", "we thought^. then"},
      {"three dots", "wait... what", "wait^. what"},
      {"accented words stay whole", "Caf\u00e9 na\u00efve r\u00e9sum\u00e9",
       "caf\u00e9 na\u00efve r\u00e9sum\u00e9"},
      {"non-ASCII letters keep their case", "M\u00dcLLER", "m\u00dcller"},
      {"CJK is a word", "\u4e2d\u6587 ok", "\u4e2d\u6587 ok"},
      {"double quotes separate", "\u201cquoted\u201d \u00abguillemets\u00bb", "quoted guillemets"},
      {"low quotes separate", "\u201equoted\u201c", "quoted"},
      {"non-breaking space separates", "a\u00a0b", "a b"},
      {"narrow no-break space separates", "3:00\u202fPM", "3:00 pm"},
      {"zero width space separates", "a\u200bb", "a b"},
      {"bullet separates", "\u2022 one", "one"},
      {"invalid byte kept inside a word",
       "ab\xFF"
       "cd",
       "ab\xFF"
       "cd"},
      {"truncated sequence kept", "ab\xE2\x80", "ab\xE2\x80"},
      {"lone continuation byte is a word", "\x80", "\x80"},
      {"overlong lead byte is a word", "\xC0\xAF", "\xC0\xAF"},
      {"NUL separates", "a\0b"s, "a b"},
      {"CRLF separates", "a\r\nb", "a b"},
      {"case id splits at hyphen", "C-1001", "c 1001"},
      {"apostrophe after digit", "the 90's", "the 90's"},
      {"leading hyphen dropped", "- removed", "removed"},
      {"only punctuation", "...!?,;", ""},
      {"empty", "", ""},
      {"only spaces", " \t\n ", ""},
      {"apostrophe alone", "'", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    CHECK(render(tokenize(row.input)) == row.expected);
  }
}

TEST_CASE("tokenize: offsets cut the original words out of the text") {
  struct OffsetRow {
    std::string what;
    std::string input;
    std::vector<std::string> expected; // text.substr(begin, end - begin) per token
  };
  const std::vector<OffsetRow> rows = {
      {"plain", "We purged it", {"We", "purged", "it"}},
      {"curly apostrophe kept as written",
       "  Don\u2019t  stop\u2014now",
       {"Don\u2019t", "stop", "now"}},
      {"accented", "d\u00e9j\u00e0 vu", {"d\u00e9j\u00e0", "vu"}},
      {"number", "at 10:00.", {"at", "10:00"}},
      {"quotes outside", "\u201cYes\u201d", {"Yes"}},
      {"invalid bytes", "\xFF\xFE x", {"\xFF\xFE", "x"}},
  };
  for (const OffsetRow& row : rows) {
    CAPTURE(row.what);
    const std::vector<Token> tokens = tokenize(row.input);
    std::vector<std::string> cut;
    std::size_t previous_end = 0;
    for (const Token& t : tokens) {
      CHECK(t.begin >= previous_end);
      CHECK(t.begin < t.end);
      CHECK(t.end <= row.input.size());
      previous_end = t.end;
      cut.push_back(row.input.substr(t.begin, t.end - t.begin));
    }
    CHECK(cut == row.expected);
  }
}

TEST_CASE("has_word agrees with tokenize") {
  const std::vector<std::pair<std::string, bool>> rows = {
      {"", false},      {"...", false}, {"\u2014 \u2026", false}, {"' \u2019", false}, {"a", true},
      {" - 7 -", true}, {"\xFF", true}, {"\u00a0\u00a0", false},  {"caf\u00e9", true},
  };
  for (const auto& [input, expected] : rows) {
    CAPTURE(input);
    CHECK(has_word(input) == expected);
    CHECK(has_word(input) == !tokenize(input).empty());
  }
}

TEST_CASE("tokenize: hostile inputs finish quickly") {
  struct HostileRow {
    std::string what;
    std::string input;
    std::size_t tokens;
  };
  const std::size_t mb = 1024 * 1024;
  std::string spaced;
  for (std::size_t i = 0; i < mb / 2; ++i) {
    spaced += "a ";
  }
  std::string digits;
  for (std::size_t i = 0; i < mb / 2; ++i) {
    digits += "1.";
  }
  std::string bytes;
  for (std::size_t i = 0; i < mb; ++i) {
    bytes += static_cast<char>(0x80 + (i * 7) % 128);
  }
  const std::vector<HostileRow> rows = {
      {"1 MB single word", std::string(mb, 'a'), 1},
      {"half a million words", spaced, mb / 2},
      {"1 MB of dashes", std::string(mb, '-'), 0},
      {"1 MB of apostrophes", std::string(mb, '\''), 0},
      {"1 MB dotted number", digits, 1},
      {"1 MB of continuation bytes", bytes, 1},
  };
  for (const HostileRow& row : rows) {
    CAPTURE(row.what);
    const auto start = std::chrono::steady_clock::now();
    CHECK(tokenize(row.input).size() == row.tokens);
    CHECK(seconds_since(start) < 5.0);
  }
}
