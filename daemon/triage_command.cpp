#include "daemon/triage_command.hpp"

#include "daemon/audit_flush.hpp"
#include "daemon/audit_log.hpp"
#include "daemon/cli.hpp"
#include "daemon/cli_output.hpp"
#include "daemon/mail_intake.hpp"
#include "daemon/operator_name.hpp"
#include "daemon/triage_decision.hpp"
#include "daemon/triage_setup.hpp"
#include "daemon/triage_show.hpp"
#include "daemon/triage_show_text.hpp"
#include "daemon/triage_view.hpp"
#include "parsers/header_block.hpp"
#include "store/message_repository.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <memory>

namespace appeald::daemon {

namespace {

constexpr std::string_view error_prefix = "appeald triage: ";

struct TriageArgs {
  CLI::App* list = nullptr;
  CLI::App* show = nullptr;
  CLI::App* raw = nullptr;
  CLI::App* assign = nullptr;
  CLI::App* dismiss = nullptr;
  std::string config_path;
  std::int64_t id = 0;
  std::string state = "open";
  std::string case_id;
  std::string note, reason;
  std::string actor;
  bool json = false;
};

int fail(std::string_view message, int code = exit_failure) {
  return report_failure(error_prefix, message, code);
}

std::string trimmed(std::string_view s) {
  return std::string(parsers::trim(s));
}

// Committed: the audit file follows. If it cannot be written now, the events stay in the store
// and the daemon's next flush writes them.
void flush_to_file(TriageSetup& setup, std::string_view what) {
  try {
    auto log = AuditLog::open(setup.run.config.audit_path);
    if (log) {
      flush_audit(setup.db, *log);
      return;
    }
    std::cerr << error_prefix << "warning: " << what
              << " recorded, audit log not written yet: " << log.error() << '\n';
  } catch (const std::exception& e) {
    std::cerr << error_prefix << "warning: " << what
              << " recorded, audit log not written yet: " << e.what() << '\n';
  }
}

int run_list(const TriageArgs& args) {
  auto setup = load_triage_setup(args.config_path, TriageNeeds::reading);
  if (!setup) {
    return fail(setup.error());
  }
  const std::optional<store::TriageState> state =
      args.state == "all" ? std::nullopt : store::parse_triage_state(args.state);
  const std::vector<TriageRow> rows = triage_rows(setup->db, state, setup->run.parse);
  if (args.json) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const TriageRow& row : rows) {
      array.push_back(triage_row_json(row));
    }
    print_json(array);
  } else {
    print_triage_table(rows, args.state == "open" ? StateColumn::hidden : StateColumn::shown,
                       std::cout);
  }
  return exit_ok;
}

int run_show(const TriageArgs& args) {
  auto setup = load_triage_setup(args.config_path, TriageNeeds::reading);
  if (!setup) {
    return fail(setup.error());
  }
  const auto show = load_triage_show(*setup, args.id);
  if (!show) {
    return fail(show.error());
  }
  if (args.json) {
    print_json(triage_show_json(*show, setup->config_shown));
  } else {
    print_triage_show(*show, setup->config_shown, std::cout);
  }
  return exit_ok;
}

int run_raw(const TriageArgs& args) {
  auto setup = load_triage_setup(args.config_path, TriageNeeds::reading);
  if (!setup) {
    return fail(setup.error());
  }
  if (auto item = find_triage_item(setup->db, args.id); !item) {
    return fail(item.error());
  }
  const auto raw = store::raw_bytes(setup->db, args.id);
  if (!raw) {
    return fail("message " + std::to_string(args.id) + " has no stored raw bytes");
  }
  std::cout.write(raw->data(), static_cast<std::streamsize>(raw->size()));
  std::cout.flush();
  return std::cout ? exit_ok : fail("cannot write to standard output");
}

void print_assigned(const TriageArgs& args, const IntakeOutcome& o, const std::string& actor,
                    const std::string& message_id) {
  const bool review = o.action == "review";
  if (args.json) {
    nlohmann::ordered_json j;
    j["id"] = args.id;
    j["state"] = "assigned";
    j["case"] = o.case_id;
    j["message_id"] =
        message_id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(message_id);
    j["action"] = o.action;
    j["reason"] = o.reason;
    j["review"] = review ? "queued" : nlohmann::ordered_json(nullptr);
    if (o.reply_message_id.empty()) {
      j["reply"] = nullptr;
    } else {
      j["reply"] = {{"message_id", o.reply_message_id}, {"recipients", o.reply_recipients}};
    }
    j["reply_limited"] = o.reply_limited;
    j["decided_by"] = actor;
    print_json(j);
    return;
  }
  std::cout << "assigned " << args.id << " to " << o.case_id << ": " << o.action << " (" << o.reason
            << ")\n";
  if (review) {
    std::cout << "queued case " << o.case_id << " for review\n";
  }
  if (!o.reply_message_id.empty()) {
    std::string to;
    for (const std::string& r : o.reply_recipients) {
      to += (to.empty() ? "" : ", ") + r;
    }
    std::cout << "queued reply " << o.reply_message_id << " to " << (to.empty() ? "nobody" : to)
              << '\n'
              << "The running daemon (or the next `appeald run --once`) sends it.\n";
  } else if (o.reply_limited) {
    std::cout << "no automatic reply: the case reached max_auto_replies_per_case; a person "
                 "answers\n";
  } else {
    std::cout << "no reply queued\n";
  }
}

