// A desk holds each case's assessment packed into one buffer; unpacking must give back exactly
// what was packed, whatever bytes the sender's sentences hold.
#include "appeals/packed_assessment.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

using appeald::appeals::CaseAssessment;
using appeald::appeals::PackedAssessment;

namespace {

struct Row {
  const char* what;
  CaseAssessment assessment;
};

CaseAssessment make(std::map<std::string, std::vector<std::string>> found,
                    std::vector<std::string> planned, bool said_no_changes, int messages) {
  CaseAssessment a;
  a.found = std::move(found);
  a.planned = std::move(planned);
  a.said_no_changes = said_no_changes;
  a.messages = messages;
  return a;
}

} // namespace

TEST_CASE("a packed assessment unpacks to exactly what was packed") {
  static constexpr char nul_and_bad[] = "We removed\0 the \xFF\xFE list.";
  const std::string nul_and_bad_utf8(nul_and_bad, sizeof nul_and_bad - 1);
  const std::string long_sentence(400, 'x');
  const std::vector<Row> rows = {
      {"nothing read yet", CaseAssessment{}},
      {"one element, one sentence", make({{"cause", {"An old list was imported."}}}, {}, false, 1)},
      {"several elements in id order, sentences in reading order",
       make({{"prevention", {"Double opt-in stops it.", "Every signup is confirmed."}},
             {"bounce.list_source", {"The list came from our shop."}},
             {"cause", {"An import.", "", "A third."}}},
            {}, false, 3)},
      {"an element found with no sentence kept", make({{"changes", {}}}, {}, false, 2)},
      {"planned changes and an outright no",
       make({}, {"We will add a captcha.", "We plan to re-confirm the list."}, true, 4)},
      {"NUL bytes, invalid UTF-8 and a sentence at the clip bound",
       make({{"cause", {nul_and_bad_utf8, long_sentence}}}, {nul_and_bad_utf8}, false, 7)},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const PackedAssessment packed(row.assessment);
    const CaseAssessment back = packed.unpack();
    CHECK(back.found == row.assessment.found);
    CHECK(back.planned == row.assessment.planned);
    CHECK(back.said_no_changes == row.assessment.said_no_changes);
    CHECK(back.messages == row.assessment.messages);
  }
}

TEST_CASE("a packed assessment costs little more than its sentences' bytes") {
  CaseAssessment a;
  std::size_t text = 0;
  for (const char* id : {"cause", "changes", "prevention"}) {
    for (int i = 0; i < 3; ++i) {
      a.found[id].push_back(std::string(120, 'a' + static_cast<char>(i)));
      text += 120;
    }
    text += std::string_view(id).size();
  }
  const PackedAssessment packed(a);
  CHECK(packed.size() >= text);
  CHECK(packed.size() <= text + 4 * (4 + 3 * 2 + 9));
}

TEST_CASE("a default packed assessment unpacks to an empty one") {
  const CaseAssessment back = PackedAssessment().unpack();
  CHECK(back.found.empty());
  CHECK(back.planned.empty());
  CHECK_FALSE(back.said_no_changes);
  CHECK(back.messages == 0);
}
