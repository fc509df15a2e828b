#include "parsers/mailbox_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <iostream>
#include <span>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace appeald::parsers {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;
// Longest undecided line start: a postmark plus the '\r' of a CRLF file.
constexpr std::size_t max_head_bytes = max_postmark_bytes + 1;

std::string errno_text(int e) {
  return std::generic_category().message(e);
}

// Where bytes come from: a file descriptor or an istream.
class ByteSource {
public:
  virtual ~ByteSource() = default;
  // Up to buf.size() bytes; 0 at the end of input; a one-line reason on failure.
  virtual std::expected<std::size_t, std::string> read(std::span<char> buf) = 0;
};

class FdSource final : public ByteSource {
public:
  FdSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FdSource() override { ::close(fd_); }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  static std::expected<std::unique_ptr<ByteSource>, std::string> open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return std::unexpected("cannot open " + path + ": " + errno_text(errno));
    }
    return std::make_unique<FdSource>(fd, path);
  }

  std::expected<std::size_t, std::string> read(std::span<char> buf) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buf.data(), buf.size());
      if (got >= 0) {
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR) {
        return std::unexpected("cannot read " + path_ + ": " + errno_text(errno));
      }
    }
  }

private:
  int fd_;
  std::string path_;
};

class StreamSource final : public ByteSource {
public:
  StreamSource(std::istream& in, std::string origin) : in_(in), origin_(std::move(origin)) {}

  // Bytes of a read() call that fails are lost with it (istream reports no count then); the
  // reader drops the incomplete message anyway.
  std::expected<std::size_t, std::string> read(std::span<char> buf) override {
    try {
      in_.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    } catch (const std::exception& e) { // only when the caller enabled stream exceptions
      return std::unexpected("cannot read " + origin_ + ": " + e.what());
    }
    if (in_.bad()) {
      return std::unexpected("cannot read " + origin_ + ": stream error");
    }
    return static_cast<std::size_t>(in_.gcount());
  }

private:
  std::istream& in_;
  std::string origin_;
};

// Messages from one source: one message, an mbox, or either (decided by the first line).
class SourceReader final : public MailboxReader {
public:
  SourceReader(std::unique_ptr<ByteSource> source, std::string origin, std::size_t max,
               StreamFormat format)
      : source_(std::move(source)), origin_(std::move(origin)), max_(max), format_(format),
        splitter_(max), buffer_(chunk_bytes) {}

  std::optional<RawMessage> next() override {
    for (;;) {
      if (format_ == StreamFormat::mbox) {
        if (auto bytes = splitter_.next()) {
          return RawMessage{std::move(*bytes), origin_ + "#" + std::to_string(++count_),
                            splitter_.last_truncated()};
        }
      }
      if (single_) {
        return std::exchange(single_, std::nullopt);
      }
      if (done_) {
        return std::nullopt;
      }
      auto got = source_->read(buffer_);
      if (!got) {
        error_ = std::move(got.error()); // the message being read is incomplete: dropped
        done_ = true;
      } else if (*got == 0) {
        end_of_input();
      } else {
        consume(std::string_view(buffer_.data(), *got));
      }
    }
  }

  std::string error() const override { return error_; }
  std::size_t peak_buffered_bytes() const override { return peak_; }

private:
  void consume(std::string_view chunk) {
    if (format_ == StreamFormat::detect) {
      // The first line decides; it is at most a postmark long, so the sniffed bytes are bounded.
      sniffed_.append(chunk);
      if (sniffed_.find('\n') == std::string::npos && sniffed_.size() <= max_head_bytes) {
        note_peak();
        return;
      }
      decide_format();
      chunk = sniffed_;
    }
    if (format_ == StreamFormat::mbox) {
      splitter_.feed(chunk);
    } else {
      const std::size_t room = max_ - std::min(max_, message_.size());
      truncated_ = truncated_ || chunk.size() > room;
      message_.append(chunk.substr(0, std::min(room, chunk.size())));
    }
    note_peak();
    sniffed_.clear();
  }

  void decide_format() {
    std::string_view first = sniffed_;
    first = first.substr(0, first.find('\n'));
    if (first.ends_with('\r')) {
      first.remove_suffix(1);
    }
    format_ = is_mbox_postmark(first) ? StreamFormat::mbox : StreamFormat::message;
  }

  void end_of_input() {
    if (format_ == StreamFormat::detect) {
      decide_format();
      consume(sniffed_);
    }
    if (format_ == StreamFormat::mbox) {
      splitter_.finish();
    } else {
      single_ = RawMessage{std::move(message_), origin_, truncated_};
    }
    done_ = true;
  }

