#include <utility> // before Asio: Boost 1.74 uses std::exchange without including it

#include "daemon/service.hpp"

#include "daemon/audit_flush.hpp"
#include "daemon/audit_log.hpp"
#include "daemon/imap_client.hpp"
#include "daemon/logging.hpp"
#include "daemon/poll_cycle.hpp"
#include "daemon/run_setup.hpp"
#include "daemon/systemd_notify.hpp"
#include "store/database.hpp"

#include <boost/asio.hpp>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

namespace appeald::daemon {

namespace asio = boost::asio;

namespace {

// Cycles after failures wait the poll interval doubled per failure, up to this many intervals.
constexpr int max_backoff_intervals = 10;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ImapSettings imap_settings(const RunSetup& s) {
  const config::ImapConfig& c = s.config.imap;
  ImapSettings out;
  out.url = c.url;
  out.user = c.user;
  out.password = s.imap_password;
  out.ca_file = c.ca_file;
  out.connect_timeout = std::chrono::seconds(c.connect_timeout_seconds);
  out.transfer_timeout = std::chrono::seconds(c.transfer_timeout_seconds);
  return out;
}

responders::SmtpSettings smtp_settings(const RunSetup& s) {
  const config::SmtpConfig& c = s.config.smtp;
  responders::SmtpSettings out;
  out.url = c.url;
  out.user = c.user;
  out.password = s.smtp_password;
  out.ca_file = c.ca_file;
  // check_url() already refused plain smtp:// beyond loopback without allow_plaintext.
  out.require_tls = false;
  out.connect_timeout = std::chrono::seconds(c.connect_timeout_seconds);
  out.transfer_timeout = std::chrono::seconds(c.transfer_timeout_seconds);
  return out;
}

// Holds an exclusive lock on "<store>.lock" for the life of the process.
class StoreLock {
public:
  explicit StoreLock(const std::filesystem::path& store) {
    std::error_code ec;
    std::filesystem::create_directories(store.parent_path(), ec);
    path_ = store.string() + ".lock";
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  }
  ~StoreLock() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  std::string acquire() {
    if (fd_ < 0) {
      return path_ + ": cannot open lock file";
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      return path_ + ": another appeald run is using this store";
    }
    return "";
  }

private:
  std::string path_;
  int fd_ = -1;
};

// What the worker thread owns: the store, the audit log and the two connections.
struct Worker {
  store::Database db;
  AuditLog audit;
  std::filesystem::path audit_path;
  std::shared_ptr<const RunSetup> setup;
  std::unique_ptr<ImapClient> imap;
  std::unique_ptr<responders::SmtpTransport> smtp;

  void adopt(std::shared_ptr<const RunSetup> s) {
    setup = std::move(s);
    imap = std::make_unique<ImapClient>(imap_settings(*setup));
    smtp = std::make_unique<responders::SmtpTransport>(smtp_settings(*setup));
  }
};

// The health of one side (IMAP or SMTP) for the log: one line when an outage starts and one when
// it ends, however many cycles fail in between (their errors go to the debug level).
class OutageLog {
public:
  explicit OutageLog(std::string what) : what_(std::move(what)) {}
  void update(const std::string& error) {
    if (error.empty()) {
      if (down_) {
        spdlog::info("{} reachable again", what_);
      }
    } else if (!down_) {
      spdlog::error("{} unavailable: {}", what_, error);
    } else {
      spdlog::debug("{} still unavailable: {}", what_, error);
    }
    down_ = !error.empty();
  }

private:
  std::string what_;
  bool down_ = false;
};

class Service {
public:
  Service(std::filesystem::path config_path, RunMode mode, std::shared_ptr<const RunSetup> setup,
          Worker worker)
      : config_path_(std::move(config_path)), mode_(mode), current_(std::move(setup)),
        worker_(std::move(worker)), signals_(io_, SIGINT, SIGTERM, SIGHUP), poll_timer_(io_),
        watchdog_timer_(io_), work_guard_(asio::make_work_guard(work_io_)) {}

