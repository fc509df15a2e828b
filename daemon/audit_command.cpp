#include "daemon/audit_command.hpp"

#include "config/app_config.hpp"
#include "daemon/audit_reader.hpp"
#include "daemon/audit_table.hpp"
#include "daemon/audit_tail.hpp"
#include "daemon/cli.hpp"
#include "daemon/cli_output.hpp"

#include <csignal>
#include <ctime>
#include <iostream>
#include <memory>

namespace appeald::daemon {

namespace {

constexpr std::string_view error_prefix = "appeald audit: ";

enum class OutputFormat { table, json };
enum class Mode { read_once, follow };

struct AuditArgs {
  std::string config_path;
  std::string case_id;
  std::string since;
  std::vector<std::string> events;
  bool json = false;
  bool follow = false;
  CLI::Option* case_option = nullptr;
  CLI::Option* since_option = nullptr;
};

volatile std::sig_atomic_t stop_requested = 0;

extern "C" void request_stop(int) {
  stop_requested = 1;
}

// SIGINT/SIGTERM set stop_requested for as long as this lives. No SA_RESTART, so a sleep is cut
// short and the follow loop ends promptly.
class StopSignals {
public:
  StopSignals() {
    stop_requested = 0;
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }

private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

void sleep_interval() {
  using namespace std::chrono;
  const auto ns = duration_cast<nanoseconds>(audit_follow_interval).count();
  timespec t{static_cast<std::time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
  ::nanosleep(&t, nullptr); // EINTR (a stop signal) ends it early, as wanted
}

void warn(std::string_view message) {
  std::cerr << error_prefix << message << '\n';
}

// Prints the lines that pass the filter; warns once per line that is not an event.
class EventPrinter {
public:
  EventPrinter(AuditFilter filter, OutputFormat format, std::string shown_path)
      : filter_(std::move(filter)), format_(format), shown_path_(std::move(shown_path)) {}

  void operator()(const TailLine& line) const {
    if (line.end == LineEnd::overlong) {
      warn_line(line, "line longer than " + std::to_string(max_audit_line_bytes) + " bytes");
      return;
    }
    if (line.end == LineEnd::torn) {
      warn_line(line, "incomplete last line");
      return;
    }
    if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) {
      return; // blank: carries nothing, worth no warning
    }
    const std::optional<nlohmann::json> event = parse_audit_line(line.text);
    if (!event) {
      warn_line(line, "not a JSON object");
      return;
    }
    if (!audit_event_matches(filter_, *event)) {
      return;
    }
    if (format_ == OutputFormat::json) {
      std::cout << line.text << '\n';
    } else {
      std::cout << audit_table_row(*event) << '\n';
    }
  }

private:
  void warn_line(const TailLine& line, const std::string& what) const {
    std::cout.flush(); // keeps the warning after the events before it on a shared terminal
    warn(shown_path_ + ":" + std::to_string(line.number) + ": " + what + ", skipped");
  }

  AuditFilter filter_;
  OutputFormat format_;
  std::string shown_path_;
};

// Prints the log through `sink` once, or until a stop signal with Mode::follow.
int print_log(const std::string& path, const TailSink& sink, Mode mode) {
  AuditTail tail(path);
  bool noted_missing = false;
  for (;;) {
    auto polled = tail.poll(sink);
    std::cout.flush();
    if (!polled) {
      warn(polled.error());
      return exit_failure;
    }
    if (!std::cout) {
      // Why: with SIGPIPE ignored a closed pipe never kills us; a follower must not run forever.
      warn("cannot write to standard output");
      return exit_failure;
    }
    if (!tail.is_open() && !noted_missing) {
      warn("no audit log yet at " + path + (mode == Mode::follow ? ", waiting for it" : ""));
      noted_missing = true;
    }
    if (mode == Mode::read_once) {
      tail.finish(sink);
      std::cout.flush();
      return exit_ok;
    }
    if (stop_requested != 0) {
      return exit_ok;
    }
    sleep_interval();
    if (stop_requested != 0) {
      return exit_ok;
    }
  }
}

// The --event values, comma lists split; nullopt when a name is empty ("", "a,,b", "a,").
// Why not CLI11's delimiter: it drops empty pieces silently.
std::optional<std::vector<std::string>> event_names(const std::vector<std::string>& values) {
  std::vector<std::string> names;
  for (const std::string& value : values) {
    std::string_view rest = value;
    for (;;) {
      const std::size_t comma = rest.find(',');
      const std::string_view name = rest.substr(0, comma);
      if (name.empty()) {
        return std::nullopt;
      }
      names.emplace_back(name);
      if (comma == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(comma + 1);
    }
  }
  return names;
}

int run_audit(const AuditArgs& args) {
  // Checked here, not by CLI11 validators, whose errors would lose the "appeald audit: " prefix.
  AuditFilter filter;
  if (args.case_option->count() > 0 && args.case_id.empty()) {
    warn("--case must not be empty");
    return exit_usage;
  }
  filter.case_id = args.case_id;
  std::optional<std::vector<std::string>> events = event_names(args.events);
  if (!events) {
    warn("--event must not be empty");
    return exit_usage;
  }
  filter.events = std::move(*events);
  if (args.since_option->count() > 0) {
    auto since = parse_since(args.since, now_ms());
    if (!since) {
      warn("--since: " + since.error());
      return exit_usage;
    }
    filter.since_ms = *since;
  }
  auto config = config::load_config(args.config_path);
  if (!config) {
    warn(config.error());
    return exit_failure;
  }
  const std::string path = config->audit_path;
  const OutputFormat format = args.json ? OutputFormat::json : OutputFormat::table;
  const Mode mode = args.follow ? Mode::follow : Mode::read_once;
  const EventPrinter printer(std::move(filter), format, path);
  const TailSink sink = std::cref(printer);

  std::unique_ptr<StopSignals> signals;
  if (mode == Mode::follow) {
    signals = std::make_unique<StopSignals>();
  }
  if (format == OutputFormat::table) {
    std::cout << audit_table_header() << '\n';
  }
  return print_log(path, sink, mode);
}

} // namespace

std::function<int()> add_audit_command(CLI::App& app) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* cmd = app.add_subcommand("audit", "Read the audit log, filtered; --follow for new "
                                              "events");
  cmd->add_option("--config", args->config_path, "Config file (TOML)")->required();
  args->case_option =
      cmd->add_option("--case", args->case_id, "Only events of this case (exact id)");
  args->since_option =
      cmd->add_option("--since", args->since,
                      "Only events at or after T: RFC 3339 (2026-11-26T10:00:00Z), a date "
                      "(2026-11-26, midnight UTC) or an age (30m, 2h, 7d)");
  cmd->add_option("--event", args->events,
                  "Only these events (repeatable, or comma-separated): received, reply_sent, ...");
  cmd->add_flag("--json", args->json, "Print the matching lines as stored (JSON Lines)");
  cmd->add_flag("--follow,-f", args->follow,
                "Keep printing new events as they are appended, across log rotation, until "
                "SIGINT or SIGTERM");
  return [args] { return run_audit(*args); };
}

} // namespace appeald::daemon
