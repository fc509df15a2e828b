#pragma once
// appeald's configuration file (TOML, see the contract) turned into the plain structs each layer
// defines. Only config/ sees TOML.
#include "parsers/parser_limits.hpp"

#include <expected>
#include <filesystem>
#include <string>

namespace appeald::config {

struct AppConfig {
  std::string authserv_id;      // [policy] authserv_id
  std::string from_address;     // [smtp] from (full "Name <addr>")
  std::string rubric_path;      // [policy] rubric; "" = the shipped rubric
  std::string templates_path;   // [policy] templates; "" = the shipped templates
  parsers::ParserLimits limits; // [limits], plus [policy] max_message_bytes
};

// Loads and validates `path`. Error: "FILE:LINE:COL: what is wrong" for syntax and type errors,
// "FILE: cannot read: reason" when unreadable.
std::expected<AppConfig, std::string> load_config(const std::filesystem::path& path);

} // namespace appeald::config
