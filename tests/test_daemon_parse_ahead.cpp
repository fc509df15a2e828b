// Parsing on a second thread must not change what a dry-run sees: every message, in the
// mailbox's order, each parsed as it would be inline, with the reader's error and a truncated
// message's mark carried over, and a caller that stops early must not hang or leak the worker.
#include "daemon/parse_ahead.hpp"

#include <doctest/doctest.h>

#include <new>
#include <string>
#include <vector>

using appeald::daemon::ParseAhead;
using appeald::daemon::ParsedMessage;
using appeald::parsers::MailboxReader;
using appeald::parsers::RawMessage;

namespace {

std::string mail(int n) {
  return "From: sender" + std::to_string(n) + "@example.com\r\nSubject: message " +
         std::to_string(n) + "\r\nMessage-ID: <m" + std::to_string(n) +
         "@example.com>\r\n\r\nWe removed the list number " + std::to_string(n) + ".\r\n";
}

// `count` messages, then an optional error; or a throw instead of message `throw_at`.
class FakeReader : public MailboxReader {
public:
  FakeReader(int count, std::string error, int throw_at = -1, int truncated_at = -1)
      : count_(count), error_(std::move(error)), throw_at_(throw_at), truncated_at_(truncated_at) {}

  std::optional<RawMessage> next() override {
    if (next_ == throw_at_) {
      throw std::bad_alloc();
    }
    if (next_ >= count_) {
      return std::nullopt;
    }
    RawMessage raw{mail(next_), "fake#" + std::to_string(next_ + 1), next_ == truncated_at_};
    ++next_;
    return raw;
  }
  std::string error() const override { return next_ >= count_ ? error_ : std::string(); }

private:
  int count_;
  std::string error_;
  int throw_at_;
  int truncated_at_;
  int next_ = 0;
};

std::vector<ParsedMessage> drain(ParseAhead& ahead) {
  std::vector<ParsedMessage> out;
  while (auto m = ahead.next()) {
    out.push_back(std::move(*m));
  }
  return out;
}

} // namespace

TEST_CASE("parsed messages come out in mailbox order, whatever the queue depth") {
  struct Row {
    int messages;
    std::size_t depth;
  };
  for (const Row row : {Row{0, 1}, Row{1, 1}, Row{7, 1}, Row{100, 2}, Row{500, 64}, Row{3, 0}}) {
    CAPTURE(row.messages);
    CAPTURE(row.depth);
    ParseAhead ahead(std::make_unique<FakeReader>(row.messages, ""), {}, row.depth);
    const std::vector<ParsedMessage> got = drain(ahead);
    REQUIRE(got.size() == static_cast<std::size_t>(row.messages));
    for (int i = 0; i < row.messages; ++i) {
      const ParsedMessage& m = got[static_cast<std::size_t>(i)];
      CHECK(m.origin == "fake#" + std::to_string(i + 1));
      CHECK(m.bytes == mail(i).size());
      CHECK(m.message.subject == "message " + std::to_string(i));
      CHECK_FALSE(m.message.truncated);
    }
    CHECK(ahead.error().empty());
    CHECK_FALSE(ahead.next().has_value()); // the end stays the end
  }
}

TEST_CASE("a message the reader cut at max_message_bytes is marked too large") {
  ParseAhead ahead(std::make_unique<FakeReader>(3, "", -1, 1), {}, 4);
  const std::vector<ParsedMessage> got = drain(ahead);
  REQUIRE(got.size() == 3);
  CHECK_FALSE(got[0].message.truncated);
  CHECK(got[1].message.truncated);
  CHECK(got[1].message.warnings.has("message-too-large"));
  CHECK_FALSE(got[2].message.truncated);
}

TEST_CASE("the reader's error is reported after the messages read before it") {
  ParseAhead ahead(std::make_unique<FakeReader>(5, "read error: Input/output error"), {}, 2);
  CHECK(drain(ahead).size() == 5);
  CHECK(ahead.error() == "read error: Input/output error");
}

TEST_CASE("what the worker throws reaches the caller after the messages before it") {
  ParseAhead ahead(std::make_unique<FakeReader>(10, "", 4), {}, 8);
  int taken = 0;
  CHECK_THROWS_AS(
      [&] {
        while (ahead.next()) {
          ++taken;
        }
      }(),
      std::bad_alloc);
  CHECK(taken == 4);
}

TEST_CASE("a caller that stops early ends the worker, whether it is waiting for room or not") {
  for (const int taken : {0, 1, 5}) {
    CAPTURE(taken);
    ParseAhead ahead(std::make_unique<FakeReader>(1000, ""), {}, 3);
    for (int i = 0; i < taken; ++i) {
      REQUIRE(ahead.next().has_value());
    }
  } // the destructor must return
}
