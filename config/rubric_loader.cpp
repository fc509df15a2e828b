#include "config/rubric_loader.hpp"

#include <toml++/toml.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace appeald::config {

namespace {

using appeals::CuePattern;
using appeals::RubricElement;

constexpr std::array contract_elements = {"cause",
                                          "changes",
                                          "prevention",
                                          "bounce.list_source",
                                          "bounce.removal",
                                          "complaint.consent",
                                          "complaint.unsubscribe",
                                          "unsolicited.requested",
                                          "unsolicited.acquisition"};

struct Context {
  const std::string& name;

  std::string at(const toml::node& node) const {
    std::ostringstream s;
    s << name;
    if (node.source().begin.line > 0) {
      s << ':' << node.source().begin.line << ':' << node.source().begin.column;
    }
    return s.str();
  }
};

using Result = std::expected<void, std::string>;

// Cues may group multi-word alternatives in braces: "{led to|resulted in} problems" stands for
// "led to problems" and "resulted in problems". Groups do not nest; a cue expands to at most
// max_expansions patterns.
constexpr std::size_t max_expansions = 256;

std::expected<std::vector<std::string>, std::string> expand_braces(std::string_view cue) {
  std::vector<std::string> out{""};
  std::size_t i = 0;
  while (i < cue.size()) {
    if (cue[i] == '}') {
      return std::unexpected("'}' without '{'");
    }
    if (cue[i] != '{') {
      for (std::string& o : out) {
        o += cue[i];
      }
      ++i;
      continue;
    }
    const std::size_t close = cue.find('}', i);
    if (close == std::string_view::npos) {
      return std::unexpected("'{' without '}'");
    }
    const std::string_view group = cue.substr(i + 1, close - i - 1);
    if (group.find('{') != std::string_view::npos) {
      return std::unexpected("braces do not nest");
    }
    std::vector<std::string> choices;
    std::size_t start = 0;
    while (true) {
      const std::size_t bar = group.find('|', start);
      choices.emplace_back(group.substr(start, bar - start));
      if (bar == std::string_view::npos) {
        break;
      }
      start = bar + 1;
    }
    if (out.size() * choices.size() > max_expansions) {
      return std::unexpected("expands to more than " + std::to_string(max_expansions) + " cues");
    }
    std::vector<std::string> next;
    for (const std::string& o : out) {
      for (const std::string& c : choices) {
        next.push_back(o + c);
      }
    }
    out = std::move(next);
    i = close + 1;
  }
  return out;
}

Result read_cues(const Context& ctx, const toml::table& table, std::string_view key,
                 std::string_view owner, std::vector<CuePattern>& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return {};
  }
  const toml::array* list = node->as_array();
  if (list == nullptr) {
    return std::unexpected(ctx.at(*node) + ": " + std::string(owner) + ": \"" + std::string(key) +
                           "\" must be an array of strings");
  }
  for (const toml::node& item : *list) {
    const auto* text = item.as_string();
    if (text == nullptr) {
      return std::unexpected(ctx.at(item) + ": " + std::string(owner) + ": \"" + std::string(key) +
                             "\" must hold strings");
    }
    auto expanded = expand_braces(text->get());
    if (!expanded) {
      return std::unexpected(ctx.at(item) + ": " + std::string(owner) + ": cue \"" + text->get() +
                             "\": " + expanded.error());
    }
    for (const std::string& source : *expanded) {
      auto cue = CuePattern::compile(source);
      if (!cue) {
        return std::unexpected(ctx.at(item) + ": " + std::string(owner) + ": cue \"" + text->get() +
                               "\": " + cue.error());
      }
      out.push_back(std::move(*cue));
    }
  }
  return {};
}

Result read_text(const Context& ctx, const toml::table& table, std::string_view key,
                 std::string_view owner, std::string& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr || node->as_string() == nullptr || node->as_string()->get().empty()) {
    return std::unexpected((node ? ctx.at(*node) : ctx.at(table)) + ": " + std::string(owner) +
                           ": \"" + std::string(key) + "\" must be a non-empty string");
  }
  out = node->as_string()->get();
  return {};
}

