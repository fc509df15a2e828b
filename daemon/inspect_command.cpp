#include "daemon/inspect_command.hpp"

#include "config/app_config.hpp"
#include "daemon/cli.hpp"
#include "daemon/message_json.hpp"
#include "parsers/message_parser.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace appeald::daemon {

namespace {

struct InspectArgs {
  std::string input;
  std::string config_path;
  bool pretty = false;
};

std::expected<std::string, std::string> read_input(const std::string& path) {
  std::ostringstream bytes;
  if (path == "-") {
    bytes << std::cin.rdbuf();
    return bytes.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected("cannot read " + path + ": " + std::strerror(errno));
  }
  bytes << in.rdbuf();
  if (in.bad()) {
    return std::unexpected("cannot read " + path + ": " + std::strerror(errno));
  }
  return bytes.str();
}

int run_inspect(const InspectArgs& args) {
  parsers::ParseOptions options;
  if (!args.config_path.empty()) {
    auto config = config::load_config(args.config_path);
    if (!config) {
      std::cerr << "appeald inspect: " << config.error() << '\n';
      return exit_failure;
    }
    options.limits = config->limits;
    options.authserv_id = config->authserv_id;
  }
  auto bytes = read_input(args.input);
  if (!bytes) {
    std::cerr << "appeald inspect: " << bytes.error() << '\n';
    return exit_failure;
  }
  const parsers::Message m = parsers::parse_message(*bytes, options);
  std::cout << dump_json(message_to_json(m), args.pretty ? 2 : -1) << '\n';
  return exit_ok;
}

} // namespace

std::function<int()> add_inspect_command(CLI::App& app) {
  auto args = std::make_shared<InspectArgs>();
  CLI::App* cmd = app.add_subcommand("inspect", "Print the parsed view of one message as JSON");
  cmd->add_option("message", args->input, "The message: an .eml file, or - for stdin")->required();
  cmd->add_option("--config", args->config_path,
                  "Config file (authserv-id and parser limits); optional");
  cmd->add_flag("--pretty", args->pretty, "Indent the JSON");
  return [args] { return run_inspect(*args); };
}

} // namespace appeald::daemon
