#include "daemon/cases_command.hpp"

#include "daemon/text_table.hpp"

#include "config/app_config.hpp"
#include "config/cases_file.hpp"
#include "daemon/cli.hpp"
#include "daemon/cli_output.hpp"
#include "parsers/date_time.hpp"
#include "store/case_repository.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <iostream>
#include <memory>
#include <sstream>

namespace appeald::daemon {

namespace {

constexpr std::string_view error_prefix = "appeald cases: ";

struct CasesArgs {
  CLI::App* import = nullptr;
  CLI::App* list = nullptr;
  std::string config_path;
  std::string cases_path;
  bool json = false;
};

int fail(std::string_view message) {
  return report_failure(error_prefix, message);
}

std::expected<store::Database, std::string> open_store(const std::string& config_path) {
  auto app = config::load_config(config_path);
  if (!app) {
    return std::unexpected(app.error());
  }
  return store::Database::open(app->store_path);
}

int run_import(const CasesArgs& args) {
  auto cases = config::load_cases(args.cases_path);
  if (!cases) {
    return fail(cases.error());
  }
  auto db = open_store(args.config_path);
  if (!db) {
    return fail(db.error());
  }
  SQLite::Transaction t(db->sql());
  const store::ImportResult r = store::import_cases(*db, *cases);
  t.commit();
  std::cout << "imported " << cases->size() << (cases->size() == 1 ? " case" : " cases") << " ("
            << r.added << " added, " << r.updated << " updated, " << r.unchanged << " unchanged)\n";
  return exit_ok;
}

std::string_view state_of(const store::CaseSummary& s) {
  return s.closed_at ? "closed" : "open";
}

nlohmann::ordered_json case_json(const store::CaseSummary& s) {
  const appeals::CaseRecord& c = s.record;
  nlohmann::ordered_json j;
  j["case"] = c.id;
  j["account"] = c.account;
  j["address"] = c.address;
  j["kind"] = appeals::to_string(c.kind);
  j["issue"] = appeals::to_string(c.issue);
  j["sent_at"] = parsers::to_rfc3339(c.sent_at);
  j["deadline"] = c.deadline ? nlohmann::ordered_json(parsers::to_rfc3339(*c.deadline))
                             : nlohmann::ordered_json(nullptr);
  j["representative"] =
      c.representative ? nlohmann::ordered_json(*c.representative) : nlohmann::ordered_json();
  j["state"] = state_of(s);
  j["messages"] = s.messages;
  j["auto_replies"] = s.auto_replies;
  j["last_action"] =
      s.last_action.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.last_action);
  j["closed_at"] = optional_time(s.closed_at);
  j["last_received_at"] = optional_time(s.last_received_at);
  return j;
}

int run_list(const CasesArgs& args) {
  auto db = open_store(args.config_path);
  if (!db) {
    return fail(db.error());
  }
  const std::vector<store::CaseSummary> summaries = store::list_cases(*db);
  if (args.json) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const store::CaseSummary& s : summaries) {
      array.push_back(case_json(s));
    }
    std::cout << array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << '\n';
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows = {{"CASE", "ACCOUNT", "ADDRESS", "KIND", "ISSUE",
                                                 "SENT", "DEADLINE", "STATE", "MSGS", "REPLIES",
                                                 "LAST"}};
  for (const store::CaseSummary& s : summaries) {
    const appeals::CaseRecord& c = s.record;
    rows.push_back({c.id, c.account, c.address, std::string(appeals::to_string(c.kind)),
                    std::string(appeals::to_string(c.issue)), parsers::to_rfc3339(c.sent_at),
                    c.deadline ? parsers::to_rfc3339(*c.deadline) : "-", std::string(state_of(s)),
                    std::to_string(s.messages), std::to_string(s.auto_replies),
                    s.last_action.empty() ? "-" : s.last_action});
  }
  print_aligned(rows, std::cout);
  return exit_ok;
}

} // namespace

std::function<int()> add_cases_command(CLI::App& app) {
  auto args = std::make_shared<CasesArgs>();
  CLI::App* cmd = app.add_subcommand("cases", "Load notices sent elsewhere into the store; list "
                                              "cases");
  cmd->require_subcommand(1);

  args->import = cmd->add_subcommand(
      "import", "Add or update cases from a cases file (JSON Lines), all or nothing");
  args->import->add_option("--config", args->config_path, "Config file (TOML)")->required();
  args->import->add_option("cases", args->cases_path, "Cases file (JSON Lines, one notice a line)")
      ->required();

  args->list = cmd->add_subcommand("list", "List the cases in the store");
  args->list->add_option("--config", args->config_path, "Config file (TOML)")->required();
  args->list->add_flag("--json", args->json, "Print a JSON array instead of a table");

  return [args] {
    try {
      return args->import->parsed() ? run_import(*args) : run_list(*args);
    } catch (const std::exception& e) {
      // SQLite failing mid-command (disk full, locked past the busy timeout): the transaction
      // has rolled back.
      return fail(e.what());
    }
  };
}

} // namespace appeald::daemon
