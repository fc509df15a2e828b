#include "config/templates_loader.hpp"

#include "parsers/utf8.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace appeald::config {

namespace {

std::expected<responders::TextTemplate, std::string>
load_one(const std::filesystem::path& path, const responders::TemplateSchema& schema) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(path.string() + ": cannot read: " + std::strerror(errno));
  }
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  if (text.size() > max_template_bytes) {
    return std::unexpected(path.string() + ": larger than " + std::to_string(max_template_bytes) +
                           " bytes");
  }
  if (const std::string valid = parsers::sanitize_utf8(text); valid != text) {
    // The first byte where the repaired text differs is the first invalid one.
    const auto diff = std::ranges::mismatch(text, valid).in1;
    const auto line = 1 + std::count(text.begin(), diff, '\n');
    return std::unexpected(path.string() + ":" + std::to_string(line) + ": not valid UTF-8");
  }
  auto parsed = responders::TextTemplate::parse(text, schema);
  if (!parsed) {
    return std::unexpected(path.string() + ":" + std::to_string(parsed.error().line) + ": " +
                           parsed.error().message);
  }
  return std::move(*parsed);
}

} // namespace

std::expected<responders::Templates, std::string> load_templates(const std::filesystem::path& dir) {
  responders::Templates templates;
  const std::pair<const char*, responders::TextTemplate*> files[] = {
      {"request_info.txt", &templates.request_info},
      {"await_fixes.txt", &templates.await_fixes},
      {"review.txt", &templates.review},
  };
  for (const auto& [name, slot] : files) {
    auto loaded = load_one(dir / name, responders::reply_template_schema());
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    *slot = std::move(*loaded);
  }
  struct Optional {
    const char* name;
    responders::TextTemplate* slot;
    const responders::TemplateSchema& schema;
  };
  const Optional later[] = {
      {"decision_accept.txt", &templates.decision_accept, responders::decision_template_schema()},
      {"decision_reject.txt", &templates.decision_reject, responders::decision_template_schema()},
      {"decision_ask.txt", &templates.decision_ask, responders::decision_template_schema()},
      {"notice.txt", &templates.notice, responders::notice_template_schema()},
  };
  for (const auto& [name, slot, schema] : later) {
    std::filesystem::path path = dir / name;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      // A templates directory written before decision mails and notices existed keeps working:
      // a decision or notice template it lacks comes from the shipped set (whose absence is
      // still an error).
      path = default_templates_dir() / name;
    }
    auto loaded = load_one(path, schema);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    *slot = std::move(*loaded);
  }
  return templates;
}

std::filesystem::path default_templates_dir() {
  // As default_rubric_path: an edited template takes effect at once in a build tree.
  const std::filesystem::path source =
      std::filesystem::path(APPEALD_SOURCE_CONFIG_DIR) / "templates";
  std::error_code ec;
  if (std::filesystem::exists(source, ec)) {
    return source;
  }
  return std::filesystem::path(APPEALD_DATA_DIR) / "templates";
}

} // namespace appeald::config
