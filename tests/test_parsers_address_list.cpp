// address_list: display names, comments, quoted local parts, groups, routes and broken lists.
#include "parsers/address_list.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace appeald::parsers;
using namespace std::string_literals;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>; // {name, address}

} // namespace

namespace doctest {
template <> struct StringMaker<Pairs> {
  static String convert(const Pairs& pairs) {
    std::string s = "[";
    for (const auto& [name, address] : pairs) {
      s += " {\"" + name + "\", \"" + address + "\"}";
    }
    return (s + " ]").c_str();
  }
};
} // namespace doctest

namespace {

struct Row {
  std::string what;
  std::string input;
  Pairs expected;
  const char* warning; // a warning code that must be present, or nullptr for none at all
};

Pairs as_pairs(const std::vector<Mailbox>& list) {
  Pairs out;
  for (const Mailbox& m : list) {
    out.emplace_back(m.name, m.address);
  }
  return out;
}

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    Warnings w;
    CHECK(as_pairs(parse_address_list(row.input, w)) == row.expected);
    if (row.warning != nullptr) {
      CHECK(w.has(row.warning));
    } else {
      CHECK(w.entries() == std::vector<std::string>{});
    }
  }
}

} // namespace

TEST_CASE("parse_address_list reads well-formed lists") {
  check_rows({
      {"bare address", "sam@example.com", {{"", "sam@example.com"}}, nullptr},
      {"angle address", "<sam@example.com>", {{"", "sam@example.com"}}, nullptr},
      {"name and address",
       "Sam Ortiz <sam@example.com>",
       {{"Sam Ortiz", "sam@example.com"}},
       nullptr},
      {"quoted name with comma, address lowercased",
       "\"Ortiz, Sam\" <OPS@Example.COM>",
       {{"Ortiz, Sam", "ops@example.com"}},
       nullptr},
      {"escaped quotes in a quoted name",
       R"("Sam \"The Fixer\" Ortiz" <s@x.org>)",
       {{"Sam \"The Fixer\" Ortiz", "s@x.org"}},
       nullptr},
      {"several mailboxes",
       "a@x.org, B <b@y.org>,\r\n\t\"C\" <c@z.org>",
       {{"", "a@x.org"}, {"B", "b@y.org"}, {"C", "c@z.org"}},
       nullptr},
      {"dots in an unquoted name",
       "John Q. Public <jqp@x.org>",
       {{"John Q. Public", "jqp@x.org"}},
       nullptr},
      {"quoted local part with dots",
       "\"john..doe\"@example.com",
       {{"", "\"john..doe\"@example.com"}},
       nullptr},
      {"quoted local part in angles",
       "J <\"john..doe\"@Example.com>",
       {{"J", "\"john..doe\"@example.com"}},
       nullptr},
      {"needlessly quoted local part unquoted",
       "\"john\"@example.com",
       {{"", "john@example.com"}},
       nullptr},
      {"quoted local part with space and escaped quote",
       R"("a \"b\" c"@x.org)",
       {{"", R"("a \"b\" c"@x.org)"}},
       nullptr},
      {"domain literal", "root@[192.0.2.1]", {{"", "root@[192.0.2.1]"}}, nullptr},
      {"plus and subaddress kept",
       "Ops+Appeals@Example.com",
       {{"", "ops+appeals@example.com"}},
       nullptr},
      {"trailing dot on domain", "a@example.com.", {{"", "a@example.com"}}, nullptr},
      {"raw UTF-8 name", "Jürgen Groß <jg@x.de>", {{"Jürgen Groß", "jg@x.de"}}, nullptr},
      {"raw Latin-1 name", "J\xfcrgen <jg@x.de>", {{"Jürgen", "jg@x.de"}}, nullptr},
  });
}

TEST_CASE("parse_address_list decodes encoded-word names and uses comments") {
  check_rows({
      {"B word name", "=?utf-8?B?w6lsw6h2ZQ==?= <e@x.fr>", {{"élève", "e@x.fr"}}, nullptr},
      {"Q word name",
       "=?ISO-8859-1?Q?Andr=E9?= Durand <a@x.fr>",
       {{"André Durand", "a@x.fr"}},
       nullptr},
      {"adjacent words in name joined",
       "=?utf-8?Q?Andr?= =?utf-8?Q?=C3=A9?= <a@x.fr>",
       {{"André", "a@x.fr"}},
       nullptr},
      {"encoded word inside quotes (common violation)",
       "\"=?utf-8?Q?Andr=C3=A9?=\" <a@x.fr>",
       {{"André", "a@x.fr"}},
       nullptr},
      {"comment after bare address is the name",
       "sam@x.org (Sam Ortiz)",
       {{"Sam Ortiz", "sam@x.org"}},
       nullptr},
      {"comment before bare address", "(Sam) sam@x.org", {{"Sam", "sam@x.org"}}, nullptr},
      {"nested comment", "sam@x.org (Sam (ops))", {{"Sam (ops)", "sam@x.org"}}, nullptr},
      {"comment does not replace a real name",
       "Sam <sam@x.org> (on leave)",
       {{"Sam", "sam@x.org"}},
       nullptr},
      {"comment inside the address ignored", "<sam(work)@x.org>", {{"", "sam@x.org"}}, nullptr},
      {"encoded comment", "a@x.org (=?utf-8?Q?J=C3=BCrgen?=)", {{"Jürgen", "a@x.org"}}, nullptr},
  });
}

