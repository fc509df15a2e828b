// Writing on a second thread must not change what a dry-run prints: every item reaches the sink
// once, in the order pushed, whatever the queue depth; a sink that stops or throws stops the
// pushes and is reported by finish(); a caller that leaves early must not hang.
#include "daemon/write_behind.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using appeald::daemon::WriteBehind;

TEST_CASE("items reach the sink in the order pushed, whatever the queue depth") {
  struct Row {
    int items;
    std::size_t depth;
    bool threaded;
  };
  for (const Row row :
       {Row{0, 1, true}, Row{1, 1, true}, Row{7, 1, true}, Row{100, 2, true}, Row{5000, 64, true},
        Row{3, 0, true}, Row{15, 64, true}, Row{0, 64, false}, Row{100, 2, false}}) {
    CAPTURE(row.items);
    CAPTURE(row.depth);
    CAPTURE(row.threaded);
    std::vector<int> seen; // written by the worker only, read after finish()
    WriteBehind<int> writer(
        [&](int& n) {
          seen.push_back(n);
          return true;
        },
        row.threaded, row.depth);
    for (int i = 0; i < row.items; ++i) {
      REQUIRE(writer.push(i));
    }
    CHECK(writer.finish());
    REQUIRE(seen.size() == static_cast<std::size_t>(row.items));
    for (int i = 0; i < row.items; ++i) {
      CHECK(seen[static_cast<std::size_t>(i)] == i);
    }
  }
}

TEST_CASE("items are moved to the sink, not copied") {
  for (const bool threaded : {true, false}) {
    CAPTURE(threaded);
    std::vector<std::string> seen;
    WriteBehind<std::unique_ptr<std::string>> writer(
        [&](std::unique_ptr<std::string>& s) {
          seen.push_back(*s);
          return true;
        },
        threaded);
    for (const char* text : {"first", "second", "third"}) {
      REQUIRE(writer.push(std::make_unique<std::string>(text)));
    }
    CHECK(writer.finish());
    CHECK(seen == std::vector<std::string>{"first", "second", "third"});
  }
}

TEST_CASE("a sink that returns false stops the writer: later pushes fail, finish says so") {
  struct Row {
    int stop_at; // the item the sink refuses
    std::size_t depth;
    bool threaded;
  };
  for (const Row row : {Row{0, 1, true}, Row{3, 1, true}, Row{3, 64, true}, Row{999, 8, true},
                        Row{0, 64, false}, Row{3, 64, false}}) {
    CAPTURE(row.stop_at);
    CAPTURE(row.depth);
    CAPTURE(row.threaded);
    std::vector<int> seen;
    WriteBehind<int> writer(
        [&](int& n) {
          if (n == row.stop_at) {
            return false;
          }
          seen.push_back(n);
          return true;
        },
        row.threaded, row.depth);
    int pushed = 0;
    while (pushed < 100000 && writer.push(pushed)) {
      ++pushed;
    }
    // The refusal reaches the caller within a queue's depth (plus the batch in hand); inline,
    // at the push of the refused item itself.
    CHECK(pushed >= row.stop_at);
    CHECK((pushed > row.stop_at) == row.threaded);
    CHECK(pushed < 100000);
    CHECK_FALSE(writer.finish());
    REQUIRE(seen.size() == static_cast<std::size_t>(row.stop_at));
    for (int i = 0; i < row.stop_at; ++i) {
      CHECK(seen[static_cast<std::size_t>(i)] == i);
    }
  }
}

TEST_CASE("what the sink throws stops the writer and is rethrown by finish") {
  for (const bool threaded : {true, false}) {
    CAPTURE(threaded);
    std::vector<int> seen;
    WriteBehind<int> writer(
        [&](int& n) {
          if (n == 5) {
            throw std::runtime_error("sink failed at 5");
          }
          seen.push_back(n);
          return true;
        },
        threaded);
    int pushed = 0;
    while (pushed < 100000 && writer.push(pushed)) {
      ++pushed;
    }
    CHECK(pushed < 100000);
    CHECK_THROWS_WITH_AS(writer.finish(), "sink failed at 5", std::runtime_error);
    CHECK(seen == std::vector<int>{0, 1, 2, 3, 4});
  }
}

TEST_CASE("a writer left without finish ends its worker and drops what is queued") {
  // Nothing to check but that the destructor returns, with items queued and a slow sink, and
  // under the sanitizers that nothing leaks or races.
  for (const std::size_t depth : {std::size_t{1}, std::size_t{4}, std::size_t{64}}) {
    CAPTURE(depth);
    int handled = 0;
    {
      WriteBehind<std::string> writer(
          [&](std::string&) {
            ++handled;
            return true;
          },
          true, depth);
      for (int i = 0; i < 50; ++i) {
        writer.push(std::string(100, 'x'));
      }
    }
    CHECK(handled <= 50);
  }
}
