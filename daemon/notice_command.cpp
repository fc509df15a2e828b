#include "daemon/notice_command.hpp"

#include "config/rubric_loader.hpp"
#include "config/secrets.hpp"
#include "daemon/audit_flush.hpp"
#include "daemon/audit_log.hpp"
#include "daemon/cli.hpp"
#include "daemon/cli_output.hpp"
#include "daemon/notice_args.hpp"
#include "daemon/notice_record.hpp"
#include "daemon/operator_name.hpp"
#include "daemon/review_setup.hpp"
#include "responders/case_values.hpp"
#include "responders/notice_composer.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <memory>

namespace appeald::daemon {

namespace {

constexpr std::string_view error_prefix = "appeald notice: ";

int fail(std::string_view message, int code = exit_failure) {
  return report_failure(error_prefix, message, code);
}

nlohmann::ordered_json optional_json(const std::optional<std::string>& s) {
  return s ? nlohmann::ordered_json(*s) : nlohmann::ordered_json(nullptr);
}

struct Queued {
  appeals::CaseRecord c;
  responders::OutgoingMail mail;
  std::vector<std::string> recipients;
};

void print_queued(const Queued& q, bool json) {
  const appeals::CaseRecord& c = q.c;
  if (json) {
    nlohmann::ordered_json j;
    j["case"] = c.id;
    j["kind"] = std::string(appeals::to_string(c.kind));
    j["issue"] = std::string(appeals::to_string(c.issue));
    j["account"] = c.account;
    j["address"] = c.address;
    j["representative"] = optional_json(c.representative);
    j["deadline"] =
        optional_json(c.deadline ? std::optional(parsers::to_rfc3339(*c.deadline)) : std::nullopt);
    j["sent_at"] = parsers::to_rfc3339(c.sent_at);
    j["message_id"] = q.mail.message_id;
    j["subject"] = q.mail.subject;
    j["recipients"] = q.recipients;
    j["outbox"] = "queued";
    std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    return;
  }
  std::cout << "queued " << appeals::to_string(c.kind) << " notice " << q.mail.message_id << " for "
            << c.id << " to " << c.address;
  if (c.representative) {
    std::cout << " (cc " << *c.representative << ")";
  }
  std::cout << "; "
            << (c.deadline ? "deadline " + responders::deadline_text(c.deadline)
                           : std::string("no deadline"))
            << "; the running daemon (or the next `appeald run --once`) sends it.\n";
}

// Commits are done; the audit file follows. If it cannot be written now, the events stay in the
// store and the daemon's next flush writes them.
void flush_to_file(store::Database& db, const std::string& audit_path) {
  try {
    auto log = AuditLog::open(audit_path);
    if (log) {
      flush_audit(db, *log);
    } else {
      std::cerr << error_prefix
                << "warning: notice recorded, audit log not written yet: " << log.error() << '\n';
    }
  } catch (const std::exception& e) {
    std::cerr << error_prefix << "warning: notice recorded, audit log not written yet: " << e.what()
              << '\n';
  }
}

int run_send(const NoticeArgs& args) {
  const std::int64_t started_ms = now_ms();
  auto c = notice_case_from(args, started_ms / 1000);
  if (!c) {
    return fail(c.error(), exit_usage);
  }
  auto setup = load_review_setup(args.config_path, ReviewNeeds::deciding);
  if (!setup) {
    return fail(setup.error());
  }
  const config::AppConfig& cfg = setup->config;
  if (!c->deadline && c->kind == appeals::CaseKind::probation) {
    c->deadline = default_probation_deadline(c->sent_at, cfg.probation_days);
  }
  const auto key = config::load_notice_key(cfg.notice_key_file);
  if (!key) {
    return fail(key.error());
  }
  const auto rubric =
      config::load_rubric(cfg.rubric_path.empty() ? config::default_rubric_path()
                                                  : std::filesystem::path(cfg.rubric_path));
  if (!rubric) {
    return fail(rubric.error());
  }

  Queued q;
  auto mail = responders::compose_notice({*c, args.summary}, *rubric, setup->templates,
                                         setup->reply, *key, c->sent_at);
  if (!mail) {
    return fail(mail.error());
  }
  c->notice_message_id = mail->message_id;
  const std::string actor = args.reviewer.empty() ? default_operator_name() : args.reviewer;
  auto recipients =
      record_notice(*setup->db, *c, *mail, setup->reply.from.address, actor, started_ms);
  if (!recipients) {
    return fail(recipients.error());
  }
  flush_to_file(*setup->db, cfg.audit_path);
  q.c = std::move(*c);
  q.mail = std::move(*mail);
  q.recipients = std::move(*recipients);
  print_queued(q, args.json);
  return exit_ok;
}

} // namespace

std::function<int()> add_notice_command(CLI::App& app) {
  auto args = std::make_shared<NoticeArgs>();
  CLI::App* cmd = app.add_subcommand("notice", "Enforcement notices: compose, record and send");
  cmd->require_subcommand(1);
  CLI::App* send = cmd->add_subcommand("send", "Compose a notice, record its case, queue it");
  send->add_option("--config", args->config_path, "Config file (TOML)")->required();
  send->add_option("--case", args->case_id, "Case id, e.g. C-1001 (new)")->required();
  send->add_option("--account", args->account, "The account id")->required();
  send->add_option("--address", args->address, "The account's address (To)")->required();
  send->add_option("--issue", args->issue, "bounce, complaint, unsolicited or other")->required();
  send->add_option("--kind", args->kind, "probation or suspension")->required();
  send->add_option("--deadline", args->deadline,
                   "RFC 3339 (default for a probation: sending time + [policy] probation_days)");
  send->add_option("--representative", args->representative, "An address to Cc");
  send->add_option("--summary", args->summary,
                   "What was found, in the notice's words (default: the template's per issue)");
  send->add_option("--sent-at", args->sent_at, "RFC 3339 sending time (default: now)");
  send->add_option("--reviewer", args->reviewer,
                   "Who sends it, for the audit log (default: the login name, else $USER)");
  send->add_flag("--json", args->json, "Print what was queued as JSON");

  return [args] {
    try {
      return run_send(*args);
    } catch (const std::exception& e) {
      // SQLite failing mid-command (disk full, locked past the busy timeout): the transaction
      // has rolled back.
      return fail(e.what());
    }
  };
}

} // namespace appeald::daemon