TEST_CASE("parse_address_list flattens groups and drops routes") {
  check_rows({
      {"empty group", "undisclosed-recipients:;", {}, nullptr},
      {"empty group with spaces", "undisclosed-recipients: ;", {}, nullptr},
      {"group with members",
       "Team: a@x.org, B <b@y.org>;",
       {{"", "a@x.org"}, {"B", "b@y.org"}},
       nullptr},
      {"group then mailbox", "Team: a@x.org; c@z.org", {{"", "a@x.org"}, {"", "c@z.org"}}, nullptr},
      {"mailbox then group",
       "c@z.org, Team: a@x.org;",
       {{"", "c@z.org"}, {"", "a@x.org"}},
       nullptr},
      {"group without closing ;",
       "Team: a@x.org, b@y.org",
       {{"", "a@x.org"}, {"", "b@y.org"}},
       nullptr},
      {"obsolete route", "<@route.example:a@x.org>", {{"", "a@x.org"}}, nullptr},
      {"obsolete route list with name",
       "Sam <@r1.example,@r2.example:sam@x.org>",
       {{"Sam", "sam@x.org"}},
       nullptr},
  });
}

TEST_CASE("parse_address_list tolerates broken lists") {
  check_rows({
      {"unquoted comma in display name",
       "Ortiz, Sam <ops@example.com>",
       {{"Ortiz, Sam", "ops@example.com"}},
       nullptr},
      {"two unquoted commas",
       "Ortiz, Sam, Jr. <ops@example.com>, b@y.org",
       {{"Ortiz, Sam, Jr.", "ops@example.com"}, {"", "b@y.org"}},
       nullptr},
      {"missing angle brackets", "Sam Ortiz sam@x.org", {{"Sam Ortiz", "sam@x.org"}}, nullptr},
      {"spaces around @", "sam @ x.org", {{"", "sam@x.org"}}, nullptr},
      {"unclosed angle", "Sam <sam@x.org", {{"Sam", "sam@x.org"}}, "address-malformed"},
      {"unclosed angle before comma",
       "Sam <sam@x.org, b@y.org",
       {{"Sam", "sam@x.org"}, {"", "b@y.org"}},
       "address-malformed"},
      {"double angles", "<<sam@x.org>>", {{"", "sam@x.org"}}, "address-malformed"},
      {"unbalanced quote", "\"Sam <sam@x.org>", {{"Sam", "sam@x.org"}}, nullptr},
      {"unbalanced quote later in the list",
       "a@x.org, \"B <b@y.org>, c@z.org",
       {{"", "a@x.org"}, {"B", "b@y.org"}, {"", "c@z.org"}},
       nullptr},
      {"unbalanced comment", "sam@x.org (Sam", {{"", "sam@x.org"}}, nullptr},
      {"trailing junk after >",
       "Sam <sam@x.org> junk",
       {{"Sam", "sam@x.org"}},
       "address-malformed"},
      {"empty members", ",, a@x.org ,,", {{"", "a@x.org"}}, nullptr},
      {"name without address dropped", "Just A Name", {}, "address-malformed"},
      {"unusable bare address dropped",
       "@x.org, a@, b@y.org",
       {{"", "b@y.org"}},
       "address-malformed"},
      {"unusable angle address keeps the name",
       "Sam <not-an-address>",
       {{"Sam", ""}},
       "address-malformed"},
      {"empty angle dropped", "<>", {}, "address-malformed"},
      {"@ in an unquoted name", "sam@x.org <sam@x.org>", {{"sam@x.org", "sam@x.org"}}, nullptr},
      {"NUL and control bytes are separators",
       "a@x.org,\0\x01 b@y.org"s,
       {{"", "a@x.org"}, {"", "b@y.org"}},
       nullptr},
      {"stray closing characters", "a@x.org) ] >", {{"", "a@x.org"}}, "address-malformed"},
      {"backslash ending an unterminated comment", "a@x.org (\\", {{"", "a@x.org"}}, nullptr},
      {"backslash ending an unterminated quote",
       "a@x.org, \"\\",
       {{"", "a@x.org"}},
       "address-malformed"},
      {"empty input", "", {}, nullptr},
  });
}

TEST_CASE("parse_first_mailbox") {
  Warnings w;
  const Mailbox m = parse_first_mailbox("Ortiz, Sam <OPS@Example.COM>, b@y.org", w);
  CHECK(m.name == "Ortiz, Sam");
  CHECK(m.address == "ops@example.com");
  const Mailbox none = parse_first_mailbox("undisclosed-recipients:;", w);
  CHECK(none.name.empty());
  CHECK(none.address.empty());
}

TEST_CASE("parse_address_list is bounded and linear on hostile input") {
  Warnings w;
  std::string many;
  for (int i = 0; i < 5000; ++i) {
    many += "a" + std::to_string(i) + "@x.org, ";
  }
  const std::vector<Mailbox> list = parse_address_list(many, w);
  CHECK(list.size() == max_mailboxes);
  CHECK(w.has("address-too-many"));

  std::string quotes(1 << 20, '"');
  CHECK(parse_address_list(quotes, w).empty());
  std::string parens(1 << 20, '(');
  CHECK(parse_address_list(parens, w).empty());
  std::string words;
  for (int i = 0; i < 200000; ++i) {
    words += "w, ";
  }
  CHECK(parse_address_list(words + "<a@x.org>", w).size() == 1);
  std::string angles(1 << 20, '<');
  CHECK(parse_address_list(angles, w).empty());
  std::string junk(1 << 20, '\xff');
  CHECK(parse_address_list(junk + "@x", w).size() == 1);
}
