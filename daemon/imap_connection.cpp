#include "daemon/imap_connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace appeald::daemon {

void ensure_curl_global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace appeald::daemon

namespace appeald::daemon::imap {

namespace {

// libcurl reads IMAP responses line by line into this buffer and silently clips lines longer
// than half of it; a larger buffer lets ordinary long body lines through the header stream.
constexpr long kBufferSize = 1L << 20;
// A transfer below one byte a second for this long is given up (capped by the transfer timeout).
constexpr long kLowSpeedSeconds = 60;
// How long a polite close waits for the server to acknowledge LOGOUT.
constexpr long kLogoutSeconds = 5;

struct Sink {
  std::string* data;
  std::size_t limit;
  bool* overflow;
};

std::size_t collect(char* ptr, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t len = size * n;
  if (sink->data->size() + len > sink->limit) {
    *sink->overflow = true;
    return 0; // aborts the transfer (CURLE_WRITE_ERROR)
  }
  sink->data->append(ptr, len);
  return len;
}

struct Source {
  std::string_view data;
  std::size_t pos = 0;
};

std::size_t supply(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* src = static_cast<Source*>(user);
  const std::size_t len = std::min(size * n, src->data.size() - src->pos);
  std::copy_n(src->data.data() + src->pos, len, buffer);
  src->pos += len;
  return len;
}

std::string one_line(std::string s) {
  std::ranges::replace_if(
      s, [](char c) { return c == '\r' || c == '\n'; }, ' ');
  while (!s.empty() && s.back() == ' ') {
    s.pop_back();
  }
  return s;
}

} // namespace

struct Connection::Transfer {
  std::string custom; // CURLOPT_CUSTOMREQUEST, or empty
  const Source* upload = nullptr;
};

Connection::Connection(const ImapSettings& settings, std::string root_url)
    : settings_(settings), root_url_(std::move(root_url)) {
  ensure_curl_global_init();
}

Connection::~Connection() {
  close(Goodbye::logout);
}

CURL* Connection::handle() {
  if (curl_ != nullptr) {
    return curl_;
  }
  curl_ = curl_easy_init();
  if (curl_ == nullptr) {
    return nullptr;
  }
  const long timeout = static_cast<long>(settings_.transfer_timeout.count());
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  curl_easy_setopt(curl_, CURLOPT_PROXY, ""); // the configured server, never an env proxy
  curl_easy_setopt(curl_, CURLOPT_USERNAME, settings_.user.c_str());
  curl_easy_setopt(curl_, CURLOPT_PASSWORD, settings_.password.c_str());
  curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings_.ca_file.empty()) {
    curl_easy_setopt(curl_, CURLOPT_CAINFO, settings_.ca_file.c_str());
  }
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, timeout);
  curl_easy_setopt(curl_, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);
  curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, std::min(timeout, kLowSpeedSeconds));
  curl_easy_setopt(curl_, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl_, CURLOPT_BUFFERSIZE, kBufferSize);
  curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &collect);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(curl_, CURLOPT_READFUNCTION, &supply);
  return curl_;
}

Exchange Connection::perform(const std::string& url, std::size_t limit, Transfer& transfer) {
  Exchange ex;
  CURL* curl = handle();
  if (curl == nullptr) {
    ex.code = CURLE_FAILED_INIT;
    ex.error = "curl_easy_init failed";
    return ex;
  }
  Sink head{&ex.stream, limit, &ex.overflow};
  Sink body{&ex.body, limit, &ex.overflow};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST,
                   transfer.custom.empty() ? nullptr : transfer.custom.c_str());
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &head);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, transfer.upload != nullptr ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_READDATA, transfer.upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE,
                   transfer.upload != nullptr
                       ? static_cast<curl_off_t>(transfer.upload->data.size())
                       : curl_off_t{-1});
  error_buffer_[0] = '\0';
  ex.code = curl_easy_perform(curl);
  long connects = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  ex.new_connection = connects > 0;
  ex.error = one_line(error_buffer_[0] != '\0' ? std::string(error_buffer_)
                                               : std::string(curl_easy_strerror(ex.code)));
  // Pointers into this frame must not outlive it.
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, nullptr);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(curl, CURLOPT_READDATA, nullptr);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, nullptr);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 0L);
  return ex;
}

Exchange Connection::command(std::string_view command, std::size_t limit) {
  Transfer t{std::string(command), nullptr};
  return perform(root_url_, limit, t);
}

Exchange Connection::fetch_url(std::string_view path, std::size_t limit) {
  Transfer t;
  return perform(root_url_ + std::string(path), limit, t);
}

Exchange Connection::append(std::string_view escaped_mailbox, std::string_view bytes) {
  Source src{bytes};
  Transfer t{{}, &src};
  return perform(root_url_ + std::string(escaped_mailbox), kMaxExchangeBytes, t);
}

void Connection::close(Goodbye goodbye) {
  if (curl_ == nullptr) {
    return;
  }
  if (goodbye == Goodbye::logout) {
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, kLogoutSeconds);
    curl_easy_setopt(curl_, CURLOPT_SERVER_RESPONSE_TIMEOUT, kLogoutSeconds);
  } else {
    curl_socket_t socket = CURL_SOCKET_BAD;
    if (curl_easy_getinfo(curl_, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK &&
        socket != CURL_SOCKET_BAD) {
      ::shutdown(socket, SHUT_RDWR); // LOGOUT then fails at once instead of waiting
    }
  }
  curl_easy_cleanup(curl_);
  curl_ = nullptr;
}

std::string url_escape(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

} // namespace appeald::daemon::imap
