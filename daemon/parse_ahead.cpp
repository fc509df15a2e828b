#include "daemon/parse_ahead.hpp"

#include <utility>

namespace appeald::daemon {

ParseAhead::ParseAhead(std::unique_ptr<parsers::MailboxReader> reader,
                       parsers::ParseOptions options, std::size_t depth)
    : reader_(std::move(reader)), options_(std::move(options)), depth_(depth == 0 ? 1 : depth),
      worker_([this] { work(); }) {}

ParseAhead::~ParseAhead() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  room_.notify_all();
  worker_.join();
}

void ParseAhead::work() {
  try {
    while (std::optional<parsers::RawMessage> raw = reader_->next()) {
      ParsedMessage parsed{parsers::parse_message(raw->bytes, options_), std::move(raw->origin),
                           raw->bytes.size()};
      if (raw->truncated && !parsed.message.truncated) {
        // The reader kept exactly max_message_bytes, so the parser saw no excess.
        parsed.message.truncated = true;
        parsed.message.warnings.add("message-too-large");
      }
      raw.reset(); // the raw bytes go before waiting for room
      std::unique_lock lock(mutex_);
      room_.wait(lock, [this] { return stopping_ || queue_.size() < depth_; });
      if (stopping_) {
        return;
      }
      queue_.push_back(std::move(parsed));
      if (queue_.size() == 1) {
        ready_.notify_one();
      }
    }
    error_ = reader_->error();
  } catch (...) {
    failure_ = std::current_exception();
  }
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  ready_.notify_one();
}

std::optional<ParsedMessage> ParseAhead::next() {
  if (taken_.empty()) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return finished_ || !queue_.empty(); });
    taken_.swap(queue_);
    if (taken_.empty()) {
      if (failure_) {
        std::rethrow_exception(failure_);
      }
      return std::nullopt;
    }
    lock.unlock();
    room_.notify_one();
  }
  ParsedMessage m = std::move(taken_.front());
  taken_.pop_front();
  return m;
}

} // namespace appeald::daemon
