#include "daemon/audit_tail.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace appeald::daemon {

namespace {

constexpr std::size_t read_chunk_bytes = 64 * 1024;

std::string failure(const std::filesystem::path& path, std::string_view what, int err) {
  return path.string() + ": " + std::string(what) + ": " + std::strerror(err);
}

} // namespace

void LineSplitter::feed(std::string_view bytes, const TailSink& sink) {
  while (!bytes.empty()) {
    const std::size_t nl = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, nl);
    if (nl == std::string_view::npos) {
      if (!skipping_) {
        pending_.append(piece);
        if (pending_.size() > max_audit_line_bytes) {
          pending_.clear();
          pending_.shrink_to_fit();
          skipping_ = true;
        }
      }
      return;
    }
    ++lines_;
    if (skipping_) {
      sink({{}, lines_, LineEnd::overlong});
    } else if (pending_.empty()) {
      if (piece.size() > max_audit_line_bytes) {
        sink({{}, lines_, LineEnd::overlong});
      } else {
        sink({piece, lines_, LineEnd::newline}); // the common case: no copy
      }
    } else {
      pending_.append(piece);
      if (pending_.size() > max_audit_line_bytes) {
        sink({{}, lines_, LineEnd::overlong});
      } else {
        sink({pending_, lines_, LineEnd::newline});
      }
    }
    pending_.clear();
    skipping_ = false;
    bytes.remove_prefix(nl + 1);
  }
}

void LineSplitter::finish(const TailSink& sink) {
  if (holds_partial_line()) {
    sink({skipping_ ? std::string_view() : std::string_view(pending_), lines_ + 1,
          skipping_ ? LineEnd::overlong : LineEnd::torn});
  }
  pending_.clear();
  skipping_ = false;
  lines_ = 0;
}

AuditTail::AuditTail(std::filesystem::path path) : path_(std::move(path)) {}

AuditTail::~AuditTail() {
  close_file();
}

void AuditTail::close_file() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
  fd_ = -1;
  offset_ = 0;
}

std::expected<void, std::string> AuditTail::open_path() {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) {
      return {}; // not there (yet): the caller waits or reports an empty log
    }
    return std::unexpected(failure(path_, "cannot open", errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return std::unexpected(failure(path_, "cannot open", err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return std::unexpected(failure(path_, "cannot open", EISDIR));
  }
  fd_ = fd;
  dev_ = st.st_dev;
  ino_ = st.st_ino;
  offset_ = 0;
  return {};
}

std::expected<void, std::string> AuditTail::drain(const TailSink& sink) {
  std::array<char, read_chunk_bytes> buffer{};
  for (;;) {
    const ssize_t n = ::pread(fd_, buffer.data(), buffer.size(), offset_);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return std::unexpected(failure(path_, "cannot read", errno));
    }
    if (n == 0) {
      return {};
    }
    offset_ += n;
    splitter_.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)), sink);
  }
}

std::expected<void, std::string> AuditTail::poll(const TailSink& sink) {
  if (fd_ < 0) {
    if (auto opened = open_path(); !opened || fd_ < 0) {
      return opened;
    }
  }
  if (auto read = drain(sink); !read) {
    return read;
  }
  struct stat open_file {};
  if (::fstat(fd_, &open_file) != 0) {
    return std::unexpected(failure(path_, "cannot read", errno));
  }
  if (open_file.st_size < offset_) {
    // Truncated in place (copytruncate, or `: > audit.jsonl`): start the file over.
    splitter_.finish(sink);
    offset_ = 0;
    if (auto read = drain(sink); !read) {
      return read;
    }
  }
  struct stat at_path {};
  if (::stat(path_.c_str(), &at_path) != 0 || (at_path.st_dev == dev_ && at_path.st_ino == ino_)) {
    return {}; // the same file, or moved away with no successor yet: keep following it
  }
  // Rotated: the path names a new file. The old one was read to its end above; read it once
  // more for a line its writer appended while we looked at the path, then switch.
  if (auto read = drain(sink); !read) {
    return read;
  }
  splitter_.finish(sink);
  close_file();
  if (auto opened = open_path(); !opened || fd_ < 0) {
    return opened;
  }
  return drain(sink);
}

void AuditTail::finish(const TailSink& sink) {
  splitter_.finish(sink);
}

} // namespace appeald::daemon