  void note_peak() {
    peak_ = std::max(peak_, buffer_.size() + sniffed_.size() + message_.size() +
                                splitter_.buffered_bytes());
  }

  std::unique_ptr<ByteSource> source_;
  std::string origin_;
  std::size_t max_;
  StreamFormat format_;
  MboxSplitter splitter_;
  std::vector<char> buffer_;
  std::string sniffed_;
  std::string message_;
  bool truncated_ = false;
  std::optional<RawMessage> single_;
  bool done_ = false;
  std::size_t count_ = 0;
  std::string error_;
  std::size_t peak_ = 0;
};

// Messages from a list of files, opened one at a time.
class FileListReader final : public MailboxReader {
public:
  FileListReader(std::vector<std::string> files, std::size_t max, StreamFormat format)
      : files_(std::move(files)), max_(max), format_(format) {}

  std::optional<RawMessage> next() override {
    for (;;) {
      if (current_) {
        if (auto message = current_->next()) {
          return message;
        }
        peak_ = std::max(peak_, current_->peak_buffered_bytes());
        error_ = current_->error();
        current_.reset();
        if (!error_.empty()) {
          index_ = files_.size();
        }
      }
      if (index_ == files_.size()) {
        return std::nullopt;
      }
      const std::string& path = files_[index_++];
      auto source = FdSource::open(path);
      if (!source) {
        error_ = std::move(source.error()); // e.g. moved away by a mail client meanwhile
        index_ = files_.size();
        return std::nullopt;
      }
      current_ = std::make_unique<SourceReader>(std::move(*source), path, max_, format_);
    }
  }

  std::string error() const override { return error_; }
  std::size_t peak_buffered_bytes() const override {
    return std::max(peak_, current_ ? current_->peak_buffered_bytes() : 0);
  }

private:
  std::vector<std::string> files_;
  std::size_t index_ = 0;
  std::size_t max_;
  StreamFormat format_;
  std::unique_ptr<SourceReader> current_;
  std::string error_;
  std::size_t peak_ = 0;
};

// Regular files of `dir` whose names do not start with '.', sorted by name, appended to `out`.
std::expected<void, std::string> list_files(const fs::path& dir, std::vector<std::string>& out) {
  std::error_code ec;
  std::vector<fs::path> found;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (!p.filename().string().starts_with('.') && it->is_regular_file(type_ec)) {
      found.push_back(p);
    }
  }
  if (ec) {
    return std::unexpected("cannot open " + dir.string() + ": " + ec.message());
  }
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return a.filename().native() < b.filename().native();
  });
  for (const fs::path& p : found) {
    out.push_back(p.string());
  }
  return {};
}

} // namespace

std::expected<std::unique_ptr<MailboxReader>, std::string>
open_mailbox(const std::string& path, std::size_t max_message_bytes) {
  if (path == "-") {
    return read_stream(std::cin, "stdin", max_message_bytes, StreamFormat::detect);
  }
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    auto source = FdSource::open(path);
    if (!source) {
      return std::unexpected(std::move(source.error()));
    }
    return std::make_unique<SourceReader>(std::move(*source), path, max_message_bytes,
                                          StreamFormat::detect);
  }
  const fs::path dir(path);
  std::vector<std::string> files;
  bool maildir = false;
  for (const char* sub : {"cur", "new"}) {
    if (fs::is_directory(dir / sub, ec)) {
      maildir = true;
      if (auto listed = list_files(dir / sub, files); !listed) {
        return std::unexpected(std::move(listed.error()));
      }
    }
  }
  if (maildir) {
    // Why no sniffing: a Maildir file is one message by definition.
    return std::make_unique<FileListReader>(std::move(files), max_message_bytes,
                                            StreamFormat::message);
  }
  if (auto listed = list_files(dir, files); !listed) {
    return std::unexpected(std::move(listed.error()));
  }
  if (files.empty()) {
    return std::unexpected(path + ": not a mailbox (a directory with no files)");
  }
  return std::make_unique<FileListReader>(std::move(files), max_message_bytes,
                                          StreamFormat::detect);
}

std::unique_ptr<MailboxReader> read_stream(std::istream& in, std::string origin,
                                           std::size_t max_message_bytes, StreamFormat format) {
  auto source = std::make_unique<StreamSource>(in, origin);
  return std::make_unique<SourceReader>(std::move(source), std::move(origin), max_message_bytes,
                                        format);
}

std::unique_ptr<MailboxReader> read_stream(std::istream& in, std::string origin,
                                           std::size_t max_message_bytes, bool as_mbox) {
  return read_stream(in, std::move(origin), max_message_bytes,
                     as_mbox ? StreamFormat::mbox : StreamFormat::message);
}

} // namespace appeald::parsers
