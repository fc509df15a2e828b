#include "config/secrets.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace appeald::config {

namespace {

// The file's bytes, with its mode in `mode`. Reads at most max_secret_bytes + 1 so an oversized
// file is detected without reading all of it.
std::expected<std::string, std::string> read_secret_file(const std::string& path, mode_t& mode) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    return std::unexpected(path + ": cannot read: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return std::unexpected(path + ": cannot read: " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return std::unexpected(path + ": cannot read: not a regular file");
  }
  mode = st.st_mode;
  std::string bytes;
  char buffer[1024];
  while (bytes.size() <= max_secret_bytes) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return std::unexpected(path + ": cannot read: " + std::strerror(err));
    }
    if (n == 0) {
      break;
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (bytes.size() > max_secret_bytes) {
    return std::unexpected(path + ": larger than " + std::to_string(max_secret_bytes) + " bytes");
  }
  return bytes;
}

// Strips trailing CR/LF (editors add one) and rejects what is left if it still has a line break
// or NUL.
std::expected<std::string, std::string> clean(std::string secret, const std::string& path) {
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) {
    secret.pop_back();
  }
  if (secret.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
    return std::unexpected(path + ": the password holds a line break or NUL");
  }
  return secret;
}

// $CREDENTIALS_DIRECTORY/<credential> when the directory is set and holds it, else "".
std::string credential_path(std::string_view credential) {
  const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
  if (dir == nullptr || *dir == '\0') {
    return "";
  }
  const std::string path = (std::filesystem::path(dir) / std::string(credential)).string();
  std::error_code ec;
  return std::filesystem::exists(path, ec) ? path : "";
}

void strip_line_ends(std::string& s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    s.pop_back();
  }
}

constexpr std::string_view notice_key_credential = "notice_key";

// Secrets named by a config key must be private to their owner. Why only those: systemd keeps
// its credentials private itself, and their mode inside $CREDENTIALS_DIRECTORY is its business.
std::expected<void, std::string> check_private(const std::string& path, mode_t mode) {
  if ((mode & (S_IRGRP | S_IROTH)) != 0) {
    return std::unexpected(path + ": readable by group or others: chmod 600 it");
  }
  return {};
}

} // namespace

std::expected<std::string, std::string> load_notice_key(const std::string& key_file) {
  mode_t mode = 0;
  std::string path = credential_path(notice_key_credential);
  std::optional<std::string> key;
  if (!path.empty()) {
    auto bytes = read_secret_file(path, mode);
    if (!bytes) {
      return std::unexpected(bytes.error());
    }
    // As for passwords, an empty credential counts as not passed.
    if (!bytes->empty()) {
      key = std::move(*bytes);
    }
  }
  if (!key) {
    if (key_file.empty()) {
      return std::unexpected(
          "no notice key: set [policy] notice_key_file or pass the notice_key credential");
    }
    path = key_file;
    auto bytes = read_secret_file(path, mode);
    if (!bytes) {
      return std::unexpected(bytes.error());
    }
    if (auto ok = check_private(path, mode); !ok) {
      return std::unexpected(ok.error());
    }
    key = std::move(*bytes);
  }
  strip_line_ends(*key);
  if (key->size() < min_notice_key_bytes) {
    return std::unexpected(path + ": the notice key is shorter than " +
                           std::to_string(min_notice_key_bytes) + " bytes");
  }
  return std::move(*key);
}

bool notice_key_configured(const std::string& key_file) {
  if (!key_file.empty()) {
    return true;
  }
  const std::string path = credential_path(notice_key_credential);
  std::error_code ec;
  return !path.empty() && std::filesystem::file_size(path, ec) > 0 && !ec;
}

std::expected<std::string, std::string> load_secret(std::string_view credential,
                                                    const std::string& password_file,
                                                    std::vector<std::string>& warnings) {
  mode_t mode = 0;
  if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY"); dir != nullptr && *dir != '\0') {
    const std::string path = (std::filesystem::path(dir) / std::string(credential)).string();
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      auto bytes = read_secret_file(path, mode);
      if (!bytes) {
        return std::unexpected(bytes.error());
      }
      // An empty credential counts as not passed: the operator left the file empty.
      if (!bytes->empty()) {
        return clean(std::move(*bytes), path);
      }
    }
  }
  if (password_file.empty()) {
    return std::string();
  }
  auto bytes = read_secret_file(password_file, mode);
  if (!bytes) {
    return std::unexpected(bytes.error());
  }
  if (auto ok = check_private(password_file, mode); !ok) {
    return std::unexpected(ok.error());
  }
  auto secret = clean(std::move(*bytes), password_file);
  if (secret && secret->empty()) {
    warnings.push_back(password_file + ": empty, so no password is sent");
  }
  return secret;
}

} // namespace appeald::config
