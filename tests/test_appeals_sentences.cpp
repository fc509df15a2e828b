// sentences: replies as customers type them, cut into the sentences the assessor judges.
#include "appeals/sentences.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace appeald::appeals;

namespace {

struct Row {
  std::string what;
  std::string input;
  std::vector<std::string> expected; // "label|item_number|paragraph|text" per sentence
};

std::vector<std::string> render(const std::vector<Sentence>& sentences) {
  std::vector<std::string> out;
  for (const Sentence& s : sentences) {
    out.push_back(s.label + "|" + std::to_string(s.item_number) + "|" +
                  std::to_string(s.paragraph) + "|" + s.text);
  }
  return out;
}

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    CHECK(render(split_sentences(row.input)) == row.expected);
  }
}

} // namespace

TEST_CASE("sentence ends") {
  check_rows({
      {"one sentence", "We deleted the old segment.", {"|0|0|We deleted the old segment."}},
      {"no final stop", "We deleted the old segment", {"|0|0|We deleted the old segment"}},
      {"two sentences",
       "We deleted the segment. Then we paused sends.",
       {"|0|0|We deleted the segment.", "|0|0|Then we paused sends."}},
      {"lowercase after a stop does not split",
       "We fixed it. then we left.",
       {"|0|0|We fixed it. then we left."}},
      {"question and exclamation",
       "Did it work? Yes! It did.",
       {"|0|0|Did it work?", "|0|0|Yes!", "|0|0|It did."}},
      {"repeated marks", "Really?! Yes.", {"|0|0|Really?!", "|0|0|Yes."}},
      {"closing quote stays with the sentence",
       "Her reply was \"stop.\" Then we stopped.",
       {"|0|0|Her reply was \"stop.\"", "|0|0|Then we stopped."}},
      {"closing paren stays with the sentence",
       "(We paused sends.) Then we checked.",
       {"|0|0|(We paused sends.)", "|0|0|Then we checked."}},
      {"opening quote starts a sentence",
       "We wrote back. \"Thanks\" came next.",
       {"|0|0|We wrote back.", "|0|0|\"Thanks\" came next."}},
      {"typographic opening quote",
       "We wrote back. \u201cThanks\u201d came next.",
       {"|0|0|We wrote back.", "|0|0|\u201cThanks\u201d came next."}},
      {"digit starts a sentence",
       "We dropped 300 addresses. 120 were bounces.",
       {"|0|0|We dropped 300 addresses.", "|0|0|120 were bounces."}},
      {"Latin-1 capital starts a sentence",
       "Wir haben sie gel\u00f6scht. \u00dcber alles.",
       {"|0|0|Wir haben sie gel\u00f6scht.", "|0|0|\u00dcber alles."}},
      {"three dots", "We waited... Then it ran.", {"|0|0|We waited...", "|0|0|Then it ran."}},
      {"ellipsis character",
       "We waited\u2026 Then it ran.",
       {"|0|0|We waited\u2026", "|0|0|Then it ran."}},
      {"e.g. is no end",
       "We use tools, e.g. Mailer and Sender. The rest stays.",
       {"|0|0|We use tools, e.g. Mailer and Sender.", "|0|0|The rest stays."}},
      {"i.e. is no end",
       "One list, i.e. The Old One, is gone.",
       {"|0|0|One list, i.e. The Old One, is gone."}},
      {"etc. is no end (documented)",
       "Forms, imports etc. Then the list.",
       {"|0|0|Forms, imports etc. Then the list."}},
      {"month abbreviation before a day",
       "Since Dec. 12 the form is live. Good.",
       {"|0|0|Since Dec. 12 the form is live.", "|0|0|Good."}},
      {"initial",
       "Ask J. Doe about it. She knows.",
       {"|0|0|Ask J. Doe about it.", "|0|0|She knows."}},
      {"title",
       "Mr. Lee approved it. Dr. Ray too.",
       {"|0|0|Mr. Lee approved it.", "|0|0|Dr. Ray too."}},
      {"company suffix",
       "We are Acme Inc. Based in Oslo.",
       {"|0|0|We are Acme Inc. Based in Oslo."}},
      {"No. before a number", "Ticket No. 5 is closed.", {"|0|0|Ticket No. 5 is closed."}},
      {"No. as an answer",
       "No. We never bought lists.",
       {"|0|0|No.", "|0|0|We never bought lists."}},
      {"decimals",
       "The rate is 0.4% now. It was 2.5% before.",
       {"|0|0|The rate is 0.4% now.", "|0|0|It was 2.5% before."}},
      {"URL",
       "Sign up at example.com/signup. It confirms.",
       {"|0|0|Sign up at example.com/signup.", "|0|0|It confirms."}},
      {"time",
       "At 10:00 the job ran. It stopped.",
       {"|0|0|At 10:00 the job ran.", "|0|0|It stopped."}},
      {"long word before a stop",
       "Supercalifragilistic. Next.",
       {"|0|0|Supercalifragilistic.", "|0|0|Next."}},
      {"stop at the very end with space", "Done. ", {"|0|0|Done."}},
  });
}

