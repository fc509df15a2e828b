#include "daemon/mail_queue.hpp"

#include "responders/header_encoding.hpp"
#include "store/case_repository.hpp"
#include "store/outbox_repository.hpp"

namespace appeald::daemon {

std::expected<std::vector<std::string>, std::string>
queue_mail(store::Database& db, std::string_view case_id, std::string_view kind,
           std::string_view envelope_from, const responders::OutgoingMail& mail, std::int64_t now) {
  // The id is shown in the error only when it is safe to print on one line.
  const std::string shown = responders::sanitize_header_text(mail.message_id);
  if (!envelope_from.empty() && !responders::is_sendable_address(envelope_from)) {
    return std::unexpected("mail " + shown + ": unsendable envelope sender");
  }
  store::OutboxEntry e;
  e.recipients = responders::envelope_recipients(mail);
  if (e.recipients.empty()) {
    return std::unexpected("mail " + shown + ": no sendable recipient");
  }
  e.case_id = case_id;
  e.message_id = mail.message_id;
  e.kind = kind;
  e.envelope_from = envelope_from;
  e.bytes = responders::render_rfc5322(mail);
  e.created_at = now;
  e.next_attempt_at = now;
  store::enqueue(db, e);
  store::add_thread_id(db, case_id, mail.message_id);
  return e.recipients;
}

} // namespace appeald::daemon
