// Robustness and agreement over real-world mail: the msg_*.txt messages of CPython's own email
// test suite (Debian: libpython3.11-testsuite). Every message must parse without crashing (this
// test runs under ASan+UBSan), without a warning storm, and, field by field, decode to what
// Python's `email` package decodes (tests/corpus/python_email_expectations.py, which documents
// the few places where it follows appeald's contract instead of Python's defaults).
//
// Counting: a message "agrees" when every field Python decoded matches (or differs only as a
// row of known_differences says); it is "skipped by python" when Python could not decode some
// field (it raised, or recorded a defect there; the other fields are still compared); it
// "disagrees" when any compared field differs unexplained, which fails the test.
//
// CI installs python3 and libpython3.11-testsuite, so there this test always runs; on a machine
// without them it is skipped with a MESSAGE, not failed.
#include "parsers/message_parser.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using appeald::parsers::Message;
using appeald::parsers::parse_message;
using appeald::parsers::ParseOptions;

// ---- comparison rules -------------------------------------------------------------------

// Runs of spaces, tabs, CR and LF become one space; leading and trailing ones go. (Folding is
// whitespace-preserving in RFC 5322, and Python keeps a folded TAB where appeald may not.)
std::string collapse_whitespace(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending = !out.empty();
      continue;
    }
    if (pending) {
      out += ' ';
      pending = false;
    }
    out += c;
  }
  return out;
}

// CRLF and lone CR become LF; spaces and tabs at line ends are dropped (quoted-printable
// decoding removes them in appeald, Python keeps them).
std::string normalize_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto end_line = [&] {
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
      out.pop_back();
    }
    out += '\n';
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      end_line();
      if (i + 1 < s.size() && s[i + 1] == '\n') {
        ++i;
      }
    } else if (s[i] == '\n') {
      end_line();
    } else {
      out += s[i];
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  return out;
}

struct TextLeaf {
  std::string content_type;
  std::string text;
};

struct Difference {
  std::string field;
  std::string python;
  std::string appeald;
};

