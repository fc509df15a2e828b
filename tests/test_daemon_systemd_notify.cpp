// systemd_notify: each call sends the sd_notify(3) datagram systemd expects to $NOTIFY_SOCKET
// (a real unix datagram socket in the scratch directory here), and nothing without it; the
// watchdog interval comes from $WATCHDOG_USEC for this process only.
#include "daemon/systemd_notify.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <poll.h>
#include <regex>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

// A bound AF_UNIX datagram socket standing in for systemd's notification socket.
class NotifySocket {
public:
  explicit NotifySocket(const fs::path& path) : path_(fs::absolute(path)) {
    fs::remove(path_);
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (fd_ < 0 || path_.string().size() >= sizeof addr.sun_path) {
      throw std::runtime_error("cannot create the notify socket");
    }
    std::strcpy(addr.sun_path, path_.c_str());
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
    }
  }
  ~NotifySocket() {
    ::close(fd_);
    fs::remove(path_);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const fs::path& path() const { return path_; }

  // The next datagram, or "<none>" when nothing arrives within `timeout_ms`.
  std::string receive(int timeout_ms = 1000) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) {
      return "<none>";
    }
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    return n < 0 ? "<error>" : std::string(buffer, static_cast<std::size_t>(n));
  }

private:
  fs::path path_;
  int fd_ = -1;
};

} // namespace

TEST_CASE("each notification sends the datagram systemd expects") {
  NotifySocket socket("notify.sock");
  ::setenv("NOTIFY_SOCKET", socket.path().c_str(), 1);
  struct Row {
    std::string what;
    std::function<void()> call;
    std::string expected; // a regex over the whole datagram
  };
  const Row rows[] = {
      {"ready", daemon::notify_ready, "READY=1"},
      {"reloading, with the monotonic clock", daemon::notify_reloading,
       "RELOADING=1\nMONOTONIC_USEC=[1-9][0-9]*"},
      {"stopping", daemon::notify_stopping, "STOPPING=1"},
      {"watchdog", daemon::notify_watchdog, "WATCHDOG=1"},
      {"status", [] { daemon::notify_status("polling imaps://imap.example.com"); },
       "STATUS=polling imaps://imap\\.example\\.com"},
      {"status: line breaks cannot add assignments",
       [] { daemon::notify_status("bad\nREADY=1\r\nx"); }, "STATUS=bad READY=1  x"},
      {"status: cut to 1024 bytes", [] { daemon::notify_status(std::string(3000, 'a')); },
       "STATUS=a{1024}"},
      {"status: cut on a character boundary",
       [] { daemon::notify_status(std::string(1023, 'a') + "\xC3\xA9" + "zz"); }, "STATUS=a{1023}"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    row.call();
    const std::string got = socket.receive();
    CAPTURE(got);
    CHECK(std::regex_match(got, std::regex(row.expected)));
  }
  // The socket is not consumed: a later call still reaches it.
  daemon::notify_ready();
  CHECK(socket.receive() == "READY=1");
  ::unsetenv("NOTIFY_SOCKET");
}

TEST_CASE("without NOTIFY_SOCKET every call is a silent no-op") {
  NotifySocket socket("quiet.sock");
  ::unsetenv("NOTIFY_SOCKET");
  daemon::notify_ready();
  daemon::notify_reloading();
  daemon::notify_stopping();
  daemon::notify_status("x");
  daemon::notify_watchdog();
  CHECK(socket.receive(200) == "<none>");
}

TEST_CASE("a NOTIFY_SOCKET nobody listens on is ignored") {
  ::setenv("NOTIFY_SOCKET", fs::absolute("nobody.sock").c_str(), 1);
  CHECK_NOTHROW(daemon::notify_ready());
  CHECK_NOTHROW(daemon::notify_status("x"));
  ::unsetenv("NOTIFY_SOCKET");
}

TEST_CASE("watchdog_interval reads WATCHDOG_USEC for this process only") {
  struct Row {
    std::string what;
    const char* usec;   // nullptr = unset
    std::string pid;    // "" = unset, "self" = getpid()
    long long expected; // -1 = nullopt
  };
  const Row rows[] = {
      {"unset", nullptr, "", -1},
      {"set, no pid", "5000000", "", 5000000},
      {"set for this process", "30000000", "self", 30000000},
      {"set for another process", "5000000", "1", -1},
      {"zero", "0", "", -1},
      {"garbage", "soon", "", -1},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    if (row.usec != nullptr) {
      ::setenv("WATCHDOG_USEC", row.usec, 1);
    } else {
      ::unsetenv("WATCHDOG_USEC");
    }
    if (row.pid.empty()) {
      ::unsetenv("WATCHDOG_PID");
    } else {
      const std::string pid = row.pid == "self" ? std::to_string(::getpid()) : row.pid;
      ::setenv("WATCHDOG_PID", pid.c_str(), 1);
    }
    const auto got = daemon::watchdog_interval();
    CHECK(got.has_value() == (row.expected >= 0));
    if (got) {
      CHECK(got->count() == row.expected);
    }
  }
  ::unsetenv("WATCHDOG_USEC");
  ::unsetenv("WATCHDOG_PID");
}
