#include "daemon/triage_decision.hpp"

#include "parsers/date_time.hpp"
#include "responders/header_encoding.hpp"
#include "store/audit_repository.hpp"
#include "store/message_repository.hpp"

#include <SQLiteCpp/Transaction.h>

namespace appeald::daemon {

std::expected<store::TriageItem, std::string> find_triage_item(store::Database& db,
                                                               std::int64_t id) {
  const std::string name = std::to_string(id);
  auto item = store::find_triage(db, id);
  if (item) {
    return std::move(*item);
  }
  const auto message = store::find_message(db, id);
  if (!message) {
    return std::unexpected("no triage item " + name + ": no stored message has that id");
  }
  return std::unexpected("message " + name + " is not a triage item (its action is " +
                         message->action + ")");
}

std::expected<store::TriageItem, std::string> open_triage_item(store::Database& db,
                                                               std::int64_t id) {
  const std::string name = std::to_string(id);
  auto item = find_triage_item(db, id);
  if (!item) {
    return item;
  }
  if (const auto& d = item->decision) {
    const std::string when = parsers::to_rfc3339({d->decided_at, 0});
    if (d->state == store::TriageState::assigned) {
      return std::unexpected("triage item " + name + " was already assigned to " + d->case_id +
                             " by " + d->decided_by + " at " + when);
    }
    return std::unexpected("triage item " + name + " was already dismissed by " + d->decided_by +
                           " at " + when);
  }
  return std::move(*item);
}

std::expected<store::TriageItem, std::string> dismiss_triage(store::Database& db, std::int64_t id,
                                                             std::string_view actor,
                                                             std::string_view reason,
                                                             std::int64_t now_ms) {
  // IMMEDIATE: the check and the decision under one write lock, so two operators cannot both
  // decide the same item.
  SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
  auto item = open_triage_item(db, id);
  if (!item) {
    return item;
  }
  store::TriageDecision d;
  d.message = id;
  d.state = store::TriageState::dismissed;
  d.decided_by = std::string(actor);
  d.reason = std::string(reason);
  d.decided_at = now_ms / 1000;
  store::record_triage_decision(db, d);

  store::AuditEvent e;
  e.ts_ms = now_ms;
  e.event = "dismissed";
  e.case_id = item->message.case_id;
  e.message_id = item->message.message_id;
  e.action = "triage";
  e.reason = responders::sanitize_header_text(reason);
  e.actor = std::string(actor);
  e.extra = {{"triage_id", std::to_string(id)}};
  store::append_audit(db, e);
  tx.commit();
  item->state = store::TriageState::dismissed;
  item->decision = std::move(d);
  return item;
}

} // namespace appeald::daemon