TEST_CASE("lines, paragraphs and list items") {
  check_rows({
      {"wrapped lines are joined",
       "We deleted the\nsegment and paused\nall sends.",
       {"|0|0|We deleted the segment and paused all sends."}},
      {"blank line ends a paragraph",
       "First part.\n\nSecond part.",
       {"|0|0|First part.", "|0|1|Second part."}},
      {"whitespace-only line is blank", "First.\n \t \nSecond.", {"|0|0|First.", "|0|1|Second."}},
      {"CRLF", "One.\r\nTwo.\r\n\r\nThree.", {"|0|0|One.", "|0|0|Two.", "|0|1|Three."}},
      {"tabs and non-breaking spaces collapse",
       "We\tremoved\u00a0the  list.\u00a0",
       {"|0|0|We removed the list."}},
      {"bullets without stops",
       "- removed the list\n- added a form",
       {"|0|0|removed the list", "|0|1|added a form"}},
      {"bullet kinds",
       "* a thing\n\u2022 another\n\u2013 a third",
       {"|0|0|a thing", "|0|1|another", "|0|2|a third"}},
      {"numbered items",
       "1. First item.\n2) Second item.\n(3) Third item.",
       {"|1|0|First item.", "|2|1|Second item.", "|3|2|Third item."}},
      {"letter items carry no number", "a) first\n(b) second", {"|0|0|first", "|0|1|second"}},
      {"two-digit number", "12. Twelfth", {"|12|0|Twelfth"}},
      {"continuation lines join the item",
       "1. The import ran\n   twice on Monday.\n2. We purged\nthe list.",
       {"|1|0|The import ran twice on Monday.", "|2|1|We purged the list."}},
      {"item with two sentences",
       "- We purged it. It is gone.",
       {"|0|0|We purged it.", "|0|0|It is gone."}},
      {"a paragraph after a list",
       "- one\n- two\n\nThanks.",
       {"|0|0|one", "|0|1|two", "|0|2|Thanks."}},
      {"year at a line start is no marker",
       "We started in\n2019. Then it grew.",
       {"|0|0|We started in 2019.", "|0|0|Then it grew."}},
      {"three digits are no marker", "100. That many.", {"|0|0|100.", "|0|0|That many."}},
      {"decimal is no marker", "1.5% bounced.", {"|0|0|1.5% bounced."}},
      {"time at a line start", "10:00 the job ran", {"|0|0|10:00 the job ran"}},
      {"hyphen glued to a word is no bullet", "-5 degrees", {"|0|0|-5 degrees"}},
      {"capital letter with a stop is no marker", "A. Smith signed.", {"|0|0|A. Smith signed."}},
      {"empty items are dropped", "-\n- real\n*", {"|0|0|real"}},
      {"heading without colon is joined",
       "Root cause\nThe list was old.",
       {"|0|0|Root cause The list was old."}},
      {"separator lines are dropped",
       "Hello.\n\n----\n\n* * *\n\nBye.",
       {"|0|0|Hello.", "|0|1|Bye."}},
  });
}

