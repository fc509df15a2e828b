#pragma once
// Reading and parsing a mailbox on a second thread, ahead of the caller, so that a dry-run over a
// large dump uses two cores: one splits and parses messages (pure work on bytes, parsers/), the
// other judges them in order (the desk's state is not shared). Messages come out in the
// mailbox's order whatever the threads do.
#include "parsers/mailbox_reader.hpp"
#include "parsers/message.hpp"
#include "parsers/message_parser.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace appeald::daemon {

// One message of the mailbox, parsed; its raw bytes are not kept (the parsed form holds what a
// verdict needs).
struct ParsedMessage {
  parsers::Message message;
  std::string origin; // RawMessage::origin
  std::size_t bytes;  // the raw message's size, for throughput figures
};

class ParseAhead {
public:
  // Messages parsed and not yet taken, at most. Each holds a message's decoded text (bounded by
  // ParserLimits), so memory stays bounded by depth times the largest parsed message.
  static constexpr std::size_t default_depth = 64;

  // Starts the worker, which reads `reader` to its end with `options`. A message the reader
  // truncated (RawMessage::truncated) is marked truncated with a "message-too-large" warning if
  // the parser saw no excess itself, so it goes to triage like any other over a limit.
  ParseAhead(std::unique_ptr<parsers::MailboxReader> reader, parsers::ParseOptions options,
             std::size_t depth = default_depth);
  // Stops the worker (it finishes the message in hand) and waits for it.
  ~ParseAhead();
  ParseAhead(const ParseAhead&) = delete;
  ParseAhead& operator=(const ParseAhead&) = delete;

  // The next message in mailbox order, or nullopt at the end. Rethrows what the worker threw
  // (only std::bad_alloc is expected: the parsers do not throw on bad input).
  std::optional<ParsedMessage> next();
  // After next() returned nullopt: the reader's error() (empty when the mailbox was read whole).
  const std::string& error() const { return error_; }

private:
  void work();

  std::unique_ptr<parsers::MailboxReader> reader_;
  const parsers::ParseOptions options_;
  const std::size_t depth_;

  std::mutex mutex_;
  std::condition_variable ready_; // the queue has messages, or the worker finished
  std::condition_variable room_;  // the queue has room, or the caller is going away
  std::deque<ParsedMessage> queue_;
  bool finished_ = false; // the worker read the last message (guarded by mutex_)
  bool stopping_ = false; // the destructor asks the worker to end (guarded by mutex_)
  std::exception_ptr failure_;
  std::string error_; // written by the worker before finished_, read after

  std::deque<ParsedMessage> taken_; // the caller's side: swapped out of queue_ in one lock
  std::thread worker_;              // last: starts once every member above exists
};

} // namespace appeald::daemon
