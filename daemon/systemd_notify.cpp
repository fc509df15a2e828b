#include "daemon/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <string>

namespace appeald::daemon {

namespace {

void send(const std::string& state) {
  // unset_environment = 0: children of this process never inherit it anyway (we spawn none), and
  // every later notification needs $NOTIFY_SOCKET again.
  (void)sd_notify(0, state.c_str());
}

std::uint64_t monotonic_usec() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000u +
         static_cast<std::uint64_t>(ts.tv_nsec) / 1000u;
}

} // namespace

void notify_ready() {
  send("READY=1");
}

void notify_reloading() {
  send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_usec()));
}

void notify_stopping() {
  send("STOPPING=1");
}

void notify_status(std::string_view text) {
  std::string status = "STATUS=";
  std::size_t n = std::min(text.size(), max_status_bytes);
  // Cut on a UTF-8 character boundary, so systemctl never shows half a character.
  while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) {
    --n;
  }
  for (char c : text.substr(0, n)) {
    status += (c == '\n' || c == '\r' || c == '\0') ? ' ' : c;
  }
  send(status);
}

void notify_watchdog() {
  send("WATCHDOG=1");
}

std::optional<std::chrono::microseconds> watchdog_interval() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
    return std::nullopt;
  }
  return std::chrono::microseconds(usec);
}

} // namespace appeald::daemon
