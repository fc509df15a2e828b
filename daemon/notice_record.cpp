#include "daemon/notice_record.hpp"

#include "daemon/mail_queue.hpp"
#include "responders/case_values.hpp"
#include "responders/header_encoding.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"

#include <SQLiteCpp/Transaction.h>

namespace appeald::daemon {

std::string notice_reason(const appeals::CaseRecord& c) {
  std::string reason = std::string(appeals::to_string(c.kind)) + " notice for account " +
                       responders::sanitize_header_text(c.account) + " (" +
                       std::string(appeals::to_string(c.issue)) + ")";
  if (c.deadline) {
    reason += ", deadline " + responders::deadline_text(c.deadline);
  }
  return reason;
}

std::expected<std::vector<std::string>, std::string>
record_notice(store::Database& db, const appeals::CaseRecord& c,
              const responders::OutgoingMail& mail, std::string_view envelope_from,
              std::string_view actor, std::int64_t now_ms) {
  SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
  // Read inside the write lock, so two operators sending the same case cannot both pass.
  for (const appeals::CaseRecord& known : store::load_cases(db)) {
    if (known.id == c.id) {
      return std::unexpected("case " + c.id + " already exists (sent " +
                             parsers::to_rfc3339(known.sent_at) + ")");
    }
  }
  store::import_cases(db, {c});
  auto recipients = queue_mail(db, c.id, "notice", envelope_from, mail, now_ms / 1000);
  if (!recipients) {
    return std::unexpected(recipients.error()); // rolled back: no case without its notice
  }

  store::AuditEvent e;
  e.ts_ms = now_ms;
  e.event = "notice_queued";
  e.case_id = c.id;
  e.message_id = mail.message_id;
  e.action = std::string(appeals::to_string(c.kind));
  e.reason = notice_reason(c);
  e.actor = std::string(actor);
  store::append_audit(db, e);
  tx.commit();
  return std::move(*recipients);
}

} // namespace appeald::daemon