TEST_CASE("lead-in labels") {
  check_rows({
      {"inline label", "Cause: an old import ran twice.", {"Cause|0|0|an old import ran twice."}},
      {"label covers every sentence of its paragraph",
       "Cause: an import ran. It mailed all.",
       {"Cause|0|0|an import ran.", "Cause|0|0|It mailed all."}},
      {"label line followed by text lines",
       "Why it won't happen again:\nBecause the form now confirms\nevery address.",
       {"Why it won't happen again|0|0|Because the form now confirms every address."}},
      {"question label with curly apostrophe",
       "Why it won\u2019t recur: the form checks.",
       {"Why it won\u2019t recur|0|0|the form checks."}},
      {"label-only paragraph labels the next",
       "Root cause:\n\nAn import ran twice.\n\nThanks.",
       {"Root cause|0|0|An import ran twice.", "|0|1|Thanks."}},
      {"label-only line labels the list",
       "Changes made:\n- Removed the list\n- Added confirmation\n\nRegards, Kim",
       {"Changes made|0|0|Removed the list", "Changes made|0|1|Added confirmation",
        "|0|2|Regards, Kim"}},
      {"label over a list spaced by blank lines",
       "Changes:\n\n1. Purged the list.\n\n2. Added a form.\n\nThanks for checking.",
       {"Changes|1|0|Purged the list.", "Changes|2|1|Added a form.", "|0|2|Thanks for checking."}},
      {"items keep their own labels",
       "Steps:\n- Done: the script is gone\n- more checks",
       {"Done|0|0|the script is gone", "Steps|0|1|more checks"}},
      {"numbered answers with labels",
       "1. Cause: a stale list.\n2. Changes: we purged it.",
       {"Cause|1|0|a stale list.", "Changes|2|1|we purged it."}},
      {"label-only item passes label and number",
       "1. Cause:\n\nA stale list.",
       {"Cause|1|0|A stale list."}},
      {"number-only item passes its number", "2.\n\nWe purged it.", {"|2|0|We purged it."}},
      {"last label-only paragraph yields nothing", "Thanks.\n\nCause:", {"|0|0|Thanks."}},
      {"Re is a label", "Re: your notice", {"Re|0|0|your notice"}},
      {"Note is a label", "Note: the list is gone.", {"Note|0|0|the list is gone."}},
      {"lowercase label", "cause: old list", {"cause|0|0|old list"}},
      {"label with a dated group",
       "Update (Nov 5): the form is live.",
       {"Update (Nov 5)|0|0|the form is live."}},
      {"label with slash and ampersand",
       "Fix & follow-up/plan: done",
       {"Fix & follow-up/plan|0|0|done"}},
      {"five words", "Our root cause in short: x", {"Our root cause in short|0|0|x"}},
      {"six words are no label",
       "The thing we did back then: x",
       {"|0|0|The thing we did back then: x"}},
      {"pronoun subject is no label",
       "We changed this: the form now confirms.",
       {"|0|0|We changed this: the form now confirms."}},
      {"contracted pronoun is no label",
       "We've fixed it: all good.",
       {"|0|0|We've fixed it: all good."}},
      {"determiner is no label",
       "This week: the form goes live.",
       {"|0|0|This week: the form goes live."}},
      {"time word is no label",
       "Next week: the form goes live.",
       {"|0|0|Next week: the form goes live."}},
      {"negation is no label", "Not yet: the new form.", {"|0|0|Not yet: the new form."}},
      {"plan word is no label", "- Planned: a new form", {"|0|0|Planned: a new form"}},
      {"answer is no label",
       "Yes: every mail is requested.",
       {"|0|0|Yes: every mail is requested."}},
      {"No is no label", "No: we never buy lists.", {"|0|0|No: we never buy lists."}},
      {"connective is no label", "So basically: we fixed it.", {"|0|0|So basically: we fixed it."}},
      {"digits outside parens", "Step 1: purge", {"|0|0|Step 1: purge"}},
      {"URL is no label",
       "https://example.com/signup is the form.",
       {"|0|0|https://example.com/signup is the form."}},
      {"colon needs a space after", "Cause:old list", {"|0|0|Cause:old list"}},
      {"a topic phrase is a label",
       "In short the cause: old list",
       {"In short the cause|0|0|old list"}},
      {"label only at the start of a paragraph",
       "We wrote. Cause: old list",
       {"|0|0|We wrote.", "|0|0|Cause: old list"}},
      {"colon beyond the label window",
       "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x",
       {"|0|0|Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x"}},
      {"failed label-only line stays a sentence",
       "We did the following:\n\n- purged",
       {"|0|0|We did the following:", "|0|1|purged"}},
      {"pending label does not reach a later paragraph",
       "Cause:\n- one\n\nBye.",
       {"Cause|0|0|one", "|0|1|Bye."}},
      {"second label-only paragraph replaces the first",
       "Cause:\n\nChanges:\n\nPurged.",
       {"Changes|0|0|Purged."}},
  });
}

