#include "daemon/mail_queue.hpp"

#include "store/case_repository.hpp"
#include "store/outbox_repository.hpp"

namespace appeald::daemon {

std::vector<std::string> queue_mail(store::Database& db, std::string_view case_id,
                                    std::string_view kind, std::string_view envelope_from,
                                    const responders::OutgoingMail& mail, std::int64_t now) {
  store::OutboxEntry e;
  e.case_id = case_id;
  e.message_id = mail.message_id;
  e.kind = kind;
  e.envelope_from = envelope_from;
  e.recipients = responders::envelope_recipients(mail);
  e.bytes = responders::render_rfc5322(mail);
  e.created_at = now;
  e.next_attempt_at = now;
  store::enqueue(db, e);
  store::add_thread_id(db, case_id, mail.message_id);
  return e.recipients;
}

} // namespace appeald::daemon
