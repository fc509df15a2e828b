#include "config/app_config.hpp"

#include "parsers/address_list.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <variant>
#include <vector>

namespace appeald::config {

namespace {

// Whether a string key names a file: such values are resolved against the config's directory.
enum class IsPath { no, yes };

struct StringKey {
  std::string_view name;
  std::string* out;
  IsPath is_path = IsPath::no;
};
struct IntKey {
  std::string_view name;
  int* out;
  int low;
  int high;
};
struct SizeKey { // a positive byte count or count of things
  std::string_view name;
  std::size_t* out;
};
struct BoolKey {
  std::string_view name;
  bool* out;
};
using KeySpec = std::variant<StringKey, IntKey, SizeKey, BoolKey>;

struct TableSpec {
  std::string_view name;
  std::vector<KeySpec> keys;
};

std::string_view key_name(const KeySpec& spec) {
  return std::visit([](const auto& k) { return k.name; }, spec);
}

// The schema: every table and key the file may hold, and where each value goes.
std::vector<TableSpec> schema(AppConfig& c) {
  auto& l = c.limits;
  return {
      {"imap",
       {StringKey{"url", &c.imap.url}, StringKey{"user", &c.imap.user},
        StringKey{"password_file", &c.imap.password_file, IsPath::yes},
        StringKey{"processed_folder", &c.imap.processed_folder},
        StringKey{"review_folder", &c.imap.review_folder},
        StringKey{"triage_folder", &c.imap.triage_folder},
        IntKey{"poll_interval_seconds", &c.imap.poll_interval_seconds, min_poll_interval_seconds,
               max_poll_interval_seconds},
        StringKey{"ca_file", &c.imap.ca_file, IsPath::yes},
        BoolKey{"allow_plaintext", &c.imap.allow_plaintext},
        IntKey{"connect_timeout_seconds", &c.imap.connect_timeout_seconds, min_timeout_seconds,
               max_timeout_seconds},
        IntKey{"transfer_timeout_seconds", &c.imap.transfer_timeout_seconds, min_timeout_seconds,
               max_timeout_seconds}}},
      {"smtp",
       {StringKey{"url", &c.smtp.url}, StringKey{"user", &c.smtp.user},
        StringKey{"password_file", &c.smtp.password_file, IsPath::yes},
        StringKey{"from", &c.from_address}, StringKey{"ca_file", &c.smtp.ca_file, IsPath::yes},
        BoolKey{"allow_plaintext", &c.smtp.allow_plaintext},
        IntKey{"connect_timeout_seconds", &c.smtp.connect_timeout_seconds, min_timeout_seconds,
               max_timeout_seconds},
        IntKey{"transfer_timeout_seconds", &c.smtp.transfer_timeout_seconds, min_timeout_seconds,
               max_timeout_seconds}}},
      {"store", {StringKey{"path", &c.store_path, IsPath::yes}}},
      {"audit", {StringKey{"path", &c.audit_path, IsPath::yes}}},
      {"policy",
       {StringKey{"rubric", &c.rubric_path, IsPath::yes},
        StringKey{"templates", &c.templates_path, IsPath::yes},
        StringKey{"authserv_id", &c.authserv_id},
        IntKey{"max_auto_replies_per_case", &c.max_auto_replies_per_case, 0,
               max_auto_replies_limit},
        SizeKey{"max_message_bytes", &l.max_message_bytes},
        IntKey{"deadline_warning_hours", &c.deadline_warning_hours, 1, max_deadline_warning_hours},
        IntKey{"probation_days", &c.probation_days, 1, max_probation_days},
        StringKey{"notice_key_file", &c.notice_key_file, IsPath::yes}}},
      {"limits",
       {SizeKey{"max_header_bytes", &l.max_header_bytes},
        SizeKey{"max_header_count", &l.max_header_count},
        SizeKey{"max_line_bytes", &l.max_line_bytes}, SizeKey{"max_mime_depth", &l.max_mime_depth},
        SizeKey{"max_parts", &l.max_parts}, SizeKey{"max_text_bytes", &l.max_text_bytes},
        SizeKey{"max_html_depth", &l.max_html_depth}}},
  };
}

// Reads values into the config, naming FILE:LINE:COL in every error.
class Reader {
public:
  Reader(const std::filesystem::path& path, std::filesystem::path base)
      : path_(path), base_(std::move(base)) {}

  std::string where(const toml::source_region& src) const {
    std::ostringstream s;
    s << path_.string() << ':' << src.begin.line << ':' << src.begin.column;
    return s.str();
  }

