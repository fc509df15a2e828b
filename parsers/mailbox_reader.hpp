#pragma once
// Streaming readers for mailbox dumps: mbox (mboxo/mboxrd), Maildir, .eml files, stdin.
// Reading only: no parsing beyond splitting messages, no logging. Memory stays flat whatever the
// dump's size: files are read in 64 KiB chunks and at most one message (bounded by
// max_message_bytes) is assembled at a time.
#include "parsers/mbox_splitter.hpp"

#include <cstddef>
#include <expected>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::parsers {

struct RawMessage {
  std::string bytes;      // the message as stored, mbox escaping undone
  std::string origin;     // where it came from: "dump.mbox#17", "Maildir/cur/1234.host:2,S"
  bool truncated = false; // bytes beyond max_message_bytes were discarded; `bytes` is the prefix
};

// A source of messages, pulled one at a time (init / next). Memory stays bounded by the largest
// message, whatever the dump's size.
class MailboxReader {
public:
  virtual ~MailboxReader() = default;
  // The next message, nullopt at the end. I/O errors after opening (a read error, a Maildir or
  // directory file that can no longer be opened) end the stream and are reported by error();
  // the message being read when it happened is not returned, since it is incomplete.
  virtual std::optional<RawMessage> next() = 0;
  // Empty, or a one-line reason why the stream ended early.
  virtual std::string error() const { return {}; }
  // Peak bytes this reader has held at once (read buffer, splitter, message being assembled);
  // lets tests prove that memory stays flat.
  virtual std::size_t peak_buffered_bytes() const { return 0; }
};

// Opens `path`:
// - "-": standard input; an mbox when its first line is a postmark (is_mbox_postmark), else one
//   message. Origins are "stdin" or "stdin#N".
// - a Maildir (a directory with cur/ or new/): every regular file in cur/ then new/, each sorted
//   by file name, one message per file; tmp/ and names starting with '.' are ignored. An empty
//   Maildir is an empty mailbox, not an error.
// - another directory: its regular files whose names do not start with '.', sorted by name,
//   not recursing; each is read like a single file (below).
// - a file: an mbox when its first line is a postmark, else one message (.eml). Mbox origins
//   are "path#N" (N counts from 1), others the file path.
// Messages larger than `max_message_bytes` are truncated to it (RawMessage::truncated).
// Error: a one-line reason ("cannot open x: No such file or directory", "x: not a mailbox (a
// directory with no files)").
std::expected<std::unique_ptr<MailboxReader>, std::string>
open_mailbox(const std::string& path, std::size_t max_message_bytes);

// How read_stream interprets its input.
enum class StreamFormat {
  message, // the whole stream is one message
  mbox,    // an mbox (see MboxSplitter)
  detect,  // an mbox when the first line is a postmark, else one message
};

// A reader over an already open stream that must outlive the reader. Origins are `origin` for
// one message, `origin#N` for mbox messages. A stream that turns bad ends the reader (error()).
std::unique_ptr<MailboxReader> read_stream(std::istream& in, std::string origin,
                                           std::size_t max_message_bytes, StreamFormat format);
// As above, as mbox when `as_mbox`, else as one message.
std::unique_ptr<MailboxReader> read_stream(std::istream& in, std::string origin,
                                           std::size_t max_message_bytes, bool as_mbox);

} // namespace appeald::parsers
