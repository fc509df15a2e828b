#pragma once
// The sd_notify(3) protocol (Type=notify in systemd/appeald.service.in): tells systemd when the
// daemon is ready, reloading or stopping, what it is doing, and that it is alive. Every call is a
// no-op when $NOTIFY_SOCKET is unset (not started by systemd, or a test), and failures are
// ignored, as sd_notify(3) advises: the daemon works the same without a service manager.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace appeald::daemon {

// "READY=1": start-up (or a reload) is complete.
void notify_ready();
// "RELOADING=1" and "MONOTONIC_USEC=<CLOCK_MONOTONIC now>" (systemd >= 253 wants both for
// Type=notify-reload; 252 ignores the second). Call notify_ready() when the reload is done.
void notify_reloading();
// "STOPPING=1": shutting down.
void notify_stopping();
// "STATUS=<text>", shown by systemctl status. Line breaks in `text` become spaces (a newline
// would start another assignment) and it is cut to max_status_bytes.
void notify_status(std::string_view text);
// "WATCHDOG=1": the main loop is alive. Send at half of watchdog_interval().
void notify_watchdog();

// The watchdog timeout systemd expects pings within (WatchdogSec=, via $WATCHDOG_USEC for this
// process), or nullopt when the watchdog is off.
std::optional<std::chrono::microseconds> watchdog_interval();

// The longest status text sent.
inline constexpr std::size_t max_status_bytes = 1024;

} // namespace appeald::daemon
