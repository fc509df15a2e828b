#include "parsers/mailbox_reader.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

using namespace appeald::parsers;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t no_limit = 1 << 20;

struct Split {
  std::string bytes;
  bool truncated = false;
};

// Messages as readable text, so a failing CHECK shows what differs.
std::string show(const std::vector<Split>& messages) {
  std::ostringstream os;
  for (const Split& m : messages) {
    os << std::quoted(m.bytes) << (m.truncated ? " (truncated)" : "") << "; ";
  }
  return os.str();
}

std::vector<Split> drain(MboxSplitter& splitter) {
  std::vector<Split> out;
  while (auto m = splitter.next()) {
    out.push_back({*m, splitter.last_truncated()});
  }
  return out;
}

// Splits `input` fed in chunks of the sizes `chunk_size()` returns, draining after every feed.
template <class ChunkSize>
std::vector<Split> split(std::string_view input, std::size_t max, ChunkSize chunk_size) {
  MboxSplitter splitter(max);
  std::vector<Split> out;
  while (!input.empty()) {
    const std::size_t n = std::min<std::size_t>(chunk_size(), input.size());
    splitter.feed(input.substr(0, n));
    input.remove_prefix(n);
    for (auto& m : drain(splitter)) {
      out.push_back(std::move(m));
    }
  }
  splitter.finish();
  for (auto& m : drain(splitter)) {
    out.push_back(std::move(m));
  }
  return out;
}

// The same input fed all at once, one byte at a time and in seeded random chunk sizes.
std::vector<std::vector<Split>> split_every_way(std::string_view input, std::size_t max) {
  std::vector<std::vector<Split>> results;
  results.push_back(split(input, max, [&] { return input.size() + 1; }));
  results.push_back(split(input, max, [] { return 1; }));
  for (unsigned seed = 1; seed <= 8; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> size(1, seed % 2 == 0 ? 7 : 300);
    results.push_back(split(input, max, [&] { return size(rng); }));
  }
  return results;
}

std::vector<Split> plain(std::vector<std::string> bytes) {
  std::vector<Split> out;
  for (auto& b : bytes) {
    out.push_back({std::move(b), false});
  }
  return out;
}

const std::string pm1 = "From ops@example.com Mon Nov  2 13:30:30 2026";
const std::string pm2 = "From MAILER-DAEMON Tue Nov  3 10:00:48 2026";
const std::string pm3 = "From - Mon Nov 02 13:30:30 2026";

struct Collected {
  std::vector<std::string> origins;
  std::vector<std::string> bytes;
  std::vector<bool> truncated;
};

Collected collect(MailboxReader& reader) {
  Collected c;
  while (auto m = reader.next()) {
    c.origins.push_back(m->origin);
    c.bytes.push_back(m->bytes);
    c.truncated.push_back(m->truncated);
  }
  return c;
}

// A scratch directory of its own, removed afterwards (the test may run from any directory).
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("appeald-test-mailbox-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(counter++));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  std::string write(const std::string& rel, std::string_view bytes) const {
    const fs::path p = dir / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  static inline int counter = 0;
};

std::unique_ptr<MailboxReader> open_ok(const std::string& path, std::size_t max = no_limit) {
  auto reader = open_mailbox(path, max);
  REQUIRE_MESSAGE(reader.has_value(), (reader ? std::string() : reader.error()));
  return std::move(*reader);
}

} // namespace

TEST_CASE("is_mbox_postmark accepts real postmarks and rejects body prose") {
  struct Row {
    const char* what;
    std::string line;
    bool expected;
  };
  const std::vector<Row> rows = {
      {"asctime date", pm1, true},
      {"MAILER-DAEMON sender", pm2, true},
      {"Thunderbird's '-' sender", pm3, true},
      {"time zone before the year", "From a@b.c Mon Nov  2 13:30:30 +0000 2026", true},
      {"time without seconds", "From a@b.c Mon Nov 2 13:30 2026", true},
      {"tab after the sender", "From a@b.c\tMon Nov  2 13:30:30 2026", true},
      {"prose", "From now on we only email confirmed subscribers.", false},
      {"prose with a year", "From here on, since 2019, we opt in.", false},
      {"prose with a time", "From 9:00 on we are open.", false},
      {"no sender", "From  Mon Nov  2 13:30:30 2026", false},
      {"no date", "From ops@example.com", false},
      {"sender only and a space", "From ops@example.com ", false},
      {"lower case", "from ops@example.com Mon Nov  2 13:30:30 2026", false},
      {"header field, not a postmark", "From: ops@example.com Mon Nov  2 13:30:30 2026", false},
      {"escaped", ">" + pm1, false},
      {"too long", pm1 + std::string(max_postmark_bytes, ' '), false},
      {"five-digit year only", "From a@b.c Mon Nov  2 13:30:30 20260", false},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    CHECK(is_mbox_postmark(row.line) == row.expected);
  }
}

