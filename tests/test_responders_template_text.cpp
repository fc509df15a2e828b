// template_text: the reply-body template language, its load-time checks and plain-text values.
#include "responders/template_text.hpp"
#include "responders/text_wrap.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace appeald::responders;

namespace {

const TemplateSchema schema{
    {"case", "deadline", "empty"},
    {{"missing", {"id", "request"}}, {"planned", {"."}}},
};

TemplateValues sample_values() {
  TemplateValues v;
  v.scalars = {{"case", "C-1001"}, {"deadline", "2026-11-15"}, {"empty", ""}};
  v.lists["missing"] = {{{"id", "cause"}, {"request", "Why?"}},
                        {{"id", "prevention"}, {"request", "How?"}}};
  v.lists["planned"] = {{{".", "opt-in"}}, {{".", "suppression"}}};
  return v;
}

} // namespace

TEST_CASE("templates render placeholders, sections and comments") {
  struct Row {
    std::string what;
    std::string text;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"plain text", "Hello.\n", "Hello.\n"},
      {"scalar", "Case {{case}}.", "Case C-1001."},
      {"spaces inside braces", "Case {{ case }}.", "Case C-1001."},
      {"list with fields", "{{#missing}}<{{id}}={{request}}>{{/missing}}",
       "<cause=Why?><prevention=How?>"},
      {"plain list", "{{#planned}}[{{.}}]{{/planned}}", "[opt-in][suppression]"},
      {"outer scalar inside a list", "{{#planned}}{{case}}:{{.}} {{/planned}}",
       "C-1001:opt-in C-1001:suppression "},
      {"scalar section shown when set", "{{#deadline}}by {{.}}{{/deadline}}", "by 2026-11-15"},
      {"scalar section hidden when empty", "a{{#empty}}X{{/empty}}b", "ab"},
      {"inverted scalar section", "{{^empty}}none{{/empty}}{{^case}}X{{/case}}", "none"},
      {"standalone section lines vanish",
       "Items:\n{{#missing}}\n- {{request}}\n{{/missing}}\nEnd\n", "Items:\n- Why?\n- How?\nEnd\n"},
      {"indented standalone tags vanish too", "A\n  {{#planned}}  \n* {{.}}\n  {{/planned}}\nB",
       "A\n* opt-in\n* suppression\nB"},
      {"comment line vanishes", "{{! note for editors }}\nHi\n", "Hi\n"},
      {"inline comment", "a{{! x }}b", "ab"},
      {"CRLF template gives LF output", "a\r\n{{case}}\r\n", "a\nC-1001\n"},
      {"stray closing braces are text", "a }} b", "a }} b"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto t = TextTemplate::parse(row.text, schema);
    REQUIRE_MESSAGE(t.has_value(), t.error().message);
    CHECK(t->render(sample_values()) == row.expected);
  }
}

TEST_CASE("values are inserted once, as plain text") {
  const auto t = TextTemplate::parse("{{case}}|{{#planned}}{{.}}{{/planned}}", schema);
  REQUIRE(t.has_value());
  TemplateValues v;
  v.scalars["case"] = "{{deadline}}";
  v.scalars["deadline"] = "SECRET";
  v.lists["planned"] = {{{".", "{{#missing}}x{{/missing}}\r\nBcc: a@b"}}};
  CHECK(t->render(v) == "{{deadline}}|{{#missing}}x{{/missing}}\r\nBcc: a@b");
  CHECK(t->render(TemplateValues{}) == "|"); // absent values are empty
}

TEST_CASE("template errors name the line and the problem") {
  struct Row {
    std::string what;
    std::string text;
    std::size_t line;
    std::string message_part;
  };
  const std::vector<Row> rows = {
      {"unknown scalar", "Hi\n\n{{nmae}}\n", 3, "unknown placeholder {{nmae}}"},
      {"unknown section", "{{#nothing}}{{/nothing}}", 1, "unknown placeholder {{#nothing}}"},
      {"field outside its list", "{{request}}", 1, "unknown placeholder {{request}}"},
      {"field of another list", "{{#planned}}{{id}}{{/planned}}", 1, "unknown placeholder {{id}}"},
      {"dot outside a section", "a\n{{.}}", 2, "{{.}} outside"},
      {"dot in a list with fields only", "{{#missing}}{{.}}{{/missing}}", 1, "{{.}} outside"},
      {"unterminated tag", "a\nb {{case\nc", 2, "without a closing"},
      {"tag split over lines", "{{ca\nse}}", 1, "without a closing"},
      {"empty tag", "x {{ }} y", 1, "empty placeholder"},
      {"nameless section", "{{#}}{{/}}", 1, "has no name"},
      {"never closed", "a\n{{#missing}}\nb", 2, "never closed"},
      {"closes nothing", "{{/missing}}", 1, "closes no section"},
      {"mismatched close", "{{#missing}}\n{{/planned}}", 2, "does not close {{#missing}}"},
      {"triple braces", "{{{case}}}", 1, "unknown placeholder"},
      {"nesting too deep",
       [] {
         std::string s;
         for (int i = 0; i < 9; ++i) {
           s += "{{#case}}";
         }
         return s;
       }(),
       1, "nested too deeply"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const auto t = TextTemplate::parse(row.text, schema);
    REQUIRE_FALSE(t.has_value());
    CHECK(t.error().line == row.line);
    CHECK_MESSAGE(t.error().message.find(row.message_part) != std::string::npos, t.error().message);
  }
}

TEST_CASE("wrap_text breaks long lines at spaces with hanging list indents") {
  struct Row {
    std::string what;
    std::string text;
    std::size_t width;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"short lines untouched", "a b c\n\nd\n", 10, "a b c\n\nd\n"},
      {"paragraph", "one two three four five", 10, "one two\nthree four\nfive"},
      {"bullet hangs", "- one two three four", 10, "- one two\n  three\n  four"},
      {"numbered item hangs", "1. one two three", 9, "1. one\n   two\n   three"},
      {"indented text keeps its indent", "  aa bb cc dd", 8, "  aa bb\n  cc dd"},
      {"long word left whole", "x " + std::string(12, 'y') + " z", 8,
       "x\n" + std::string(12, 'y') + "\nz"},
      {"UTF-8 counted as characters", "ää öö üü", 5, "ää öö\nüü"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(wrap_text(row.text, row.width) == row.expected);
  }
}
