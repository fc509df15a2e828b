#pragma once
// Sending what the outbox holds. Each entry's Message-ID was fixed when it was queued, so a
// retry sends the same mail. An entry is marked sent in the store right after the server accepts
// it: a crash between the two sends it once more on restart (the documented at-most-one
// duplicate, with the same Message-ID). 4xx answers and connection failures are retried with
// exponential backoff; a 5xx fails the entry for good. Every outcome is audited.
#include "responders/retry_policy.hpp"
#include "responders/smtp_transport.hpp"
#include "store/database.hpp"
#include "store/outbox_repository.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace appeald::daemon {

struct DrainResult {
  int sent = 0;
  int retried = 0; // transient failures, to be tried again later
  int failed = 0;  // permanent failures (or retries exhausted)
  int left = 0;    // due entries not tried because the server is unreachable or a stop came
  bool server_unreachable = false;
  std::string last_error; // one line, for the operational log
};

// Sends every due entry, oldest first. `schedule` ignore_backoff tries every queued entry now
// (`run --once`, so a cron job retries at each run). After a connection-level failure the rest
// wait for the next drain instead of each timing out in turn. Stops between entries when
// `stop` is set. Audit events go to the store; the caller flushes them to the log.
DrainResult drain_outbox(store::Database& db, responders::SmtpTransport& smtp,
                         const responders::RetryPolicy& policy, store::Schedule schedule,
                         const std::function<std::int64_t()>& now_ms,
                         const std::atomic<bool>& stop);

} // namespace appeald::daemon
