#pragma once
// Following the audit log file like `tail -F`: lines as they are appended, across rotation (the
// path now names another file) and truncation. Used once for a plain read (poll, then finish)
// and in a loop for `appeald audit --follow`. Polling only: no inotify.
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace appeald::daemon {

// A line longer than this is skipped (reported as LineEnd::overlong) instead of being held in
// memory: an audit line is a few hundred bytes, so this is corruption.
inline constexpr std::size_t max_audit_line_bytes = 1 << 20;

enum class LineEnd {
  newline,  // a complete line; `text` is without its '\n'
  torn,     // the file ended (or was rotated or truncated) in the middle of this line
  overlong, // longer than max_audit_line_bytes; `text` is empty
};

struct TailLine {
  std::string_view text; // valid only during the callback
  std::size_t number;    // 1-based, within its file (counting restarts after rotation/truncation)
  LineEnd end;
};

using TailSink = std::function<void(const TailLine&)>;

// Cuts a byte stream into lines. A last line without its newline is held until the rest arrives
// (feed) or the stream ends (finish). Feeding the bytes in any chunking gives the same lines.
class LineSplitter {
public:
  void feed(std::string_view bytes, const TailSink& sink);
  // Reports a held partial line as torn, then starts over at line 1.
  void finish(const TailSink& sink);
  bool holds_partial_line() const { return !pending_.empty() || skipping_; }

private:
  std::string pending_;
  std::size_t lines_ = 0;
  bool skipping_ = false; // inside an overlong line, dropping bytes up to its newline
};

// One path followed across files. Not thread-safe; owns the file descriptor it reads.
class AuditTail {
public:
  explicit AuditTail(std::filesystem::path path);
  AuditTail(const AuditTail&) = delete;
  AuditTail& operator=(const AuditTail&) = delete;
  ~AuditTail();

  // Opens the path when no file is open (a missing file is not an error: nothing is read and
  // is_open() stays false), reads every complete line appended since the last call, then:
  // - truncation (the open file is now shorter than what was read): a held partial line is
  //   reported torn, and the file is read again from its start;
  // - rotation (the path names another inode): the old file is read to its end, a held partial
  //   line reported torn, then the new file is opened and read from its start. While the path is
  //   missing (moved away, not yet recreated) the old file keeps being followed.
  // Error (one line): "PATH: cannot open: reason" / "PATH: cannot read: reason".
  std::expected<void, std::string> poll(const TailSink& sink);

  // The end of a plain read: a held partial line is reported torn.
  void finish(const TailSink& sink);

  bool is_open() const { return fd_ >= 0; }

private:
  std::expected<void, std::string> open_path();
  std::expected<void, std::string> drain(const TailSink& sink);
  void close_file();

  std::filesystem::path path_;
  int fd_ = -1;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  std::int64_t offset_ = 0; // bytes of the open file read so far
  LineSplitter splitter_;
};

} // namespace appeald::daemon