int run_assign(const TriageArgs& args) {
  const std::string case_id = trimmed(args.case_id);
  if (case_id.empty()) {
    return fail("--case must not be empty", exit_usage);
  }
  const std::string actor = args.actor.empty() ? default_operator_name() : trimmed(args.actor);
  if (actor.empty()) {
    return fail("--actor must not be empty", exit_usage);
  }
  auto setup = load_triage_setup(args.config_path, TriageNeeds::assigning);
  if (!setup) {
    return fail(setup.error());
  }
  appeals::AppealDesk desk = load_desk(setup->db, setup->run.rubric, setup->run.notice_key);
  MailIntake intake(setup->db, setup->run, desk, now_ms);
  const auto outcome = intake.assign(args.id, case_id, actor, trimmed(args.note));
  if (!outcome) {
    return fail(outcome.error());
  }
  flush_to_file(*setup, "assignment");
  const auto stored = store::find_message(setup->db, args.id);
  print_assigned(args, *outcome, actor, stored ? stored->message_id : "");
  return exit_ok;
}

int run_dismiss(const TriageArgs& args) {
  const std::string reason = trimmed(args.reason);
  if (reason.empty()) {
    return fail("--reason must not be empty", exit_usage);
  }
  const std::string actor = args.actor.empty() ? default_operator_name() : trimmed(args.actor);
  if (actor.empty()) {
    return fail("--actor must not be empty", exit_usage);
  }
  auto setup = load_triage_setup(args.config_path, TriageNeeds::reading);
  if (!setup) {
    return fail(setup.error());
  }
  const auto item = dismiss_triage(setup->db, args.id, actor, reason, now_ms());
  if (!item) {
    return fail(item.error());
  }
  flush_to_file(*setup, "dismissal");
  if (args.json) {
    nlohmann::ordered_json j;
    j["id"] = args.id;
    j["state"] = "dismissed";
    j["message_id"] = item->message.message_id.empty()
                          ? nlohmann::ordered_json(nullptr)
                          : nlohmann::ordered_json(item->message.message_id);
    j["case"] = item->message.case_id.empty() ? nlohmann::ordered_json(nullptr)
                                              : nlohmann::ordered_json(item->message.case_id);
    j["reason"] = reason;
    j["decided_by"] = actor;
    print_json(j);
  } else {
    std::cout << "dismissed " << args.id << " by " << actor << ": " << reason
              << "\nNo mail is sent; the message stays in " << item->message.folder << ".\n";
  }
  return exit_ok;
}

void add_config(CLI::App* sub, TriageArgs& args) {
  sub->add_option("--config", args.config_path, "Config file (TOML)")->required();
}

void add_id(CLI::App* sub, TriageArgs& args) {
  sub->add_option("id", args.id, "Triage ID (the stored message's id, from `triage list`)")
      ->required();
}

CLI::App* add_decision(CLI::App* cmd, TriageArgs& args, const char* name, const char* help) {
  CLI::App* sub = cmd->add_subcommand(name, help);
  add_config(sub, args);
  add_id(sub, args);
  sub->add_option("--actor,--reviewer", args.actor,
                  "Who decides (default: the login name, else $USER)");
  sub->add_flag("--json", args.json, "Print the outcome as JSON");
  return sub;
}

} // namespace

std::function<int()> add_triage_command(CLI::App& app) {
  auto args = std::make_shared<TriageArgs>();
  CLI::App* cmd =
      app.add_subcommand("triage", "Messages no case could take: list, show, assign, dismiss");
  cmd->require_subcommand(1);

  args->list = cmd->add_subcommand("list", "List triage items, oldest first");
  add_config(args->list, *args);
  args->list->add_option("--state", args->state, "Items in this state (default: open)")
      ->check(CLI::IsMember({"open", "assigned", "dismissed", "all"}));
  args->list->add_flag("--json", args->json, "Print a JSON array instead of a table");

  args->show = cmd->add_subcommand("show", "Show a triaged message and the cases it may belong to");
  add_config(args->show, *args);
  add_id(args->show, *args);
  args->show->add_flag("--json", args->json, "Print JSON instead of text");

  args->raw = cmd->add_subcommand("raw", "Print a triaged message's raw bytes (> message.eml)");
  add_config(args->raw, *args);
  add_id(args->raw, *args);

  args->assign = add_decision(cmd, *args, "assign",
                              "Assign the message to a case: it is judged as the case's and "
                              "answered as usual");
  args->assign->add_option("--case", args->case_id, "The case it belongs to")->required();
  args->assign->add_option("--note", args->note, "Why (kept in the audit log)");
  args->dismiss = add_decision(cmd, *args, "dismiss", "Dismiss the message: no case, no mail");
  args->dismiss->add_option("--reason", args->reason, "Why (kept in the audit log)")->required();

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
      if (args->assign->parsed()) {
        return run_assign(*args);
      }
      return run_dismiss(*args);
    } catch (const std::exception& e) {
      // SQLite failing mid-command (disk full, locked past the busy timeout): the transaction
      // has rolled back.
      return fail(e.what());
    }
  };
}

} // namespace appeald::daemon
