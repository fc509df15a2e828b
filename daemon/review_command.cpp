#include "daemon/review_command.hpp"

#include "daemon/audit_flush.hpp"
#include "daemon/audit_log.hpp"
#include "daemon/cli.hpp"
#include "daemon/cli_output.hpp"
#include "daemon/operator_name.hpp"
#include "daemon/review_decision.hpp"
#include "daemon/review_queue_view.hpp"
#include "daemon/review_raw.hpp"
#include "daemon/review_setup.hpp"
#include "daemon/review_show.hpp"
#include "daemon/review_show_text.hpp"
#include "parsers/header_block.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace appeald::daemon {

namespace {

constexpr std::string_view error_prefix = "appeald review: ";

struct ReviewArgs {
  CLI::App* list = nullptr;
  CLI::App* show = nullptr;
  CLI::App* raw = nullptr;
  CLI::App* accept = nullptr;
  CLI::App* reject = nullptr;
  CLI::App* ask = nullptr;
  std::string config_path;
  std::string case_id;
  std::string state = "pending";
  std::string message_id;
  std::string note, reason, text;
  std::string reviewer;
  bool json = false;
};

int fail(std::string_view message, int code = exit_failure) {
  return report_failure(error_prefix, message, code);
}

int run_list(const ReviewArgs& args) {
  auto setup = load_review_setup(args.config_path, ReviewNeeds::reading);
  if (!setup) {
    return fail(setup.error());
  }
  const std::optional<std::string_view> state =
      args.state == "all" ? std::nullopt : std::optional<std::string_view>(args.state);
  const std::vector<ReviewRow> rows = review_rows(*setup->db, state, unix_now());
  if (args.json) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const ReviewRow& row : rows) {
      array.push_back(review_row_json(row));
    }
    print_json(array);
  } else {
    print_review_table(rows, std::cout);
  }
  return exit_ok;
}

int run_show(const ReviewArgs& args) {
  auto setup = load_review_setup(args.config_path, ReviewNeeds::reading);
  if (!setup) {
    return fail(setup.error());
  }
  const auto show = load_review_show(*setup, args.case_id, unix_now());
  if (!show) {
    return fail(show.error());
  }
  const std::string config =
      setup->config.source.empty() ? args.config_path : setup->config.source.string();
  if (args.json) {
    print_json(review_show_json(*show, config));
  } else {
    print_review_show(*show, config, std::cout);
  }
  return exit_ok;
}

int run_raw(const ReviewArgs& args) {
  auto setup = load_review_setup(args.config_path, ReviewNeeds::reading);
  if (!setup) {
    return fail(setup.error());
  }
  const auto raw = case_raw_message(
      *setup->db, args.case_id,
      args.message_id.empty() ? std::nullopt : std::optional<std::string_view>(args.message_id));
  if (!raw) {
    return fail(raw.error());
  }
  std::cout.write(raw->data(), static_cast<std::streamsize>(raw->size()));
  std::cout.flush();
  return std::cout ? exit_ok : fail("cannot write to standard output");
}

void print_outcome(const DecisionOutcome& o, bool json) {
  if (json) {
    nlohmann::ordered_json j;
    j["case"] = o.case_id;
    j["decision"] = responders::to_string(o.kind);
    j["state"] = o.review_state;
    j["message_id"] = o.message_id;
    j["recipients"] = o.recipients;
    j["case_state"] = o.case_closed ? "closed" : "open";
    j["outbox"] = "queued";
    print_json(j);
    return;
  }
  std::string to;
  for (const std::string& r : o.recipients) {
    to += (to.empty() ? "" : ", ") + r;
  }
  std::cout << o.review_state << " " << o.case_id << ": queued decision mail " << o.message_id
            << " to " << to << "; case "
            << (o.case_closed ? "closed" : "stays open for the customer's reply") << '\n'
            << "The running daemon (or the next `appeald run --once`) sends it.\n";
}