TEST_CASE("MboxSplitter yields the same messages whatever the chunking") {
  struct Row {
    const char* what;
    std::string input;
    std::vector<std::string> expected;
  };
  const std::string long_from = pm1 + " " + std::string(max_postmark_bytes, 'x');
  const std::vector<Row> rows = {
      {"mboxo, two messages",
       pm1 + "\nSubject: a\n\nhello\n\n" + pm2 + "\nSubject: b\n\nbye\n\n",
       {"Subject: a\n\nhello\n", "Subject: b\n\nbye\n"}},
      {"body line 'From now on' is not a separator",
       pm1 + "\nSubject: a\n\nFrom now on we only email confirmed subscribers.\nOK\n\n" + pm3 +
           "\nSubject: b\n\nx\n",
       {"Subject: a\n\nFrom now on we only email confirmed subscribers.\nOK\n", "Subject: b\n\nx"}},
      {"mboxrd escapes lose one '>'",
       pm1 + "\n>From here\n>>From there\n>>>From x\n> From no\n>Fromage\nFrom\n>\n>>\n>Fro\n",
       {"From here\n>From there\n>>From x\n> From no\n>Fromage\nFrom\n>\n>>\n>Fro"}},
      {"an escaped postmark is body, unescaped", pm1 + "\n>" + pm2 + "\n", {pm2}},
      {"CRLF file",
       pm1 + "\r\nSubject: a\r\n\r\nhi\r\n\r\n" + pm2 + "\r\nSubject: b\r\n\r\n>From x\r\n",
       {"Subject: a\r\n\r\nhi\r\n", "Subject: b\r\n\r\nFrom x"}},
      {"empty messages", pm1 + "\n" + pm2 + "\n\n" + pm3 + "\n", {"", "", ""}},
      {"CRLF empty messages", pm1 + "\r\n" + pm2 + "\r\n\r\n" + pm3 + "\r\n", {"", "", ""}},
      {"no trailing newline", pm1 + "\nSubject: x\n\nbody", {"Subject: x\n\nbody"}},
      {"a single message", pm1 + "\nSubject: x\n\nbody\n", {"Subject: x\n\nbody"}},
      {"a single message ending in a blank line",
       pm1 + "\nSubject: x\n\nbody\n\n",
       {"Subject: x\n\nbody\n"}},
      {"a postmark alone", pm1, {""}},
      {"empty input", "", {}},
      {"not an mbox: one message", "Subject: x\n\nbody\n", {"Subject: x\n\nbody"}},
      {"blank line before the first postmark", "\n" + pm1 + "\nx\n", {"x"}},
      {"text before the first postmark is kept", "junk\n" + pm1 + "\nx\n", {"junk", "x"}},
      {"plain lines, blank runs and lines starting 'F' or '>'",
       pm1 + "\na\nFine\n\n\nb\n>c\n\n" + pm2 + "\n",
       {"a\nFine\n\n\nb\n>c\n", ""}},
      {"'From ' mid-line", pm1 + "\nsee " + pm2 + "\n", {"see " + pm2}},
      {"an overlong 'From ' line is body",
       pm1 + "\n" + long_from + "\nend\n",
       {long_from + "\nend"}},
      {"a lone CR is content", pm1 + "\na\rb\nc\r", {"a\rb\nc\r"}},
      {"CR before the separator's LF only", pm1 + "\nx\r\r\n" + pm2 + "\n", {"x\r", ""}},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    for (const auto& result : split_every_way(row.input, no_limit)) {
      CHECK(show(result) == show(plain(row.expected)));
    }
  }
}

TEST_CASE("MboxSplitter truncates messages at max_message_bytes and still returns them") {
  struct Row {
    const char* what;
    std::string input;
    std::size_t max;
    std::vector<Split> expected;
    std::size_t truncated;
  };
  const std::vector<Row> rows = {
      {"one long message cut, the next intact",
       pm1 + "\n0123456789ABCDEF\n\n" + pm2 + "\nshort\n",
       10,
       {{"0123456789", true}, {"short", false}},
       1},
      {"exactly at the limit is not truncated (the stripped line end does not count)",
       pm1 + "\n0123456789\n" + pm2 + "\n",
       10,
       {{"0123456789", false}, {"", false}},
       0},
      {"escapes count after unescaping", pm1 + "\n>From 12345\n", 10, {{"From 12345", false}}, 0},
      {"zero limit", pm1 + "\nabc\n" + pm2 + "\n\n", 0, {{"", true}, {"", false}}, 1},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    for (const auto& result : split_every_way(row.input, row.max)) {
      CHECK(show(result) == show(row.expected));
    }
    MboxSplitter splitter(row.max);
    splitter.feed(row.input);
    splitter.finish();
    CHECK(drain(splitter).size() == row.expected.size());
    CHECK(splitter.truncated() == row.truncated);
  }
}