Result read_element(const Context& ctx, const toml::table& t, RubricElement& e) {
  if (auto r = read_text(ctx, t, "id", "element", e.id); !r) {
    return r;
  }
  const std::string owner = "element \"" + e.id + "\"";
  for (auto [key, out] : {std::pair{"title", &e.title}, std::pair{"request", &e.request}}) {
    if (auto r = read_text(ctx, t, key, owner, *out); !r) {
      return r;
    }
  }
  if (const toml::node* issues = t.get("issues")) {
    const toml::array* list = issues->as_array();
    if (list == nullptr) {
      return std::unexpected(ctx.at(*issues) + ": " + owner + ": \"issues\" must be an array");
    }
    for (const toml::node& item : *list) {
      const auto* name = item.as_string();
      const auto issue = name ? appeals::issue_from(name->get()) : std::nullopt;
      if (!issue) {
        return std::unexpected(ctx.at(item) + ": " + owner +
                               ": issues must be \"bounce\", \"complaint\", \"unsolicited\" or "
                               "\"other\"");
      }
      e.issues.push_back(*issue);
    }
  }
  if (const toml::node* tense = t.get("tense")) {
    const auto* v = tense->as_string();
    if (v == nullptr || (v->get() != "any" && v->get() != "done" && v->get() != "told")) {
      return std::unexpected(ctx.at(*tense) + ": " + owner +
                             ": tense must be \"any\", \"done\" or \"told\"");
    }
    e.tense = v->get() == "done"   ? appeals::TenseRule::done
              : v->get() == "told" ? appeals::TenseRule::told
                                   : appeals::TenseRule::any;
  }
  if (const toml::node* reject = t.get("reject_negated")) {
    if (reject->as_boolean() == nullptr) {
      return std::unexpected(ctx.at(*reject) + ": " + owner +
                             ": reject_negated must be true or "
                             "false");
    }
    e.reject_negated = reject->as_boolean()->get();
  }
  if (const toml::node* yes_no = t.get("yes_no")) {
    if (yes_no->as_boolean() == nullptr) {
      return std::unexpected(ctx.at(*yes_no) + ": " + owner + ": yes_no must be true or false");
    }
    e.yes_no = yes_no->as_boolean()->get();
  }
  if (const toml::node* item = t.get("notice_item")) {
    const auto* v = item->as_integer();
    if (v == nullptr || v->get() < 0 || v->get() > 9) {
      return std::unexpected(ctx.at(*item) + ": " + owner + ": notice_item must be 0-9");
    }
    e.notice_item = static_cast<int>(v->get());
  }
  for (auto [key, out] : {std::pair{"cues", &e.cues}, std::pair{"state_cues", &e.state_cues},
                          std::pair{"exclude", &e.exclude}, std::pair{"labels", &e.labels},
                          std::pair{"questions", &e.questions}}) {
    if (auto r = read_cues(ctx, t, key, owner, *out); !r) {
      return r;
    }
  }
  if (e.cues.empty()) {
    return std::unexpected(ctx.at(t) + ": " + owner + ": needs at least one cue");
  }
  return {};
}

// Errors quote ids and cues; a control character in one (a TOML "\n" escape) is written as an
// escape, so the error stays on one line.
std::string one_line(const std::string& error) {
  std::string out;
  for (const char ch : error) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      constexpr std::string_view hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xf];
    } else {
      out += ch;
    }
  }
  return out;
}

std::expected<appeals::Rubric, std::string> parse_unescaped(std::string_view text,
                                                            const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    std::ostringstream s;
    s << name << ':' << err.source().begin.line << ':' << err.source().begin.column << ": "
      << err.description();
    return std::unexpected(s.str());
  }
  const Context ctx{name};
  appeals::Rubric rubric;

  if (const toml::table* tense = root["tense"].as_table()) {
    appeals::TenseCues& c = rubric.tense;
    for (auto [key, out] :
         {std::pair{"planned", &c.planned}, std::pair{"in_progress", &c.in_progress},
          std::pair{"conditional", &c.conditional}, std::pair{"done", &c.done},
          std::pair{"negation", &c.negation}, std::pair{"not_negation", &c.not_negation},
          std::pair{"affirmative", &c.affirmative}, std::pair{"non_answer", &c.non_answer}}) {
      if (auto r = read_cues(ctx, *tense, key, "[tense]", *out); !r) {
        return std::unexpected(r.error());
      }
    }
  } else {
    return std::unexpected(name + ": missing the [tense] table");
  }

  const toml::array* elements = root["element"].as_array();
  if (elements == nullptr || elements->empty()) {
    return std::unexpected(name + ": no [[element]] tables");
  }
  std::set<std::string> seen;
  for (const toml::node& node : *elements) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      return std::unexpected(ctx.at(node) + ": [[element]] must be a table");
    }
    RubricElement e;
    if (auto r = read_element(ctx, *t, e); !r) {
      return std::unexpected(r.error());
    }
    if (!seen.insert(e.id).second) {
      return std::unexpected(ctx.at(*t) + ": element \"" + e.id + "\" is defined twice");
    }
    rubric.elements.push_back(std::move(e));
  }
  for (const char* id : contract_elements) {
    if (!seen.contains(id)) {
      return std::unexpected(name + ": element \"" + std::string(id) + "\" is missing");
    }
  }
  appeals::index_cues(rubric);
  return rubric;
}

} // namespace

std::expected<appeals::Rubric, std::string> parse_rubric(std::string_view text,
                                                         const std::string& name) {
  auto rubric = parse_unescaped(text, name);
  if (!rubric) {
    return std::unexpected(one_line(rubric.error()));
  }
  return rubric;
}

std::expected<appeals::Rubric, std::string> load_rubric(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(path.string() + ": cannot read: " + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return parse_rubric(bytes.str(), path.string());
}

std::filesystem::path default_rubric_path() {
  // A build tree uses the source tree's copy, so an edited rubric takes effect at once; an
  // installed appeald has no source tree and uses its data directory.
  const std::filesystem::path source =
      std::filesystem::path(APPEALD_SOURCE_CONFIG_DIR) / "rubric.toml";
  std::error_code ec;
  if (std::filesystem::exists(source, ec)) {
    return source;
  }
  return std::filesystem::path(APPEALD_DATA_DIR) / "rubric.toml";
}

} // namespace appeald::config
