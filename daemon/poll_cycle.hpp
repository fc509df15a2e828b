#pragma once
// One poll cycle: deadline events are audited (deadline_watch.hpp), everything in the watched
// mailbox at that moment is taken (mail_intake.hpp) and then moved to its folder, and the outbox is
// drained. The mailbox is read by UID: UIDVALIDITY is compared with the store's every cycle, and a
// message already taken (same location, content or Message-ID) is only moved, never judged or
// answered again.
#include "daemon/audit_log.hpp"
#include "daemon/imap_client.hpp"
#include "daemon/outbox_drainer.hpp"
#include "daemon/run_setup.hpp"
#include "store/database.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace appeald::daemon {

struct CycleReport {
  std::string imap_error;  // "" when the mailbox part of the cycle completed
  std::string store_error; // "" unless the store failed (the cycle stopped there)
  bool uidvalidity_changed = false;
  int in_mailbox = 0; // messages seen in the snapshot
  int taken = 0;      // new messages judged and committed
  int duplicates = 0; // already taken before: only moved
  int moved = 0;
  int gone = 0;            // vanished between the snapshot and the fetch (another client)
  bool stopped = false;    // a stop request cut the cycle short
  int deadline_events = 0; // deadline_near / deadline_passed audited this cycle
  DrainResult drain;
};

struct CycleContext {
  store::Database& db;
  AuditLog& audit;
  ImapClient& imap;
  responders::SmtpTransport& smtp;
  const RunSetup& setup;
  store::Schedule schedule = store::Schedule::respect_backoff;
  std::function<std::int64_t()> now_ms;
  const std::atomic<bool>& stop;
  // Called between messages so a watchdog can tell a slow cycle from a stuck one.
  std::function<void()> progress = [] {};
};

// Runs one cycle. The mailbox part and the outbox part fail independently: an IMAP outage
// still lets queued replies go out, and an SMTP outage leaves them queued.
CycleReport run_cycle(CycleContext& ctx);

// Creates the configured folders when missing; done once per connection by the service.
std::string prepare_folders(ImapClient& imap, const config::ImapConfig& config);

} // namespace appeald::daemon
