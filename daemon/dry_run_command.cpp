#include "daemon/dry_run_command.hpp"

#include "appeals/appeal_desk.hpp"
#include "config/app_config.hpp"
#include "config/cases_file.hpp"
#include "config/rubric_loader.hpp"
#include "config/templates_loader.hpp"
#include "daemon/cli.hpp"
#include "daemon/message_json.hpp"
#include "daemon/parse_ahead.hpp"
#include "daemon/usable_cpus.hpp"
#include "daemon/verdict_line.hpp"
#include "daemon/write_behind.hpp"
#include "parsers/mailbox_reader.hpp"
#include "parsers/message_parser.hpp"
#include "responders/reply_composer.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace appeald::daemon {

namespace {

// Without a config there is no configured From; replies are addressed from a placeholder that
// cannot be mistaken for a real mailbox.
constexpr std::string_view default_from = "Enforcement Team <enforcement@appeald.invalid>";

struct DryRunArgs {
  std::string cases_path;
  std::string config_path;
  std::string format = "jsonl";
  std::string replies_dir;
  std::vector<std::string> mailboxes;
};

// Everything a run needs, loaded before the first message.
struct Setup {
  parsers::ParseOptions parse;
  appeals::Rubric rubric;
  responders::Templates templates;
  responders::ReplySettings reply;
  std::vector<appeals::CaseRecord> cases;
};

std::expected<Setup, std::string> load_setup(const DryRunArgs& args) {
  Setup s;
  config::AppConfig app;
  if (!args.config_path.empty()) {
    auto loaded = config::load_config(args.config_path);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    app = std::move(*loaded);
  }
  s.parse.limits = app.limits;
  s.parse.authserv_id = app.authserv_id;
  parsers::Warnings ignored;
  s.reply.from = parsers::parse_first_mailbox(
      app.from_address.empty() ? default_from : std::string_view(app.from_address), ignored);
  if (!app.from_address.empty() && !s.reply.from.address.empty()) {
    s.parse.machine_mail.own_addresses.push_back(s.reply.from.address);
  }
  s.parse.machine_mail.loop_header = s.reply.loop_header;

  auto rubric =
      config::load_rubric(app.rubric_path.empty() ? config::default_rubric_path()
                                                  : std::filesystem::path(app.rubric_path));
  if (!rubric) {
    return std::unexpected(rubric.error());
  }
  s.rubric = std::move(*rubric);
  auto templates = config::load_templates(app.templates_path.empty()
                                              ? config::default_templates_dir()
                                              : std::filesystem::path(app.templates_path));
  if (!templates) {
    return std::unexpected(templates.error());
  }
  s.templates = std::move(*templates);
  auto cases = config::load_cases(args.cases_path);
  if (!cases) {
    return std::unexpected(cases.error());
  }
  s.cases = std::move(*cases);
  return s;
}

// One message judged, on its way to the writer thread.
struct Judged {
  ParsedMessage parsed;
  appeals::Verdict verdict;
  std::size_t number = 0;              // its position in the run, from 1
  parsers::DateTime when;              // the reply's Date, when matched
  std::optional<std::string> reply_id; // the reply's Message-ID, when one is due
};

// Counts for the summary on stderr.
struct Tally {
  std::size_t messages = 0;
  std::size_t bytes = 0;
  std::map<std::string, std::size_t> actions;
  std::map<std::string, std::size_t> rules;
};

std::string cell(std::string_view s, std::size_t width) {
  std::string out(s.substr(0, width));
  if (s.size() > width && width > 1) {
    out.back() = '~';
  }
  out.resize(width, ' ');
  return out;
}

void print_table_header(std::ostream& out) {
  out << cell("#", 5) << ' ' << cell("FROM", 30) << ' ' << cell("CASE", 9) << ' '
      << cell("MATCHED BY", 11) << ' ' << cell("ACTION", 12) << " REASON\n";
}

void print_table_row(std::ostream& out, std::size_t n, const parsers::Message& m,
                     const appeals::Verdict& v) {
  out << cell(std::to_string(n), 5) << ' ' << cell(m.from.address, 30) << ' '
      << cell(v.match.matched ? v.match.matched->id : "-", 9) << ' '
      << cell(to_string(v.match.rule), 11) << ' ' << cell(to_string(v.decision.action), 12) << ' '
      << v.decision.reason << '\n';
}

std::expected<void, std::string> write_reply(const std::filesystem::path& dir, std::size_t n,
                                             const appeals::Verdict& v,
                                             const responders::OutgoingMail& mail) {
  std::ostringstream name;
  name << std::setw(5) << std::setfill('0') << n << '-' << to_string(v.decision.action) << '-'
       << v.match.matched->id << ".eml";
  const std::filesystem::path path = dir / name.str();
  std::ofstream out(path, std::ios::binary);
  out << responders::render_rfc5322(mail);
  if (!out) {
    return std::unexpected("cannot write " + path.string());
  }
  return {};
}

void print_summary(const Tally& t, double seconds) {
  std::ostringstream s;
  s << "dry-run: " << t.messages << " messages in " << std::fixed << std::setprecision(2) << seconds
    << " s";
  if (seconds > 0) {
    s << " (" << std::setprecision(0) << t.messages / seconds << " messages/s, "
      << std::setprecision(1) << t.bytes / seconds / 1e6 << " MB/s)";
  }
  s << "\n  actions:";
  for (const auto& [name, count] : t.actions) {
    s << ' ' << name << '=' << count;
  }
  s << "\n  matched by:";
  for (const auto& [name, count] : t.rules) {
    s << ' ' << name << '=' << count;
  }
  std::cerr << s.str() << '\n';
}

int run_dry_run(const DryRunArgs& args) {
  if (args.format != "jsonl" && args.format != "table") {
    std::cerr << "appeald dry-run: --format must be jsonl or table\n";
    return exit_usage;
  }
  auto setup = load_setup(args);
  if (!setup) {
    std::cerr << "appeald dry-run: " << setup.error() << '\n';
    return exit_failure;
  }
  if (!args.replies_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(args.replies_dir, ec);
    if (ec) {
      std::cerr << "appeald dry-run: cannot create " << args.replies_dir << ": " << ec.message()
                << '\n';
      return exit_failure;
    }
  }
  // The book takes the cases over: a second copy would double their memory on a large run.
  appeals::AppealDesk desk(appeals::CaseBook(std::move(setup->cases)), setup->rubric);
  const bool table = args.format == "table";
  const bool progress = isatty(STDERR_FILENO) != 0;
  std::ostream& out = std::cout;
  if (table) {
    print_table_header(out);
  }
  Tally tally;
  std::string write_error; // the writer's, when it stopped
  std::string line;        // the writer's, reused: one allocation for the whole dump
  // The writer composes each reply and prints each verdict, in input order, on a thread of its
  // own while the next message is judged here. It reads the matched case through the verdict's
  // pointer: the book gets no case added during the run, so records do not move, and judging never
  // writes to them. While it runs, only it writes to std::cout and std::cerr (the standard
  // streams are safe across threads, but their output would interleave).
  auto write = [&](Judged& j) {
    const parsers::Message& m = j.parsed.message;
    const appeals::Verdict& v = j.verdict;
    std::optional<responders::OutgoingMail> reply;
    if (j.reply_id) {
      reply = responders::compose_reply(m, *v.match.matched, v.decision, v.missing_elements,
                                        v.planned, setup->templates, setup->reply, j.when);
      if (!reply || reply->message_id != *j.reply_id) {
        throw std::logic_error("the reply composed differs from the one recorded in its case");
      }
    }
    if (table) {
      print_table_row(out, j.number, m, v);
    } else {
      line.clear();
      append_verdict_line(line, m, v, reply, j.parsed.origin);
      line += '\n';
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
    if (reply && !args.replies_dir.empty()) {
      if (auto w = write_reply(args.replies_dir, j.number, v, *reply); !w) {
        write_error = w.error();
        return false;
      }
    }
    // Here, not in the judging loop: the count is of verdicts printed, and std::cerr (tied to
    // std::cout: writing to it flushes std::cout) is written from the same thread as std::cout.
    if (progress && j.number % 1000 == 0) {
      std::cerr << "\rdry-run: " << j.number << " messages" << std::flush;
    }
    return true;
  };
  // On one CPU the writer runs inline: a thread would only add switches.
  WriteBehind<Judged> writer(write, usable_cpus() >= 2);
  // A mailbox that cannot be read ends the run after what was judged before it is printed.
  auto fail_after_writing = [&](const std::string& error) {
    if (writer.finish()) {
      std::cerr << "appeald dry-run: " << error << '\n';
    } else {
      std::cerr << "appeald dry-run: " << write_error << '\n';
    }
    return exit_failure;
  };
  bool writing = true; // false once the writer stopped
  const auto started = std::chrono::steady_clock::now();
  for (const std::string& path : args.mailboxes) {
    if (!writing) {
      break;
    }
    auto reader = parsers::open_mailbox(path, setup->parse.limits.max_message_bytes);
    if (!reader) {
      return fail_after_writing(reader.error());
    }
    // Messages are split and parsed on a second thread, ahead of the judging here.
    ParseAhead parsed(std::move(*reader), setup->parse);
    while (std::optional<ParsedMessage> next = parsed.next()) {
      appeals::Verdict verdict = desk.judge(next->message);
      Judged j{std::move(*next), std::move(verdict), ++tally.messages, {}, std::nullopt};
      const parsers::Message& m = j.parsed.message;
      const appeals::Verdict& v = j.verdict;
      if (v.match.matched != nullptr) {
        // The reply's id joins the case's thread before the next message is judged, as in the
        // daemon; the writer composes the reply itself.
        j.when = m.date.value_or(v.match.matched->sent_at);
        if (responders::reply_due(m, v.decision.action, setup->templates)) {
          j.reply_id = responders::reply_message_id(m, *v.match.matched, v.decision.action,
                                                    setup->reply, j.when);
          desk.record_reply(v.match.matched->id, *j.reply_id);
        }
      }
      tally.bytes += j.parsed.bytes;
      ++tally.actions[std::string(to_string(v.decision.action))];
      ++tally.rules[std::string(to_string(v.match.rule))];
      if (!writer.push(std::move(j))) {
        writing = false; // finish() below says why
        break;
      }
    }
    // error() is set once the reader is done: not when the writer stopped the loop early.
    if (writing && !parsed.error().empty()) {
      return fail_after_writing(parsed.error());
    }
  }
  if (!writer.finish()) {
    std::cerr << "appeald dry-run: " << write_error << '\n';
    return exit_failure;
  }
  if (progress && tally.messages >= 1000) {
    std::cerr << '\r';
  }
  out.flush();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_summary(tally, seconds);
  return exit_ok;
}

} // namespace

std::function<int()> add_dry_run_command(CLI::App& app) {
  auto args = std::make_shared<DryRunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dry-run", "Judge every message of mailbox dumps and show what appeald would do; sends "
                 "nothing and writes no state");
  cmd->add_option("--cases", args->cases_path, "Cases file (JSON Lines, one notice per line)")
      ->required();
  cmd->add_option("--config", args->config_path,
                  "Config file (authserv-id, From address, rubric, templates, limits)");
  cmd->add_option("--format", args->format, "Output format: jsonl (default) or table")
      ->check(CLI::IsMember({"jsonl", "table"}));
  cmd->add_option("--replies-dir", args->replies_dir,
                  "Write every would-be reply as an .eml file into this directory");
  cmd->add_option("mailbox", args->mailboxes,
                  "mbox file, Maildir, .eml file, directory of .eml files, or - for stdin")
      ->required();
  return [args] { return run_dry_run(*args); };
}

} // namespace appeald::daemon