int run_decision(const ReviewArgs& args, responders::DecisionKind kind) {
  responders::Decision d;
  d.kind = kind;
  d.text = kind == responders::DecisionKind::accept   ? args.note
           : kind == responders::DecisionKind::reject ? args.reason
                                                      : args.text;
  d.text = std::string(parsers::trim(d.text));
  if (d.text.empty() && kind != responders::DecisionKind::accept) {
    return fail(kind == responders::DecisionKind::reject ? "--reason must not be empty"
                                                         : "--text must not be empty",
                exit_usage);
  }
  d.reviewer = args.reviewer.empty() ? default_operator_name() : args.reviewer;
  if (std::string(parsers::trim(d.reviewer)).empty()) {
    return fail("--reviewer must not be empty", exit_usage);
  }
  auto setup = load_review_setup(args.config_path, ReviewNeeds::deciding);
  if (!setup) {
    return fail(setup.error());
  }
  const auto outcome = record_decision(*setup, args.case_id, d, now_ms());
  if (!outcome) {
    return fail(outcome.error());
  }
  // Committed. The audit file follows; if it cannot be written now, the event stays in the store
  // and the daemon's next flush writes it.
  try {
    auto log = AuditLog::open(setup->config.audit_path);
    if (log) {
      flush_audit(*setup->db, *log);
    } else {
      std::cerr << error_prefix
                << "warning: decision recorded, audit log not written yet: " << log.error() << '\n';
    }
  } catch (const std::exception& e) {
    std::cerr << error_prefix
              << "warning: decision recorded, audit log not written yet: " << e.what() << '\n';
  }
  print_outcome(*outcome, args.json);
  return exit_ok;
}

void add_config(CLI::App* sub, ReviewArgs& args) {
  sub->add_option("--config", args.config_path, "Config file (TOML)")->required();
}

CLI::App* add_decision(CLI::App* cmd, ReviewArgs& args, const char* name, const char* help) {
  CLI::App* sub = cmd->add_subcommand(name, help);
  add_config(sub, args);
  sub->add_option("id", args.case_id, "Review ID (the case id)")->required();
  sub->add_option("--reviewer", args.reviewer, "Who decides (default: the login name, else $USER)");
  sub->add_flag("--json", args.json, "Print what was queued as JSON");
  return sub;
}

} // namespace

std::function<int()> add_review_command(CLI::App& app) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* cmd = app.add_subcommand("review", "The human review queue: list, show and decide");
  cmd->require_subcommand(1);

  args->list = cmd->add_subcommand("list", "List review entries, nearest deadline first");
  add_config(args->list, *args);
  args->list->add_option("--state", args->state, "Entries in this state (default: pending)")
      ->check(CLI::IsMember({"pending", "accepted", "rejected", "asked", "all"}));
  args->list->add_flag("--json", args->json, "Print a JSON array instead of a table");

  args->show = cmd->add_subcommand("show", "Show a case, its messages, assessment and mail");
  add_config(args->show, *args);
  args->show->add_option("id", args->case_id, "Review ID (the case id)")->required();
  args->show->add_flag("--json", args->json, "Print JSON instead of text");

  args->raw = cmd->add_subcommand("raw", "Print a stored message's raw bytes (> message.eml)");
  add_config(args->raw, *args);
  args->raw->add_option("id", args->case_id, "Review ID (the case id)")->required();
  args->raw->add_option("--message", args->message_id,
                        "Message-ID of the message (default: the case's latest)");

  args->accept = add_decision(cmd, *args, "accept", "Accept the appeal: lift the restriction");
  args->accept->add_option("--note", args->note, "A note for the customer");
  args->reject = add_decision(cmd, *args, "reject", "Reject the appeal, saying why");
  args->reject->add_option("--reason", args->reason, "Why (sent to the customer)")->required();
  args->ask = add_decision(cmd, *args, "ask", "Ask the customer a question before deciding");
  args->ask->add_option("--text", args->text, "The question (sent to the customer)")->required();

  return [args] {
    try {
      if (args->list->parsed()) {
        return run_list(*args);
      }
      if (args->show->parsed()) {
        return run_show(*args);
      }
      if (args->raw->parsed()) {
        return run_raw(*args);
      }
      if (args->accept->parsed()) {
        return run_decision(*args, responders::DecisionKind::accept);
      }
      if (args->reject->parsed()) {
        return run_decision(*args, responders::DecisionKind::reject);
      }
      return run_decision(*args, responders::DecisionKind::ask);
    } catch (const std::exception& e) {
      // SQLite failing mid-command (disk full, locked past the busy timeout): the transaction
      // has rolled back.
      return fail(e.what());
    }
  };
}

} // namespace appeald::daemon