TEST_CASE("open_mailbox reads the committed fixtures in order with their origins") {
  const fs::path dir = appeald::test::data_dir() / "mailboxes";
  const std::string tb = (dir / "thunderbird.mbox").string();
  const std::string crlf = (dir / "crlf.mbox").string();
  const std::string md = (dir / "maildir").string();
  const std::string eml = (dir / "eml-dir").string();
  struct Row {
    const char* what;
    std::string path;
    std::vector<std::string> origins;
    std::vector<std::string> first_lines;
  };
  const std::vector<Row> rows = {
      {"mboxo from Thunderbird",
       tb,
       {tb + "#1", tb + "#2"},
       {"From: Dana Customer <dana@example.net>", "From: Lee <lee@example.org>"}},
      {"CRLF mboxrd", crlf, {crlf + "#1", crlf + "#2"}, {"Subject: one", "Subject: Undelivered"}},
      {"single .eml",
       (dir / "single.eml").string(),
       {(dir / "single.eml").string()},
       {"From: Sam <sam@example.net>"}},
      {"Maildir: cur/ then new/, sorted, dotfiles ignored",
       md,
       {md + "/cur/1700000000.M1P7.mx1:2,S", md + "/cur/1700000100.M2P7.mx1:2,RS",
        md + "/new/1700000200.M3P7.mx1"},
       {"Subject: first", "Subject: second", "Subject: third"}},
      {"directory of files: sorted, mbox files split, dotfiles and subdirectories skipped",
       eml,
       {eml + "/a-appeal.eml", eml + "/b-reply.eml", eml + "/c-archive.mbox#1",
        eml + "/c-archive.mbox#2"},
       {"Subject: a", "Subject: b", "Subject: c1", "Subject: c2"}},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    auto reader = open_ok(row.path);
    const Collected got = collect(*reader);
    CHECK(got.origins == row.origins);
    REQUIRE(got.bytes.size() == row.first_lines.size());
    for (std::size_t i = 0; i < got.bytes.size(); ++i) {
      CHECK(got.bytes[i].starts_with(row.first_lines[i]));
    }
    CHECK(reader->error().empty());
  }
  auto reader = open_ok(tb);
  CHECK(collect(*reader).bytes[0].ends_with(
      "I never sent that spam.\nFrom now on we only email confirmed subscribers.\n"));
  reader = open_ok(crlf);
  CHECK(collect(*reader).bytes[1].ends_with("\r\n\r\n>From quoted twice\r\n"));
}

