// message_ids: Message-ID, In-Reply-To and References as real clients write them.
#include "parsers/message_ids.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace appeald::parsers;
using namespace std::string_literals;

namespace {

using Ids = std::vector<std::string>;

struct ListRow {
  std::string what;
  std::string input;
  Ids expected;
};

struct OneRow {
  std::string what;
  std::string input;
  std::optional<std::string> expected;
};

} // namespace

TEST_CASE("parse_message_id_list finds every id and skips junk") {
  const std::vector<ListRow> rows = {
      {"one id", "<a@x.org>", {"<a@x.org>"}},
      {"References folded with tabs",
       "<a@x.org>\r\n\t<b@x.org>\r\n <c@x.org>",
       {"<a@x.org>", "<b@x.org>", "<c@x.org>"}},
      {"ids without separators", "<a@x.org><b@x.org>", {"<a@x.org>", "<b@x.org>"}},
      {"id split over folding",
       "<CAF+abc123@\r\n mail.gmail.com> <b@x.org>",
       {"<CAF+abc123@mail.gmail.com>", "<b@x.org>"}},
      {"comments between ids",
       "<a@x.org> (first) <b@x.org> (with <fake@x.org> inside)",
       {"<a@x.org>", "<b@x.org>"}},
      {"quoted attribution (old clients)",
       "Sam's message of \"Mon, 2 Nov 2026 <not@an.id>\" <a@x.org>",
       {"<a@x.org>"}},
      {"phrase junk between ids",
       "<a@x.org> junk text <b@x.org> more junk",
       {"<a@x.org>", "<b@x.org>"}},
      {"duplicates removed, first kept",
       "<a@x.org> <b@x.org> <a@x.org>",
       {"<a@x.org>", "<b@x.org>"}},
      {"case preserved", "<ABC@X.org>", {"<ABC@X.org>"}},
      {"id without @ skipped", "<1234.5678> <not an id> <a@x.org>", {"<a@x.org>"}},
      {"empty id skipped", "<> <a@x.org>", {"<a@x.org>"}},
      {"whitespace-only id skipped", "< > <a@x.org>", {"<a@x.org>"}},
      {"< without > before the next <", "<broken <a@x.org>", {"<a@x.org>"}},
      {"unterminated last id", "<a@x.org> <b@x", {"<a@x.org>"}},
      {"stray >", "> <a@x.org> >", {"<a@x.org>"}},
      {"unbalanced quote ignored", "\"oops <a@x.org>", {"<a@x.org>"}},
      {"unbalanced comment ignored", "(oops <a@x.org>", {"<a@x.org>"}},
      {"control character makes the id unusable", "<a\x01@x.org> <b@x.org>", {"<b@x.org>"}},
      {"NUL inside an id", "<a\0@x.org> <b@x.org>"s, {"<b@x.org>"}},
      {"quotes inside an id are part of it", "<\"odd id\"@x.org>", {"<\"oddid\"@x.org>"}},
      {"backslash ending an unterminated comment", "<a@x.org> (\\", {"<a@x.org>"}},
      {"old client References with prose, empty and duplicate ids",
       "<a@x.org> \"Sam\" wrote\t<not an id> <>  <b@x.org> (note <c@x.org>) <a@x.org> <bad "
       "id@x.org>",
       {"<a@x.org>", "<b@x.org>", "<badid@x.org>"}},
      {"nothing", "no ids here", {}},
      {"empty", "", {}},
  };
  for (const ListRow& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    CHECK(parse_message_id_list(row.input) == row.expected);
  }
}

TEST_CASE("parse_message_id takes the first id or a bare one") {
  const std::vector<OneRow> rows = {
      {"bracketed", "<a@x.org>", "<a@x.org>"},
      {"padded and commented", "  (id) <a@x.org> (more) ", "<a@x.org>"},
      {"first of several", "<a@x.org> <b@x.org>", "<a@x.org>"},
      {"bare id bracketed", "a@x.org", "<a@x.org>"},
      {"bare id with trailing comment", "a@x.org (generated)", "<a@x.org>"},
      {"bare text without @", "localhost", std::nullopt},
      {"bare with spaces", "a @x.org", std::nullopt},
      {"empty", "", std::nullopt},
      {"empty brackets", "<>", std::nullopt},
      {"overlong id", "<" + std::string(2000, 'a') + "@x.org>", std::nullopt},
  };
  for (const OneRow& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    CHECK(parse_message_id(row.input) == row.expected);
  }
}

TEST_CASE("parse_message_id_list keeps the root and the nearest ancestors") {
  std::string refs;
  for (int i = 0; i < 500; ++i) {
    refs += "<id" + std::to_string(i) + "@x.org> ";
  }
  const Ids ids = parse_message_id_list(refs);
  REQUIRE(ids.size() == max_message_ids);
  CHECK(ids.front() == "<id0@x.org>");
  CHECK(ids[1] == "<id301@x.org>");
  CHECK(ids.back() == "<id499@x.org>");
}

TEST_CASE("parse_message_id_list stays linear on hostile input") {
  CHECK(parse_message_id_list(std::string(1 << 20, '<')).empty());
  CHECK(parse_message_id_list(std::string(1 << 20, '(')).empty());
  CHECK(parse_message_id_list(std::string(1 << 20, '"') + "<a@x>") == Ids{"<a@x>"});
  std::string tiny;
  for (int i = 0; i < 100000; ++i) {
    tiny += "<" + std::to_string(i) + "@x>";
  }
  CHECK(parse_message_id_list(tiny).size() == max_message_ids);
  CHECK(parse_message_id(std::string(1 << 20, 'a') + "@x") == std::nullopt);
}