  std::expected<void, std::string> read(const TableSpec& table, const toml::key& key,
                                        const toml::node& node) const {
    const std::string full = std::string(table.name) + "." + std::string(key.str());
    if (key.str() == "password" && (table.name == "imap" || table.name == "smtp")) {
      return fail(key.source(), full + " is not allowed: put the password in a file named by " +
                                    std::string(table.name) +
                                    ".password_file, or pass it with systemd LoadCredential=" +
                                    std::string(table.name) + ":PATH");
    }
    auto spec = std::find_if(table.keys.begin(), table.keys.end(),
                             [&](const KeySpec& k) { return key_name(k) == key.str(); });
    if (spec == table.keys.end()) {
      return fail(key.source(), "unknown key " + full);
    }
    return std::visit([&](const auto& k) { return apply(k, full, node); }, *spec);
  }

private:
  std::unexpected<std::string> fail(const toml::source_region& src, const std::string& what) const {
    return std::unexpected(where(src) + ": " + what);
  }

  std::expected<void, std::string> apply(const StringKey& k, const std::string& full,
                                         const toml::node& node) const {
    const auto* value = node.as_string();
    if (value == nullptr) {
      return fail(node.source(), full + " must be a string");
    }
    *k.out = value->get();
    if (k.is_path == IsPath::yes && !k.out->empty() &&
        std::filesystem::path(*k.out).is_relative()) {
      *k.out = (base_ / *k.out).lexically_normal().string();
    }
    return {};
  }

  std::expected<void, std::string> apply(const IntKey& k, const std::string& full,
                                         const toml::node& node) const {
    const auto* value = node.as_integer();
    if (value == nullptr) {
      return fail(node.source(), full + " must be an integer");
    }
    if (value->get() < k.low || value->get() > k.high) {
      return fail(node.source(), full + " must be between " + std::to_string(k.low) + " and " +
                                     std::to_string(k.high));
    }
    *k.out = static_cast<int>(value->get());
    return {};
  }

  std::expected<void, std::string> apply(const SizeKey& k, const std::string& full,
                                         const toml::node& node) const {
    const auto* value = node.as_integer();
    if (value == nullptr || value->get() <= 0) {
      return fail(node.source(), full + " must be a positive integer");
    }
    *k.out = static_cast<std::size_t>(value->get());
    return {};
  }

  std::expected<void, std::string> apply(const BoolKey& k, const std::string& full,
                                         const toml::node& node) const {
    const auto* value = node.as_boolean();
    if (value == nullptr) {
      return fail(node.source(), full + " must be true or false");
    }
    *k.out = value->get();
    return {};
  }

  const std::filesystem::path& path_;
  std::filesystem::path base_;
};

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// "" when `url` is present and of one of `schemes`, else the error (without the file name).
std::string check_url(std::string_view key, const std::string& url,
                      std::initializer_list<std::string_view> schemes) {
  if (url.empty()) {
    return std::string(key) + " is required";
  }
  for (std::string_view scheme : schemes) {
    const std::string prefix = std::string(scheme) + "://";
    if (starts_with_ci(url, prefix)) {
      return url.size() > prefix.size() ? "" : std::string(key) + " has no host";
    }
  }
  std::string error = std::string(key) + " must start with ";
  const char* separator = "";
  for (std::string_view scheme : schemes) {
    error += separator + std::string(scheme) + "://";
    separator = " or ";
  }
  return error;
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
    return std::unexpected(Reader(path, {}).where(err.source()) + ": " +
                           std::string(err.description()));
  }
  AppConfig config;
  std::error_code ec;
  config.source = std::filesystem::absolute(path, ec).lexically_normal();
  const Reader reader(path, config.source.parent_path());
  const std::vector<TableSpec> tables = schema(config);

  for (const auto& [key, node] : root) {
    auto table = std::find_if(tables.begin(), tables.end(),
                              [&](const TableSpec& t) { return t.name == key.str(); });
    if (table == tables.end()) {
      return std::unexpected(reader.where(key.source()) + ": unknown " +
                             (node.is_table() ? "table [" + std::string(key.str()) + "]"
                                              : "key " + std::string(key.str())));
    }
    const toml::table* values = node.as_table();
    if (values == nullptr) {
      return std::unexpected(reader.where(node.source()) + ": " + std::string(key.str()) +
                             " must be a table");
    }
    for (const auto& [name, value] : *values) {
      if (auto step = reader.read(*table, name, value); !step) {
        return std::unexpected(step.error());
      }
    }
  }
  return config;
}

std::expected<void, std::string> validate_for_run(const AppConfig& c) {
  const std::string file = c.source.empty() ? std::string("config") : c.source.string();
  std::string error = check_url("imap.url", c.imap.url, {"imap", "imaps"});
  if (error.empty()) {
    error = check_url("smtp.url", c.smtp.url, {"smtp", "smtps"});
  }
  if (error.empty() && c.from_address.empty()) {
    error = "smtp.from is required";
  }
  if (error.empty()) {
    parsers::Warnings ignored;
    if (parsers::parse_first_mailbox(c.from_address, ignored).address.empty()) {
      error = "smtp.from has no email address";
    }
  }
  if (!error.empty()) {
    return std::unexpected(file + ": " + error);
  }
  return {};
}

} // namespace appeald::config
