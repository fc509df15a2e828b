#include "daemon/poll_cycle.hpp"

#include "daemon/audit_flush.hpp"
#include "daemon/deadline_watch.hpp"
#include "daemon/mail_intake.hpp"
#include "store/mailbox_state.hpp"

#include <SQLiteCpp/Exception.h>
#include <spdlog/spdlog.h>

namespace appeald::daemon {

namespace {

// The mailbox part of a cycle. Returns early, with the error in the report, on the first IMAP
// or store failure: what was taken so far is committed and stays so.
void take_mailbox(CycleContext& ctx, CycleReport& report) {
  auto snap = ctx.imap.snapshot();
  if (!snap) {
    report.imap_error = snap.error().message;
    return;
  }
  report.in_mailbox = static_cast<int>(snap->uids.size());
  const std::string& mailbox = ctx.setup.config.imap.url;
  const auto last = store::last_uidvalidity(ctx.db, mailbox);
  if (last && *last != snap->uidvalidity) {
    report.uidvalidity_changed = true;
    spdlog::warn("UIDVALIDITY of {} changed from {} to {}: messages already taken are "
                 "recognised by content and Message-ID and only moved",
                 mailbox, *last, snap->uidvalidity);
  }
  if (!last || report.uidvalidity_changed) {
    store::set_uidvalidity(ctx.db, mailbox, snap->uidvalidity);
  }
  if (snap->uids.empty()) {
    return;
  }

  appeals::AppealDesk desk = load_desk(ctx.db, ctx.setup.rubric, ctx.setup.notice_key);
  MailIntake intake(ctx.db, ctx.setup, desk, ctx.now_ms);
  const std::size_t max_bytes = ctx.setup.config.limits.max_message_bytes;
  for (const std::uint32_t uid : snap->uids) {
    if (ctx.stop.load()) {
      report.stopped = true;
      return;
    }
    ctx.progress();
    std::optional<IntakeOutcome> outcome = intake.known(snap->uidvalidity, uid);
    if (!outcome) {
      auto fetched = ctx.imap.fetch(snap->uidvalidity, uid, max_bytes);
      if (!fetched) {
        if (fetched.error().kind == ImapError::Kind::gone) {
          ++report.gone;
          continue;
        }
        report.imap_error = fetched.error().message;
        return;
      }
      outcome = intake.take(snap->uidvalidity, uid, fetched->bytes, fetched->truncated);
      flush_audit(ctx.db, ctx.audit);
      ++(outcome->duplicate ? report.duplicates : report.taken);
      spdlog::debug("UID {}: {} -> {}", uid, outcome->action, outcome->folder);
    }
    if (auto moved = ctx.imap.move(uid, outcome->folder); !moved) {
      report.imap_error = moved.error().message;
      return;
    }
    intake.mark_moved(outcome->stored_id);
    ++report.moved;
  }
}

} // namespace

std::string prepare_folders(ImapClient& imap, const config::ImapConfig& config) {
  for (const std::string* folder :
       {&config.processed_folder, &config.review_folder, &config.triage_folder}) {
    if (auto ok = imap.ensure_folder(*folder); !ok) {
      return "cannot create folder " + *folder + ": " + ok.error().message;
    }
  }
  return "";
}

CycleReport run_cycle(CycleContext& ctx) {
  CycleReport report;
  try {
    report.deadline_events = audit_deadlines(
        ctx.db, ctx.now_ms(), std::chrono::hours(ctx.setup.config.deadline_warning_hours));
    take_mailbox(ctx, report);
    flush_audit(ctx.db, ctx.audit);
  } catch (const SQLite::Exception& e) {
    report.store_error = e.what();
    return report;
  }
  if (report.stopped) {
    return report;
  }
  try {
    report.drain = drain_outbox(ctx.db, ctx.smtp, responders::RetryPolicy{}, ctx.schedule,
                                ctx.now_ms, ctx.stop);
    flush_audit(ctx.db, ctx.audit);
  } catch (const SQLite::Exception& e) {
    report.store_error = e.what();
  }
  return report;
}

} // namespace appeald::daemon
