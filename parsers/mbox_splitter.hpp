#pragma once
// Splitting an mbox byte stream (mboxo/mboxrd) into messages, incrementally.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::parsers {

// True when `line` (without its line end) is an mbox separator ("postmark") line:
//   "From " + a sender token (one or more non-blank characters) + blanks + a date that contains
//   both a time "h:mm" or "hh:mm" and a 4-digit year, and the whole line is at most
//   max_postmark_bytes long.
// Accepted: "From ops@example.com Mon Nov  2 13:30:30 2026", "From MAILER-DAEMON Tue Nov  3
// 10:00:48 2026", "From - Mon Nov 02 13:30:30 2026" (Thunderbird), "... 13:30:30 +0000 2026".
// Rejected: "From now on we only email confirmed subscribers." and "From here, since 2019, ...".
// Why so strict: mboxo writers do not escape body lines starting "From ", and every real writer
// puts an asctime() date (which always has both a time and a year) in the postmark.
bool is_mbox_postmark(std::string_view line);
inline constexpr std::size_t max_postmark_bytes = 1000;

// Incremental mbox splitter: feed any chunking of the file (even one byte at a time) and get the
// same messages.
// - A separator is a postmark line (is_mbox_postmark) at the start of the input or right after a
//   line end ("\n" or "\r\n"; CRLF files are handled). The separator line is not part of any
//   message, and the line end right before it belongs to it: exactly one line end is stripped
//   from the end of every message, the last one included (writers end each message with an
//   empty line).
// - A line "^>+From " loses one '>' (mboxrd unescaping, which also reads mboxo ">From " escapes
//   correctly; only the rare mboxo body line that really began with ">From " changes).
// - Bytes before the first separator (input that is not an mbox) come out as one message when
//   not empty, so nothing is silently dropped. Messages after a separator come out even when
//   empty.
// - Bytes of a message beyond max_message_bytes are discarded; the message's prefix is still
//   returned (see last_truncated()).
// Memory: the message being assembled (<= max_message_bytes), the undecided start of the current
// line (<= max_postmark_bytes) and the complete messages not yet taken with next(). Callers that
// drain next() after every feed() of a bounded chunk hold at most about one chunk plus one
// message.
class MboxSplitter {
public:
  explicit MboxSplitter(std::size_t max_message_bytes);
  ~MboxSplitter();
  MboxSplitter(MboxSplitter&&) noexcept;
  MboxSplitter& operator=(MboxSplitter&&) noexcept;
  // Consumes `chunk`. Complete messages become available through next().
  void feed(std::string_view chunk);
  // Marks the end of input; the last message becomes available. Feeding after finish() is
  // ignored.
  void finish();
  // The next complete message, or nullopt.
  std::optional<std::string> next();
  // Whether the message last returned by next() was cut at max_message_bytes.
  bool last_truncated() const;
  // Messages cut at max_message_bytes so far (their excess was discarded).
  std::size_t truncated() const;
  // Bytes held right now (message being assembled, undecided line start, messages ready but not
  // yet taken). Lets tests prove that memory stays bounded.
  std::size_t buffered_bytes() const;

private:
  struct State;
  std::unique_ptr<State> state_;
};

} // namespace appeald::parsers
