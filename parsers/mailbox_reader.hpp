#pragma once
// Streaming readers for mailbox dumps: mbox (mboxo/mboxrd), Maildir, .eml files, stdin.
// Reading only: no parsing beyond splitting messages, no logging.
#include <cstddef>
#include <expected>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::parsers {

struct RawMessage {
  std::string bytes;  // the message as stored, mbox escaping undone
  std::string origin; // where it came from: "dump.mbox#17", "Maildir/cur/1234.host:2,S"
};

// Incremental mbox splitter: feed any chunking of the file (even one byte at a time) and get the
// same messages. A message starts at a line beginning "From " at the start of the file or after
// a blank line... (mboxo) or any line (mboxrd writers always escape). Lines ">From ", ">>From "
// etc. lose one '>' (mboxrd unescaping, which also reads mboxo correctly except for the rare
// body line that really began with ">From "). The separator line itself is not part of the
// message; the line end before the next separator is removed.
class MboxSplitter {
public:
  explicit MboxSplitter(std::size_t max_message_bytes);
  // Consumes `chunk`. Complete messages become available through next().
  void feed(std::string_view chunk);
  // Marks the end of input; the last message becomes available.
  void finish();
  // The next complete message, or nullopt.
  std::optional<std::string> next();
  // Messages cut at max_message_bytes so far (their excess was discarded).
  std::size_t truncated() const;

private:
  struct State;
  std::shared_ptr<State> state_;
};

// A source of messages, pulled one at a time (init / next). Memory stays bounded by the largest
// message, whatever the dump's size.
class MailboxReader {
public:
  virtual ~MailboxReader() = default;
  // The next message, nullopt at the end. I/O errors after opening end the stream and are
  // reported by error().
  virtual std::optional<RawMessage> next() = 0;
  virtual std::string error() const { return {}; }
};

// Opens `path`: "-" (one message on stdin), an mbox file (first line starts "From "), a Maildir
// (has cur/ or new/; both are read, each sorted by file name), a directory of files (sorted by
// name, recursing not), or a single message file. Messages larger than `max_message_bytes` are
// truncated to it. Error: a one-line reason ("cannot open x: No such file or directory").
std::expected<std::unique_ptr<MailboxReader>, std::string>
open_mailbox(const std::string& path, std::size_t max_message_bytes);

// A reader over an already open stream, as mbox when `as_mbox`, else as one message.
std::unique_ptr<MailboxReader> read_stream(std::istream& in, std::string origin,
                                           std::size_t max_message_bytes, bool as_mbox);

} // namespace appeald::parsers