// Quoted and cut, so a differing 5 KiB body does not flood the log.
std::string show(std::string_view s) {
  constexpr std::size_t max = 160;
  std::string out = "\"";
  for (char c : s.substr(0, max)) {
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out + (s.size() > max ? "\"..." : "\"");
}

std::optional<Difference> compare_exact(std::string field, std::string_view python,
                                        std::string_view appeald) {
  if (python == appeald) {
    return std::nullopt;
  }
  return Difference{std::move(field), show(python), show(appeald)};
}

std::optional<Difference> compare_subject(std::string_view python, std::string_view appeald) {
  return compare_exact("subject", collapse_whitespace(python), collapse_whitespace(appeald));
}

// The leaves compared as multisets of (content type, normalised text): order is not part of the
// contract, but every leaf must appear as often on both sides.
std::optional<Difference> compare_text_parts(const std::vector<TextLeaf>& python,
                                             const std::vector<TextLeaf>& appeald) {
  const auto keys = [](const std::vector<TextLeaf>& leaves) {
    std::vector<std::string> out;
    for (const TextLeaf& l : leaves) {
      out.push_back(l.content_type + ": " + normalize_text(l.text));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<std::string> p = keys(python), a = keys(appeald);
  if (p == a) {
    return std::nullopt;
  }
  std::vector<std::string> only_p, only_a;
  std::set_difference(p.begin(), p.end(), a.begin(), a.end(), std::back_inserter(only_p));
  std::set_difference(a.begin(), a.end(), p.begin(), p.end(), std::back_inserter(only_a));
  const auto first = [](const std::vector<std::string>& v) {
    return v.empty() ? std::string("(none)") : show(v.front());
  };
  return Difference{"text_parts",
                    std::to_string(p.size()) + " leaves, first unmatched " + first(only_p),
                    std::to_string(a.size()) + " leaves, first unmatched " + first(only_a)};
}

// ---- the corpus ---------------------------------------------------------------------------

// Debian's interpreter: the corpus belongs to it, and the `python3` on PATH may be another build.
constexpr const char* python = "/usr/bin/python3";
const fs::path corpus_dir = "/usr/lib/python3.11/test/test_email/data";

// More warnings than this for one message is a warning storm (Warnings dedupes by code, so this
// counts distinct anomalies plus dropped ones).
constexpr std::size_t max_warnings = 8;

// Where appeald deliberately decodes differently from Python. Each reason must follow from
// appeald's documented contract. `appeald` pins what appeald shows for that field (as the
// failure line prints it), so an entry cannot hide a new, different disagreement; an entry that
// no longer differs fails the test, so the table cannot go stale.
struct KnownDifference {
  std::string_view file;
  std::string_view field;
  std::string_view appeald;
  std::string_view reason;
};

// Empty today: every message agrees with Python where Python itself reports no defect.
constexpr std::array<KnownDifference, 0> known_differences{};

const KnownDifference* known(std::string_view file, const Difference& d) {
  for (const KnownDifference& k : known_differences) {
    if (k.file == file && k.field == d.field && k.appeald == d.appeald) {
      return &k;
    }
  }
  return nullptr;
}

std::optional<std::string> run_expectations_script() {
  const fs::path script =
      appeald::test::data_dir().parent_path() / "corpus" / "python_email_expectations.py";
  const std::string command =
      std::string(python) + " -I '" + script.string() + "' '" + corpus_dir.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return std::nullopt;
  }
  std::string out;
  char buffer[65536];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    out.append(buffer, n);
  }
  if (pclose(pipe) != 0) {
    return std::nullopt;
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    out += (out.empty() ? "" : "; ") + s;
  }
  return out;
}

std::string json_string(const nlohmann::json& j) {
  return j.is_string() ? j.get<std::string>() : "";
}

std::vector<TextLeaf> python_leaves(const nlohmann::json& parts) {
  std::vector<TextLeaf> out;
  for (const nlohmann::json& p : parts) {
    out.push_back({p.at("content_type").get<std::string>(), p.at("text").get<std::string>()});
  }
  return out;
}

std::vector<TextLeaf> appeald_leaves(const Message& m) {
  std::vector<TextLeaf> out;
  for (const auto& p : m.text_parts) {
    out.push_back({p.content_type, p.text});
  }
  return out;
}

// Every field Python decoded and appeald decodes differently, in a fixed order.
std::vector<Difference> differences(const nlohmann::json& expected, const Message& m) {
  const nlohmann::json& skips = expected.at("skipped");
  const auto skipped = [&](const char* field) {
    return skips.contains(field) || skips.contains("*");
  };
  std::vector<Difference> out;
  if (!skipped("subject")) {
    if (auto d = compare_subject(json_string(expected.at("subject")), m.subject)) {
      out.push_back(*d);
    }
  }
  if (!skipped("from")) {
    if (auto d = compare_exact("from", json_string(expected.at("from")), m.from.address)) {
      out.push_back(*d);
    }
  }
  if (!skipped("message_id")) {
    if (auto d = compare_exact("message_id", json_string(expected.at("message_id")),
                               m.message_id.value_or(""))) {
      out.push_back(*d);
    }
  }
  if (!skipped("text_parts")) {
    if (auto d = compare_text_parts(python_leaves(expected.at("text_parts")), appeald_leaves(m))) {
      out.push_back(*d);
    }
  }
  return out;
}

std::size_t warning_count(const Message& m) {
  return m.warnings.entries().size() + m.warnings.dropped();
}

// "code" of every "code: detail" entry.
std::vector<std::string> warning_codes(const Message& m) {
  std::vector<std::string> out;
  for (const std::string& w : m.warnings.entries()) {
    out.push_back(w.substr(0, w.find(':')));
  }
  return out;
}

// The corpus messages, sorted; empty when the corpus is not installed.
std::vector<fs::path> corpus_files() {
  std::vector<fs::path> out;
  if (fs::is_directory(corpus_dir)) {
    for (const fs::directory_entry& e : fs::directory_iterator(corpus_dir)) {
      const std::string name = e.path().filename().string();
      if (name.starts_with("msg_") && name.ends_with(".txt")) {
        out.push_back(e.path());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Bare LFs become CRLF (msg_26.txt already has CRLF and stays as it is).
std::string with_crlf(std::string_view lf) {
  std::string out;
  for (std::size_t i = 0; i < lf.size(); ++i) {
    if (lf[i] == '\n' && (i == 0 || lf[i - 1] != '\r')) {
      out += '\r';
    }
    out += lf[i];
  }
  return out;
}

} // namespace

TEST_CASE("appeald decodes Python's email test corpus like Python does") {
  if (!fs::exists(python) || !fs::is_directory(corpus_dir)) {
    MESSAGE("python corpus: skipped, needs " << python << " and " << corpus_dir.string()
                                             << " (Debian package libpython3.11-testsuite)");
    return;
  }
  const std::optional<std::string> output = run_expectations_script();
  REQUIRE_MESSAGE(output.has_value(), "python_email_expectations.py failed");
  const nlohmann::json expected = nlohmann::json::parse(*output);
  const nlohmann::json& messages = expected.at("messages");
  // The corpus has 47 messages; far fewer means the script or the glob broke, not the parser.
  REQUIRE(messages.size() >= 40);

  std::size_t agree = 0, skipped = 0, disagree = 0, excused = 0;
  std::set<std::string> still_differing; // "file field" of known differences seen
  for (const nlohmann::json& e : messages) {
    const std::string file = e.at("file").get<std::string>();
    CAPTURE(file);
    const std::string bytes = appeald::test::read_file(corpus_dir / file);
    Message m;
    REQUIRE_NOTHROW(m = parse_message(bytes, ParseOptions{}));

    const std::size_t warnings = warning_count(m);
    CHECK_MESSAGE(warnings <= max_warnings,
                  file << ": " << warnings << " warnings: " << join(m.warnings.entries()));

    bool unexplained = false;
    for (const Difference& d : differences(e, m)) {
      if (known(file, d) != nullptr) {
        still_differing.insert(file + " " + d.field);
        ++excused;
        continue;
      }
      unexplained = true;
      FAIL_CHECK(file << ": " << d.field << " differs: python " << d.python << ", appeald "
                      << d.appeald);
    }
    if (unexplained) {
      ++disagree;
    } else if (!e.at("skipped").empty()) {
      ++skipped;
    } else {
      ++agree;
    }
  }
  for (const KnownDifference& k : known_differences) {
    CHECK_MESSAGE(!k.reason.empty(), "known difference without a reason: " << k.file);
    CHECK_MESSAGE(still_differing.contains(std::string(k.file) + " " + std::string(k.field)),
                  "stale known difference (now agrees or was skipped): " << k.file << " "
                                                                         << k.field);
  }
  MESSAGE("python corpus: " << messages.size() << " messages, " << agree << " agree, " << skipped
                            << " skipped by python, " << disagree << " disagree");
  MESSAGE("python corpus: " << excused << " known differences excused (see known_differences)");
}

TEST_CASE("corpus comparison normalises only line ends, trailing blanks and folding") {
  struct Row {
    const char* what;
    std::string_view input;
    std::string_view text;    // normalize_text
    std::string_view subject; // collapse_whitespace
  };
  const Row rows[] = {
      {"CRLF and lone CR become LF", "a\r\nb\rc\n", "a\nb\nc\n", "a b c"},
      {"trailing blanks per line dropped", "a \t\nb  ", "a\nb", "a b"},
      {"inner and leading blanks kept in text", "  a  b\n", "  a  b\n", "a b"},
      {"folded subject with TAB", "bug\r\n\tdemo", "bug\n\tdemo", "bug demo"},
      {"empty", "", "", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.what);
    CHECK(normalize_text(r.input) == r.text);
    CHECK(collapse_whitespace(r.input) == r.subject);
  }
}

TEST_CASE("text leaves are compared as a multiset of type and text") {
  using Leaves = std::vector<TextLeaf>;
  struct Row {
    const char* what;
    Leaves python;
    Leaves appeald;
    bool agree;
  };
  const Row rows[] = {
      {"same leaves in another order",
       {{"text/plain", "a"}, {"text/html", "b"}},
       {{"text/html", "b"}, {"text/plain", "a"}},
       true},
      {"line ends differ only", {{"text/plain", "a\r\nb \r\n"}}, {{"text/plain", "a\nb\n"}}, true},
      {"a duplicate leaf is missing",
       {{"text/plain", "a"}, {"text/plain", "a"}},
       {{"text/plain", "a"}},
       false},
      {"content type differs", {{"text/plain", "a"}}, {{"text/html", "a"}}, false},
      {"text differs", {{"text/plain", "caf\xC3\xA9"}}, {{"text/plain", "caf\xEF\xBF\xBD"}}, false},
      {"an empty leaf counts", {{"text/plain", ""}}, {}, false},
  };
  for (const Row& r : rows) {
    CAPTURE(r.what);
    CHECK(compare_text_parts(r.python, r.appeald).has_value() == !r.agree);
  }
}

// The corpus files have LF line ends; on the wire the same mail has CRLF. Both must decode alike.
TEST_CASE("corpus messages decode the same with CRLF line ends") {
  const std::vector<fs::path> files = corpus_files();
  if (files.empty()) {
    MESSAGE("python corpus: skipped, needs " << corpus_dir.string());
    return;
  }
  for (const fs::path& file : files) {
    CAPTURE(file.filename().string());
    const std::string lf = appeald::test::read_file(file);
    const Message a = parse_message(lf, ParseOptions{});
    const Message b = parse_message(with_crlf(lf), ParseOptions{});
    CHECK(collapse_whitespace(a.subject) == collapse_whitespace(b.subject));
    CHECK(a.from.address == b.from.address);
    CHECK(a.message_id == b.message_id);
    const auto d = compare_text_parts(appeald_leaves(a), appeald_leaves(b));
    CHECK_MESSAGE(!d.has_value(),
                  "LF " << (d ? d->python : "") << ", CRLF " << (d ? d->appeald : ""));
    CHECK(warning_codes(a) == warning_codes(b)); // details may quote a line, CR included
  }
}

// Mail is cut short by size limits and broken transfers: every prefix must still parse quietly.
TEST_CASE("truncated corpus messages parse without a warning storm") {
  constexpr std::size_t step = 97; // prime, so cuts land at varied offsets within lines
  std::size_t parses = 0;
  for (const fs::path& file : corpus_files()) {
    CAPTURE(file.filename().string());
    const std::string bytes = appeald::test::read_file(file);
    for (std::size_t cut = 0; cut < bytes.size(); cut += step, ++parses) {
      CAPTURE(cut);
      const Message m = parse_message(std::string_view(bytes).substr(0, cut), ParseOptions{});
      CHECK(warning_count(m) <= max_warnings);
    }
  }
  MESSAGE("corpus: " << parses << " truncated prefixes parsed");
}
