// Following the audit log: lines come out whole and once, whatever the chunking; a partial last
// line waits for its newline; rotation finishes the old file before the new one; truncation
// starts the file over; a missing file is waited for, never an error.
#include "daemon/audit_tail.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

struct Seen {
  std::string text;
  std::size_t number;
  daemon::LineEnd end;
  bool operator==(const Seen&) const = default;
};

using daemon::LineEnd;

struct Collector {
  std::vector<Seen> lines;
  daemon::TailSink sink() {
    return [this](const daemon::TailLine& l) {
      lines.push_back({std::string(l.text), l.number, l.end});
    };
  }
  std::vector<Seen> take() { return std::exchange(lines, {}); }
};

void append(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << text;
}

void replace(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::absolute(name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<Seen> poll(daemon::AuditTail& tail, Collector& c) {
  const auto polled = tail.poll(c.sink());
  REQUIRE(polled.has_value());
  return c.take();
}

} // namespace

TEST_CASE("LineSplitter gives the same lines for any chunking") {
  const std::string overlong(daemon::max_audit_line_bytes + 1, 'x');
  struct Row {
    std::string what;
    std::string stream;
    std::vector<Seen> expected;
  };
  const Row rows[] = {
      {"complete lines", "a\nbb\n", {{"a", 1, LineEnd::newline}, {"bb", 2, LineEnd::newline}}},
      {"blank lines counted",
       "a\n\nb\n",
       {{"a", 1, LineEnd::newline}, {"", 2, LineEnd::newline}, {"b", 3, LineEnd::newline}}},
      {"torn last line",
       "a\n{\"ts\":",
       {{"a", 1, LineEnd::newline}, {"{\"ts\":", 2, LineEnd::torn}}},
      {"overlong line skipped, next kept",
       overlong + "\nb\n",
       {{"", 1, LineEnd::overlong}, {"b", 2, LineEnd::newline}}},
      {"overlong torn line",
       "a\n" + overlong,
       {{"a", 1, LineEnd::newline}, {"", 2, LineEnd::overlong}}},
      {"longest allowed line kept",
       std::string(daemon::max_audit_line_bytes, 'y') + "\n",
       {{std::string(daemon::max_audit_line_bytes, 'y'), 1, LineEnd::newline}}},
      {"nothing", "", {}},
  };
  const std::size_t chunkings[] = {1, 7, 4096, 1 << 22};
  for (const Row& row : rows) {
    for (std::size_t chunk : chunkings) {
      CAPTURE(row.what);
      CAPTURE(chunk);
      Collector c;
      daemon::LineSplitter splitter;
      for (std::size_t at = 0; at < row.stream.size(); at += chunk) {
        splitter.feed(std::string_view(row.stream).substr(at, chunk), c.sink());
      }
      splitter.finish(c.sink());
      CHECK(c.lines == row.expected);
    }
  }
}

TEST_CASE("a missing log is waited for, then read from its start") {
  const fs::path dir = fresh_dir("missing");
  const fs::path log = dir / "audit.jsonl";
  daemon::AuditTail tail(log);
  Collector c;
  CHECK(poll(tail, c).empty());
  CHECK_FALSE(tail.is_open());
  append(log, "one\n");
  CHECK(poll(tail, c) == std::vector<Seen>{{"one", 1, LineEnd::newline}});
  CHECK(tail.is_open());
}

TEST_CASE("a partial last line is held until its newline, then given once") {
  const fs::path dir = fresh_dir("partial");
  const fs::path log = dir / "audit.jsonl";
  append(log, "one\ntw");
  daemon::AuditTail tail(log);
  Collector c;
  CHECK(poll(tail, c) == std::vector<Seen>{{"one", 1, LineEnd::newline}});
  CHECK(poll(tail, c).empty());
  append(log, "o\nthr");
  CHECK(poll(tail, c) == std::vector<Seen>{{"two", 2, LineEnd::newline}});
  append(log, "ee\n");
  CHECK(poll(tail, c) == std::vector<Seen>{{"three", 3, LineEnd::newline}});
  tail.finish(c.sink());
  CHECK(c.take().empty());
}

TEST_CASE("rotation: the old file is finished, then the new one read from its start") {
  const fs::path dir = fresh_dir("rotation");
  const fs::path log = dir / "audit.jsonl";
  append(log, "a1\n");
  daemon::AuditTail tail(log);
  Collector c;
  CHECK(poll(tail, c) == std::vector<Seen>{{"a1", 1, LineEnd::newline}});

  // Written to the old file after the rename (a writer still holding it), and a torn end.
  fs::rename(log, dir / "audit.jsonl.1");
  append(dir / "audit.jsonl.1", "a2\n");
  CHECK(poll(tail, c) == std::vector<Seen>{{"a2", 2, LineEnd::newline}}); // no successor yet
  append(dir / "audit.jsonl.1", "a3\na-torn");
  append(log, "b1\nb2\n");
  CHECK(poll(tail, c) == std::vector<Seen>{{"a3", 3, LineEnd::newline},
                                           {"a-torn", 4, LineEnd::torn},
                                           {"b1", 1, LineEnd::newline},
                                           {"b2", 2, LineEnd::newline}});
  append(dir / "audit.jsonl.1", "a5\n"); // the old file is no longer followed
  append(log, "b3\n");
  CHECK(poll(tail, c) == std::vector<Seen>{{"b3", 3, LineEnd::newline}});

  // Replaced by a file written elsewhere and renamed over it (a new inode, no rename-away).
  replace(dir / "next", "c1\n");
  fs::rename(dir / "next", log);
  CHECK(poll(tail, c) == std::vector<Seen>{{"c1", 1, LineEnd::newline}});
}

TEST_CASE("truncation starts the file over") {
  const fs::path dir = fresh_dir("truncation");
  const fs::path log = dir / "audit.jsonl";
  append(log, "first line\nsecond line\nthird-torn");
  daemon::AuditTail tail(log);
  Collector c;
  CHECK(poll(tail, c).size() == 2);
  replace(log, "x1\n");
  CHECK(poll(tail, c) ==
        std::vector<Seen>{{"third-torn", 3, LineEnd::torn}, {"x1", 1, LineEnd::newline}});
  append(log, "x2\n");
  CHECK(poll(tail, c) == std::vector<Seen>{{"x2", 2, LineEnd::newline}});
  fs::resize_file(log, 0);
  CHECK(poll(tail, c).empty());
  append(log, "y\n");
  CHECK(poll(tail, c) == std::vector<Seen>{{"y", 1, LineEnd::newline}});
}

TEST_CASE("a log that cannot be opened is an error naming the path") {
  const fs::path dir = fresh_dir("unreadable");
  daemon::AuditTail tail(dir); // a directory
  Collector c;
  const auto polled = tail.poll(c.sink());
  REQUIRE_FALSE(polled.has_value());
  CHECK(polled.error() == dir.string() + ": cannot open: Is a directory");
}
