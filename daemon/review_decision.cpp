#include "daemon/review_decision.hpp"

#include "daemon/mail_queue.hpp"

#include "responders/header_encoding.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/review_repository.hpp"

#include <SQLiteCpp/Transaction.h>

namespace appeald::daemon {

namespace {

using responders::DecisionKind;

std::optional<appeals::CaseRecord> find_case(store::Database& db, std::string_view case_id) {
  for (appeals::CaseRecord& c : store::load_cases(db)) {
    if (c.id == case_id) {
      return std::move(c);
    }
  }
  return std::nullopt;
}

} // namespace

std::string_view review_state_after(DecisionKind kind) {
  switch (kind) {
  case DecisionKind::accept:
    return "accepted";
  case DecisionKind::reject:
    return "rejected";
  case DecisionKind::ask:
    break;
  }
  return "asked";
}

std::optional<store::StoredMessage> thread_parent(store::Database& db, std::string_view case_id) {
  const std::vector<store::StoredMessage> messages = store::messages_of_case(db, case_id);
  for (auto m = messages.rbegin(); m != messages.rend(); ++m) {
    if (m->action != "ignore") {
      return *m;
    }
  }
  if (!messages.empty()) {
    return messages.back();
  }
  return std::nullopt;
}

std::expected<DecisionOutcome, std::string> record_decision(ReviewSetup& setup,
                                                            std::string_view case_id,
                                                            const responders::Decision& d,
                                                            std::int64_t now_ms) {
  store::Database& db = *setup.db;
  const std::string id(case_id);
  SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
  const auto entry = store::find_review(db, id);
  if (!entry) {
    return std::unexpected("case " + id + " has no review entry");
  }
  if (entry->state != "pending") {
    return std::unexpected("case " + id + " is not awaiting review (state: " + entry->state + ")");
  }
  const auto c = find_case(db, id);
  if (!c) {
    return std::unexpected("case " + id + " is not in the store");
  }

  std::optional<parsers::Message> parent;
  if (const auto stored = thread_parent(db, id)) {
    if (const auto raw = store::raw_bytes(db, stored->id)) {
      parent = parsers::parse_message(*raw, setup.parse);
    }
  }
  auto mail = responders::compose_decision(*c, parent ? &*parent : nullptr, d, setup.templates,
                                           setup.reply, now_ms);
  if (!mail) {
    return std::unexpected(mail.error());
  }

  const std::int64_t now = now_ms / 1000;
  DecisionOutcome out;
  out.case_id = id;
  out.kind = d.kind;
  out.review_state = review_state_after(d.kind);
  out.message_id = mail->message_id;
  out.case_closed = d.kind == DecisionKind::accept;

  // A person's mail, not an automatic response: bounces come back to our address.
  auto queued = queue_mail(db, id, "decision", setup.reply.from.address, *mail, now);
  if (!queued) {
    return std::unexpected(queued.error()); // rolled back: the review stays pending
  }
  out.recipients = std::move(*queued);
  store::decide_review(db, id, out.review_state, d.reviewer, d.text, now);
  if (out.case_closed) {
    store::close_case(db, id, now);
  } else if (d.kind == DecisionKind::reject) {
    // The rejection invites a new appeal: it is judged on its own, with a fresh reply budget.
    store::start_new_appeal(db, id);
  }

  store::AuditEvent e;
  e.ts_ms = now_ms;
  e.event = "decided";
  e.case_id = id;
  e.message_id = mail->message_id;
  e.action = std::string(responders::to_string(d.kind));
  // One line, as every audit reason; the mail and the review entry keep the words as written.
  e.reason = d.text.empty() && d.kind == DecisionKind::accept
                 ? std::string("appeal accepted")
                 : responders::sanitize_header_text(d.text);
  e.actor = d.reviewer;
  store::append_audit(db, e);
  tx.commit();
  return out;
}

} // namespace appeald::daemon