  int run() {
    std::thread worker_thread([this] { work_io_.run(); });
    wait_for_signal();
    start_watchdog();
    notify_ready();
    notify_status("starting the first cycle");
    start_cycle();
    io_.run();
    work_guard_.reset();
    worker_thread.join();
    return exit_code_;
  }

private:
  void wait_for_signal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
      if (ec) {
        return;
      }
      if (sig == SIGHUP) {
        reload();
      } else {
        spdlog::info("{} received: finishing the message in hand, then stopping",
                     sig == SIGTERM ? "SIGTERM" : "SIGINT");
        notify_stopping();
        stopping_ = true;
        stop_flag_ = true;
        if (!cycle_running_) {
          shutdown();
        }
      }
      if (!stopping_) {
        wait_for_signal();
      }
    });
  }

  void reload() {
    notify_reloading();
    reopen_audit_ = true;
    auto fresh = load_run_setup(config_path_);
    if (!fresh) {
      spdlog::error("reload rejected, keeping the running config: {}", fresh.error());
    } else {
      for (const std::string& w : (*fresh)->warnings) {
        spdlog::warn("{}", w);
      }
      std::lock_guard lock(setup_mutex_);
      if ((*fresh)->config.store_path != current_->config.store_path ||
          (*fresh)->config.audit_path != current_->config.audit_path) {
        spdlog::warn("[store] and [audit] paths change only at the next start");
      }
      current_ = std::move(*fresh);
      spdlog::info("reloaded {}", config_path_.string());
    }
    notify_ready();
  }

  void start_watchdog() {
    const auto interval = watchdog_interval();
    if (!interval) {
      return;
    }
    watchdog_period_ = std::chrono::duration_cast<std::chrono::milliseconds>(*interval) / 2;
    arm_watchdog();
  }

  void arm_watchdog() {
    watchdog_timer_.expires_after(watchdog_period_);
    watchdog_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) {
        return;
      }
      // A cycle that stopped making progress (no message and no send finished for longer than
      // the transfer timeouts allow) is stuck: stop pinging and let systemd restart us.
      const auto idle = std::chrono::milliseconds(now_ms() - last_progress_ms_.load());
      const auto limit =
          std::chrono::seconds(current_setup()->config.imap.transfer_timeout_seconds +
                               current_setup()->config.smtp.transfer_timeout_seconds + 60);
      if (!cycle_running_ || idle < limit) {
        notify_watchdog();
      }
      arm_watchdog();
    });
  }

  std::shared_ptr<const RunSetup> current_setup() {
    std::lock_guard lock(setup_mutex_);
    return current_;
  }

  void start_cycle() {
    cycle_running_ = true;
    last_progress_ms_ = now_ms();
    auto setup = current_setup();
    asio::post(work_io_, [this, setup] {
      CycleReport report;
      std::string folders_error;
      try {
        if (worker_.setup != setup) {
          worker_.adopt(setup);
        }
        if (reopen_audit_.exchange(false)) {
          // After SIGHUP: logrotate moved the file away; later events go to a fresh one.
          if (auto fresh = AuditLog::open(worker_.audit_path); fresh) {
            worker_.audit = std::move(*fresh);
          } else {
            spdlog::error("cannot reopen the audit log, still writing the old one: {}",
                          fresh.error());
          }
        }
        folders_error = prepare_folders(*worker_.imap, setup->config.imap);
        CycleContext ctx{worker_.db,
                         worker_.audit,
                         *worker_.imap,
                         *worker_.smtp,
                         *setup,
                         mode_ == RunMode::once ? store::Schedule::ignore_backoff
                                                : store::Schedule::respect_backoff,
                         now_ms,
                         stop_flag_,
                         [this] { last_progress_ms_ = now_ms(); }};
        if (folders_error.empty()) {
          report = run_cycle(ctx);
        } else {
          // Without its folders nothing can leave the mailbox; replies can still go out.
          report.imap_error = folders_error;
          report.drain = drain_outbox(worker_.db, *worker_.smtp, responders::RetryPolicy{},
                                      ctx.schedule, now_ms, stop_flag_);
          flush_audit(worker_.db, worker_.audit);
        }
      } catch (const std::exception& e) {
        report.store_error = e.what();
      }
      if (!report.imap_error.empty()) {
        worker_.imap->disconnect();
      }
      asio::post(io_, [this, report] { cycle_done(report); });
    });
  }

  void cycle_done(const CycleReport& r) {
    cycle_running_ = false;
    imap_health_.update(r.imap_error);
    smtp_health_.update(r.drain.server_unreachable ? r.drain.last_error : std::string());
    if (!r.store_error.empty()) {
      spdlog::critical("store failure, nothing after it was committed: {}", r.store_error);
    }
    const bool worked =
        r.taken + r.duplicates + r.moved + r.drain.sent + r.drain.retried + r.drain.failed > 0;
    const std::string summary =
        fmt::format("{} in mailbox, {} taken, {} already taken, {} moved, {} gone; outbox: {} "
                    "sent, {} to retry, {} failed",
                    r.in_mailbox, r.taken, r.duplicates, r.moved, r.gone, r.drain.sent,
                    r.drain.retried, r.drain.failed);
    if (worked) {
      spdlog::info("cycle: {}", summary);
    } else {
      spdlog::debug("cycle: {}", summary);
    }
    notify_status("last cycle: " + summary);
    const bool healthy = r.imap_error.empty() && r.store_error.empty() &&
                         !r.drain.server_unreachable && r.drain.retried == 0;
    failures_ = healthy ? 0 : failures_ + 1;

    if (mode_ == RunMode::once) {
      exit_code_ = (healthy || stopping_) ? 0 : 1;
      if (!healthy && !stopping_) {
        std::cerr << "appeald run: cycle incomplete: "
                  << (!r.imap_error.empty()    ? "IMAP: " + r.imap_error
                      : !r.store_error.empty() ? "store: " + r.store_error
                                               : "SMTP: " + r.drain.last_error)
                  << '\n';
      }
      shutdown();
      return;
    }
    if (stopping_) {
      shutdown();
      return;
    }
    const int interval = current_setup()->config.imap.poll_interval_seconds;
    const int factor =
        failures_ == 0 ? 1 : std::min(1 << std::min(failures_, 10), max_backoff_intervals);
    poll_timer_.expires_after(std::chrono::seconds(interval * factor));
    poll_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec && !stopping_) {
        start_cycle();
      }
    });
  }

  void shutdown() {
    spdlog::info("stopped");
    signals_.cancel();
    poll_timer_.cancel();
    watchdog_timer_.cancel();
    io_.stop();
  }

  std::filesystem::path config_path_;
  RunMode mode_;
  std::mutex setup_mutex_;
  std::shared_ptr<const RunSetup> current_;
  Worker worker_;

  asio::io_context io_;
  asio::io_context work_io_;
  asio::signal_set signals_;
  asio::steady_timer poll_timer_;
  asio::steady_timer watchdog_timer_;
  asio::executor_work_guard<asio::io_context::executor_type> work_guard_;
  std::chrono::milliseconds watchdog_period_{0};

  std::atomic<bool> stop_flag_ = false;
  std::atomic<bool> reopen_audit_ = false;
  std::atomic<std::int64_t> last_progress_ms_ = 0;
  bool stopping_ = false;
  bool cycle_running_ = false;
  int failures_ = 0;
  int exit_code_ = 0;
  OutageLog imap_health_{"IMAP server"};
  OutageLog smtp_health_{"SMTP server"};
};

} // namespace

