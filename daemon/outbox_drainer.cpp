#include "daemon/outbox_drainer.hpp"

#include "store/audit_repository.hpp"
#include "store/outbox_repository.hpp"

#include <SQLiteCpp/Transaction.h>

namespace appeald::daemon {

namespace {

std::string describe(const responders::SmtpFailure& f) {
  return (f.code != 0 ? std::to_string(f.code) + " " : std::string()) + f.message;
}

} // namespace

DrainResult drain_outbox(store::Database& db, responders::SmtpTransport& smtp,
                         const responders::RetryPolicy& policy, store::Schedule schedule,
                         const std::function<std::int64_t()>& now_ms,
                         const std::atomic<bool>& stop) {
  DrainResult r;
  const auto due = store::due_entries(db, now_ms() / 1000, schedule);
  for (std::size_t i = 0; i < due.size(); ++i) {
    const store::OutboxEntry& e = due[i];
    if (stop.load() || r.server_unreachable) {
      r.left = static_cast<int>(due.size() - i);
      break;
    }
    const auto sent = smtp.send({e.envelope_from, e.recipients}, e.bytes);
    const std::int64_t now = now_ms();
    store::AuditEvent ev;
    ev.ts_ms = now;
    ev.case_id = e.case_id;
    ev.message_id = e.message_id;
    ev.action = e.kind;
    ev.extra = {{"attempt", std::to_string(e.attempts + 1)}};

    SQLite::Transaction tx(db.sql());
    if (sent) {
      store::mark_sent(db, e.id, now / 1000);
      ev.event = e.kind == "notice" ? "notice_sent" : "reply_sent";
      ev.reason = "accepted for delivery to " + std::to_string(e.recipients.size()) + " recipient" +
                  (e.recipients.size() == 1 ? "" : "s");
      ++r.sent;
    } else {
      const responders::SmtpFailure& f = sent.error();
      const int attempts = e.attempts + 1;
      const bool permanent = f.kind == responders::SmtpFailure::Kind::permanent;
      ev.event = "send_failed";
      r.last_error = describe(f);
      if (responders::after_failure(policy, attempts, permanent) ==
          responders::RetryVerdict::retry) {
        const std::int64_t next = now / 1000 + responders::retry_delay(policy, attempts).count();
        store::mark_retry(db, e.id, next, r.last_error);
        ev.reason = "temporary failure, will retry: " + r.last_error;
        ++r.retried;
      } else {
        store::mark_failed(db, e.id, r.last_error);
        ev.reason = (permanent ? "permanent failure: "
                               : "gave up after " + std::to_string(attempts) + " attempts: ") +
                    r.last_error;
        ++r.failed;
      }
      // No SMTP reply code at all: the server was not reached. The rest wait for the next drain.
      r.server_unreachable = !permanent && f.code == 0;
    }
    store::append_audit(db, ev);
    tx.commit();
  }
  return r;
}

} // namespace appeald::daemon