TEST_CASE("open_mailbox on scratch files: formats, limits and what is ignored") {
  Scratch s;
  const std::string mbox =
      pm1 + "\nSubject: 1\n\n" + std::string(50, 'x') + "\n\n" + pm2 + "\nSubject: 2\n\nshort\n";
  struct Row {
    const char* what;
    std::vector<std::pair<std::string, std::string>> files; // relative path, bytes
    std::string open;                                       // relative path to open
    std::size_t max;
    std::vector<std::string> origins; // relative to the scratch dir
    std::vector<std::string> bytes;
    std::vector<bool> truncated;
  };
  const std::vector<Row> rows = {
      {"an .eml is one message, truncated to the limit",
       {{"m.eml", "Subject: x\n\n0123456789"}},
       "m.eml",
       12,
       {"m.eml"},
       {"Subject: x\n\n"},
       {true}},
      {"an empty file is one empty message",
       {{"e.eml", ""}},
       "e.eml",
       10,
       {"e.eml"},
       {""},
       {false}},
      {"a file starting 'From ' that is no postmark is one message",
       {{"p.eml", "From now on we only email confirmed subscribers.\n" + pm1 + "\nx\n"}},
       "p.eml",
       no_limit,
       {"p.eml"},
       {"From now on we only email confirmed subscribers.\n" + pm1 + "\nx\n"},
       {false}},
      {"mbox messages are truncated one by one",
       {{"a.mbox", mbox}},
       "a.mbox",
       20,
       {"a.mbox#1", "a.mbox#2"},
       {"Subject: 1\n\nxxxxxxxx", "Subject: 2\n\nshort"},
       {true, false}},
      {"Maildir: tmp/, dotfiles and subdirectories are ignored, files are never split",
       {{"md/new/2", "two"},
        {"md/cur/1:2,S", pm1 + "\none"},
        {"md/tmp/0", "half-written"},
        {"md/new/.x", "hidden"},
        {"md/cur/sub/3", "nested"}},
       "md",
       no_limit,
       {"md/cur/1:2,S", "md/new/2"},
       {pm1 + "\none", "two"},
       {false, false}},
      {"a Maildir with only new/",
       {{"nm/new/1", "n"}},
       "nm",
       no_limit,
       {"nm/new/1"},
       {"n"},
       {false}},
      {"an empty Maildir is an empty mailbox", {{"em/cur/.keep", ""}}, "em", no_limit, {}, {}, {}},
      {"a directory file that is an mbox is split; others are not",
       {{"d/2.mbox", mbox}, {"d/1.eml", "one"}, {"d/3.eml", "From x\n"}},
       "d",
       no_limit,
       {"d/1.eml", "d/2.mbox#1", "d/2.mbox#2", "d/3.eml"},
       {"one", "Subject: 1\n\n" + std::string(50, 'x') + "\n", "Subject: 2\n\nshort", "From x\n"},
       {false, false, false, false}},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    Scratch case_dir;
    for (const auto& [rel, bytes] : row.files) {
      case_dir.write(rel, bytes);
    }
    auto reader = open_ok((case_dir.dir / row.open).string(), row.max);
    const Collected got = collect(*reader);
    std::vector<std::string> origins;
    for (const auto& o : row.origins) {
      origins.push_back((case_dir.dir / o).string());
    }
    CHECK(got.origins == origins);
    CHECK(got.bytes == row.bytes);
    CHECK(got.truncated == row.truncated);
    CHECK(reader->error().empty());
    CHECK_FALSE(reader->next().has_value());
  }
}

TEST_CASE("read_stream reads stdin-like input as one message or as an mbox") {
  const std::string mbox = pm1 + "\r\nSubject: a\r\n\r\n" + pm2 + "\r\nSubject: b\r\n";
  struct Row {
    const char* what;
    std::string input;
    StreamFormat format;
    std::vector<std::string> origins;
    std::vector<std::string> bytes;
  };
  const std::vector<Row> rows = {
      {"detect: a postmark first line means mbox",
       mbox,
       StreamFormat::detect,
       {"stdin#1", "stdin#2"},
       {"Subject: a\r\n", "Subject: b"}},
      {"detect: anything else is one message",
       "Subject: a\n\n" + pm1 + "\n",
       StreamFormat::detect,
       {"stdin"},
       {"Subject: a\n\n" + pm1 + "\n"}},
      {"detect: a first line longer than a read",
       std::string(70000, 'a') + "\n",
       StreamFormat::detect,
       {"stdin"},
       {std::string(70000, 'a') + "\n"}},
      {"detect: empty input is one empty message", "", StreamFormat::detect, {"stdin"}, {""}},
      {"message: even an mbox is one message", mbox, StreamFormat::message, {"stdin"}, {mbox}},
      {"mbox: text before the first postmark is kept",
       "x\n" + mbox,
       StreamFormat::mbox,
       {"stdin#1", "stdin#2", "stdin#3"},
       {"x", "Subject: a\r\n", "Subject: b"}},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    std::istringstream in(row.input);
    auto reader = read_stream(in, "stdin", no_limit, row.format);
    const Collected got = collect(*reader);
    CHECK(got.origins == row.origins);
    CHECK(got.bytes == row.bytes);
    CHECK(reader->error().empty());
  }
  std::istringstream as_mbox(mbox);
  CHECK(collect(*read_stream(as_mbox, "in", no_limit, true)).origins ==
        std::vector<std::string>{"in#1", "in#2"});
  std::istringstream as_message(mbox);
  CHECK(collect(*read_stream(as_message, "in", no_limit, false)).bytes ==
        std::vector<std::string>{mbox});
}

namespace {

// Serves `data`, then fails like a disk that died: underflow throws.
class FailingBuf : public std::streambuf {
public:
  explicit FailingBuf(std::string data) : data_(std::move(data)) {
    setg(data_.data(), data_.data(), data_.data() + data_.size());
  }

protected:
  int_type underflow() override { throw std::runtime_error("Input/output error"); }

private:
  std::string data_;
};

} // namespace