int run_service(const std::filesystem::path& config_path, RunMode mode) {
  init_operational_logging("info");
  auto setup = load_run_setup(config_path);
  if (!setup) {
    std::cerr << "appeald run: " << setup.error() << '\n';
    return 1;
  }
  for (const std::string& w : (*setup)->warnings) {
    spdlog::warn("{}", w);
  }
  const config::AppConfig& c = (*setup)->config;
  StoreLock lock(c.store_path);
  if (auto busy = lock.acquire(); !busy.empty()) {
    std::cerr << "appeald run: " << busy << '\n';
    return 1;
  }
  auto db = store::Database::open(c.store_path);
  if (!db) {
    std::cerr << "appeald run: " << db.error() << '\n';
    return 1;
  }
  auto audit = AuditLog::open(c.audit_path);
  if (!audit) {
    std::cerr << "appeald run: " << audit.error() << '\n';
    return 1;
  }
  Worker worker{std::move(*db), std::move(*audit), c.audit_path, nullptr, nullptr, nullptr};
  try {
    flush_audit(worker.db, worker.audit); // events committed before a crash
    worker.adopt(*setup);
  } catch (const std::exception& e) {
    std::cerr << "appeald run: " << e.what() << '\n';
    return 1;
  }
  spdlog::info("appeald watching {} as {} (store {}, audit {})", c.imap.url, c.imap.user,
               c.store_path, c.audit_path);
  Service service(config_path, mode, *setup, std::move(worker));
  return service.run();
}

} // namespace appeald::daemon