TEST_CASE("hostile inputs finish quickly with exact results") {
  const std::size_t mb = 1024 * 1024;
  std::string bullets;
  for (int i = 0; i < 100000; ++i) {
    bullets += "- item\n";
  }
  std::string sentences;
  const std::size_t many = 65536;
  for (std::size_t i = 0; i < many; ++i) {
    sentences += "Ok. ";
  }
  const std::string one_line(mb, 'a');
  struct HostileRow {
    std::string what;
    std::string input;
    std::size_t count;
    std::string last; // rendered last sentence, "" when none
  };
  const std::vector<HostileRow> rows = {
      {"1 MB single line", one_line, 1, "|0|0|" + one_line},
      {"100k bullets", bullets, 100000, "|0|99999|item"},
      {"64k short sentences on one line", sentences, many, "|0|0|Ok."},
      {"1 MB of full stops", std::string(mb, '.'), 0, ""},
      {"1 MB of colons", std::string(mb, ':'), 0, ""},
      {"1 MB of open parens", "A" + std::string(mb, '('), 1, "|0|0|A" + std::string(mb, '(')},
      {"1 MB of newlines", std::string(mb, '\n'), 0, ""},
      {"1 MB of initials",
       [&] {
         std::string s;
         for (std::size_t i = 0; i < mb / 3; ++i) {
           s += "J. ";
         }
         return s;
       }(),
       1, ""},
  };
  for (const HostileRow& row : rows) {
    CAPTURE(row.what);
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Sentence> out = split_sentences(row.input);
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5.0);
    CHECK(out.size() == row.count);
    if (!row.last.empty() && !out.empty()) {
      CHECK(render({out.back()}) == std::vector<std::string>{row.last});
    }
  }
}

TEST_CASE("invalid UTF-8 bytes pass through untouched") {
  check_rows({
      {"invalid bytes inside words",
       "We \xFF\xFE purged. \xC3\x28 Then done.",
       {"|0|0|We \xFF\xFE purged. \xC3\x28 Then done."}},
      {"invalid bytes as a label", "\xFF\xFE: text", {"\xFF\xFE|0|0|text"}},
      {"only invalid bytes", "\x80\x81", {"|0|0|\x80\x81"}},
      {"truncated sequence at the end", "Done. Caf\xC3", {"|0|0|Done.", "|0|0|Caf\xC3"}},
  });
}