TEST_CASE("errors: a one-line reason at open, and read errors end the stream") {
  Scratch s;
  const std::string missing = (s.dir / "missing.mbox").string();
  const std::string empty_dir = (s.dir / "empty").string();
  fs::create_directories(s.dir / "empty" / "sub");
  s.write("empty/.hidden", "x");
  struct Row {
    const char* what;
    std::string path;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"missing file", missing, "cannot open " + missing + ": No such file or directory"},
      {"directory without files", empty_dir,
       empty_dir + ": not a mailbox (a directory with no files)"},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    auto reader = open_mailbox(row.path, no_limit);
    REQUIRE_FALSE(reader.has_value());
    CHECK(reader.error() == row.expected);
  }

  SUBCASE("a stream that fails mid-way returns only the messages completed before") {
    std::string data;
    std::vector<std::string> bodies;
    for (int i = 0; i < 100; ++i) {
      bodies.push_back("Subject: " + std::to_string(i) + "\n\n" + std::string(1000, 'b'));
      data += pm1 + "\n" + bodies.back() + "\n";
    }
    FailingBuf buf(data);
    std::istream in(&buf);
    auto reader = read_stream(in, "stdin", no_limit, StreamFormat::mbox);
    const Collected got = collect(*reader);
    CHECK_FALSE(got.bytes.empty());
    CHECK(got.bytes.size() < bodies.size());
    for (std::size_t i = 0; i < got.bytes.size(); ++i) {
      CHECK(got.bytes[i] == bodies[i]);
    }
    CHECK(reader->error() == "cannot read stdin: stream error");
    CHECK_FALSE(reader->next().has_value());
  }

  SUBCASE("a Maildir file that vanished after listing ends the stream with its reason") {
    s.write("md/cur/1", "one");
    const std::string gone = s.write("md/cur/2", "two");
    s.write("md/cur/3", "three");
    auto reader = open_ok((s.dir / "md").string());
    REQUIRE(reader->next().has_value());
    fs::remove(gone);
    CHECK_FALSE(reader->next().has_value());
    CHECK(reader->error() == "cannot open " + gone + ": No such file or directory");
    CHECK_FALSE(reader->next().has_value());
  }
}

TEST_CASE("a 50 MB mbox is read with flat memory") {
  Scratch s;
  const fs::path path = s.dir / "big.mbox";
  constexpr std::size_t max = 1 << 20;
  constexpr std::size_t chunk = 64 * 1024;
  constexpr int messages = 20000;
  constexpr int big_every = 5000; // a few messages larger than max_message_bytes
  std::string body;
  for (int line = 0; line < 34; ++line) {
    body += (line == 3   ? ">From the archive, line "
             : line == 9 ? "From now on, line "
                         : "Text, line ") +
            std::to_string(line) + ": " + std::string(40, 'x') + "\n";
  }
  const std::string big_body(3 * max, 'B');
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < messages; ++i) {
      out << pm1 << "\nSubject: " << i << "\n\n" << (i % big_every == 1 ? big_body : body) << "\n";
    }
  }
  const std::uintmax_t file_size = fs::file_size(path);
  REQUIRE(file_size > 50'000'000);
  const std::size_t bound = max + 3 * chunk + max_postmark_bytes + 1;

  { // through the reader
    auto reader = open_ok(path.string(), max);
    int count = 0;
    int truncated = 0;
    std::size_t largest = 0;
    while (auto m = reader->next()) {
      ++count;
      truncated += m->truncated ? 1 : 0;
      largest = std::max(largest, m->bytes.size());
    }
    CHECK(largest == max);
    CHECK(count == messages);
    CHECK(truncated == messages / big_every);
    CHECK(reader->error().empty());
    CHECK(reader->peak_buffered_bytes() > 0);
    CHECK(reader->peak_buffered_bytes() <= bound);
  }
  { // through the splitter, fed 64 KiB chunks and drained after each
    MboxSplitter splitter(max);
    std::ifstream in(path, std::ios::binary);
    std::string buf(chunk, '\0');
    std::size_t peak = 0;
    std::size_t count = 0;
    while (in.read(buf.data(), chunk) || in.gcount() > 0) {
      splitter.feed(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
      peak = std::max(peak, splitter.buffered_bytes());
      count += drain(splitter).size();
    }
    splitter.finish();
    count += drain(splitter).size();
    CHECK(count == messages);
    CHECK(splitter.truncated() == messages / big_every);
    CHECK(peak <= max + chunk + max_postmark_bytes + 1);
    CHECK(peak * 20 < file_size);
  }
}
