#include "config/app_config.hpp"

#include <toml++/toml.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace appeald::config {

namespace {

std::string where(const std::filesystem::path& path, const toml::source_region& src) {
  std::ostringstream s;
  s << path.string() << ':' << src.begin.line << ':' << src.begin.column;
  return s.str();
}

// Reads a positive integer key of `table` into `out`; a wrong type is an error naming the line.
std::expected<void, std::string> read_size(const toml::table& table, std::string_view key,
                                           std::size_t& out, const std::filesystem::path& path) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return {};
  }
  const auto* value = node->as_integer();
  if (value == nullptr || value->get() <= 0) {
    return std::unexpected(where(path, node->source()) + ": " + std::string(key) +
                           " must be a positive integer");
  }
  out = static_cast<std::size_t>(value->get());
  return {};
}

std::expected<void, std::string> read_string(const toml::table& table, std::string_view key,
                                             std::string& out, const std::filesystem::path& path) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return {};
  }
  const auto* value = node->as_string();
  if (value == nullptr) {
    return std::unexpected(where(path, node->source()) + ": " + std::string(key) +
                           " must be a string");
  }
  out = value->get();
  return {};
}

} // namespace

std::expected<AppConfig, std::string> load_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(path.string() + ": cannot read: " + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  toml::table root;
  try {
    root = toml::parse(bytes.str(), path.string());
  } catch (const toml::parse_error& err) {
    return std::unexpected(where(path, err.source()) + ": " + std::string(err.description()));
  }
  AppConfig config;

  static const toml::table empty;
  const toml::table* policy = root["policy"].as_table();
  const toml::table* limits = root["limits"].as_table();
  const toml::table* smtp = root["smtp"].as_table();
  for (auto step : {
           read_string(policy ? *policy : empty, "authserv_id", config.authserv_id, path),
           read_size(policy ? *policy : empty, "max_message_bytes", config.limits.max_message_bytes,
                     path),
           read_string(smtp ? *smtp : empty, "from", config.from_address, path),
           read_string(policy ? *policy : empty, "rubric", config.rubric_path, path),
           read_string(policy ? *policy : empty, "templates", config.templates_path, path),
           read_size(limits ? *limits : empty, "max_header_bytes", config.limits.max_header_bytes,
                     path),
           read_size(limits ? *limits : empty, "max_header_count", config.limits.max_header_count,
                     path),
           read_size(limits ? *limits : empty, "max_line_bytes", config.limits.max_line_bytes,
                     path),
           read_size(limits ? *limits : empty, "max_mime_depth", config.limits.max_mime_depth,
                     path),
           read_size(limits ? *limits : empty, "max_parts", config.limits.max_parts, path),
           read_size(limits ? *limits : empty, "max_text_bytes", config.limits.max_text_bytes,
                     path),
           read_size(limits ? *limits : empty, "max_html_depth", config.limits.max_html_depth,
                     path),
       }) {
    if (!step) {
      return std::unexpected(step.error());
    }
  }
  return config;
}

} // namespace appeald::config
