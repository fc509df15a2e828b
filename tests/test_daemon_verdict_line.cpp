// The dry-run's direct line writer gives exactly the bytes of the JSON-tree path, for every
// message of the evaluation mailbox and for strings with every character JSON must escape, and
// falls back to that path for bytes that are not UTF-8.
#include "config/cases_file.hpp"
#include "config/rubric_loader.hpp"
#include "config/templates_loader.hpp"
#include "daemon/message_json.hpp"
#include "daemon/verdict_json.hpp"
#include "daemon/verdict_line.hpp"
#include "parsers/mailbox_reader.hpp"
#include "parsers/message_parser.hpp"
#include "responders/reply_composer.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace appeald;

namespace {

std::string tree_line(const parsers::Message& m, const appeals::Verdict& v,
                      const std::optional<responders::OutgoingMail>& reply,
                      const std::string& origin) {
  return daemon::dump_json(daemon::verdict_to_json(m, v, reply, origin));
}

std::string direct_line(const parsers::Message& m, const appeals::Verdict& v,
                        const std::optional<responders::OutgoingMail>& reply,
                        const std::string& origin) {
  std::string out = "kept|"; // appending must keep what was there
  daemon::append_verdict_line(out, m, v, reply, origin);
  REQUIRE(out.starts_with("kept|"));
  return out.substr(5);
}

} // namespace

TEST_CASE("every line of the evaluation mailbox is byte for byte the JSON tree's") {
  const auto rubric = config::load_rubric(config::default_rubric_path());
  REQUIRE(rubric.has_value());
  const auto templates = config::load_templates(config::default_templates_dir());
  REQUIRE(templates.has_value());
  const auto cases = config::load_cases(test::data_dir() / "eval/cases.jsonl");
  REQUIRE(cases.has_value());
  appeals::AppealDesk desk(appeals::CaseBook(*cases), *rubric);
  const responders::ReplySettings settings;

  auto reader = parsers::open_mailbox((test::data_dir() / "eval/mailbox.mbox").string(), 1 << 24);
  REQUIRE(reader.has_value());
  int lines = 0;
  while (auto raw = (*reader)->next()) {
    const parsers::Message m = parsers::parse_message(raw->bytes, {});
    const appeals::Verdict v = desk.judge(m);
    std::optional<responders::OutgoingMail> reply;
    if (v.match.matched != nullptr) {
      reply = responders::compose_reply(m, *v.match.matched, v.decision, v.missing_elements,
                                        v.planned, *templates, settings,
                                        m.date.value_or(v.match.matched->sent_at));
    }
    CAPTURE(lines);
    CHECK(direct_line(m, v, reply, raw->origin) == tree_line(m, v, reply, raw->origin));
    ++lines;
  }
  CHECK(lines == 60);
}

TEST_CASE("escapes and non-UTF-8 bytes come out as the JSON tree writes them") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"quotes and backslashes", "say \"hi\" \\ back\\slash"},
      {"short escapes", "a\bb\fc\nd\re\tf"},
      {"other controls and DEL", std::string("nul\0x\x01\x1f\x7f", 9)},
      {"multi-byte UTF-8", "Müller – 東京 – \xF0\x9F\x98\x80"},
      {"a lone continuation byte", "bad \x80 byte"},
      {"an overlong encoding", "over \xC0\xAF long"},
      {"a surrogate", "sur \xED\xA0\x80 rogate"},
      {"a sequence cut at the end", "cut \xE2\x82"},
      {"above U+10FFFF", "big \xF4\x90\x80\x80"},
  };
  for (const auto& [what, text] : rows) {
    CAPTURE(what);
    parsers::Message m;
    m.message_id = "<" + text + "@x>";
    m.from.address = text;
    appeals::Verdict v;
    v.decision.reason = text;
    v.decision.missing = {text};
    v.found["cause"] = {text, "plain"};
    v.planned = {text};
    responders::OutgoingMail reply;
    reply.subject = text;
    reply.body = text;
    reply.message_id = "<r@x>";
    parsers::Mailbox to;
    to.address = text;
    reply.to = {to};
    CHECK(direct_line(m, v, reply, text) == tree_line(m, v, reply, text));
    CHECK(direct_line(m, v, std::nullopt, "o") == tree_line(m, v, std::nullopt, "o"));
  }
}

TEST_CASE("flags come out in the same order from both writers, whichever are set") {
  // sender_differs, sender_unauthenticated, truncated, parse_warnings: every combination.
  for (unsigned set = 0; set < 16; ++set) {
    CAPTURE(set);
    parsers::Message m;
    m.message_id = "<m@x>";
    m.truncated = (set & 4U) != 0;
    if ((set & 8U) != 0) {
      m.warnings.add("bad-charset");
    }
    appeals::Verdict v;
    v.match.sender_differs = (set & 1U) != 0;
    v.match.sender_unauthenticated = (set & 2U) != 0;
    const std::string line = direct_line(m, v, std::nullopt, "o");
    CHECK(line == tree_line(m, v, std::nullopt, "o"));
    std::string expected;
    for (const auto& [bit, name] :
         {std::pair{1U, "\"sender_differs\""}, std::pair{2U, "\"sender_unauthenticated\""},
          std::pair{4U, "\"truncated\""}, std::pair{8U, "\"parse_warnings\""}}) {
      if ((set & bit) != 0) {
        expected += (expected.empty() ? "" : ",") + std::string(name);
      }
    }
    CHECK(line.ends_with("\"flags\":[" + expected + "]}"));
  }
}
