#include "responders/template_text.hpp"

#include "parsers/header_block.hpp"

#include <algorithm>

namespace appeald::responders {

struct TextTemplate::Node {
  enum class Kind { text, value, section, inverted };
  Kind kind = Kind::text;
  std::string text;  // literal text, or the name
  int scope = -1;    // value: the section (by depth) whose item holds it; -1 = a scalar
  bool list = false; // section: over a list (else over a scalar)
  std::vector<Node> children;
};

namespace {

using Node = TextTemplate::Node;

std::string with_lf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    }
    out += text[i];
  }
  return out;
}

bool blank(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c == ' ' || c == '\t'; });
}

struct OpenSection {
  std::string name;
  bool list = false;
  bool inverted = false;
  std::size_t line = 0;
  std::vector<Node> children;
};

class Parser {
public:
  Parser(std::string text, const TemplateSchema& schema)
      : text_(std::move(text)), schema_(schema) {}

  std::expected<std::vector<Node>, TemplateError> run() {
    std::size_t cursor = 0;
    while (true) {
      const std::size_t open = text_.find("{{", cursor);
      if (open == std::string::npos) {
        add_text(std::string_view(text_).substr(cursor));
        break;
      }
      const std::size_t line = line_of(open);
      const std::size_t close = text_.find("}}", open + 2);
      if (close == std::string::npos) {
        return fail(line, "'{{' without a closing '}}'");
      }
      const std::string_view tag =
          parsers::trim(std::string_view(text_).substr(open + 2, close - open - 2));
      if (tag.find('\n') != std::string_view::npos || tag.find("{{") != std::string_view::npos) {
        return fail(line, "'{{' without a closing '}}' on the same line");
      }
      if (tag.empty()) {
        return fail(line, "empty placeholder {{}}");
      }
      const std::size_t tag_end = close + 2;
      const char sigil = tag.front();
      const bool block = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!';

      // A block tag alone on its line takes the whole line with it.
      const std::size_t line_start =
          text_.rfind('\n', open) == std::string::npos ? 0 : text_.rfind('\n', open) + 1;
      const std::size_t line_end = std::min(text_.find('\n', tag_end), text_.size());
      const bool standalone =
          block && line_start >= cursor &&
          blank(std::string_view(text_).substr(line_start, open - line_start)) &&
          blank(std::string_view(text_).substr(tag_end, line_end - tag_end));
      if (standalone) {
        add_text(std::string_view(text_).substr(cursor, line_start - cursor));
        cursor = std::min(line_end + 1, text_.size());
      } else {
        add_text(std::string_view(text_).substr(cursor, open - cursor));
        cursor = tag_end;
      }

      const std::string_view name = block ? parsers::trim(tag.substr(1)) : tag;
      if (sigil == '!') {
        continue;
      }
      if (name.empty()) {
        return fail(line, "placeholder {{" + std::string(tag) + "}} has no name");
      }
      std::expected<void, TemplateError> step;
      if (sigil == '#' || sigil == '^') {
        step = open_section(name, sigil == '^', line);
      } else if (sigil == '/') {
        step = close_section(name, line);
      } else {
        step = add_value(name, line);
      }
      if (!step) {
        return std::unexpected(step.error());
      }
    }
    if (!open_.empty()) {
      return fail(open_.back().line, "{{#" + open_.back().name + "}} is never closed");
    }
    return std::move(root_);
  }

private:
  std::size_t line_of(std::size_t pos) const {
    return 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + pos, '\n'));
  }

  static std::unexpected<TemplateError> fail(std::size_t line, std::string message) {
    return std::unexpected(TemplateError{line, std::move(message)});
  }

  std::vector<Node>& target() { return open_.empty() ? root_ : open_.back().children; }

  void add_text(std::string_view s) {
    if (s.empty()) {
      return;
    }
    std::vector<Node>& nodes = target();
    if (!nodes.empty() && nodes.back().kind == Node::Kind::text) {
      nodes.back().text += s;
    } else {
      nodes.push_back(Node{Node::Kind::text, std::string(s), -1, false, {}});
    }
  }

  std::expected<void, TemplateError> open_section(std::string_view name, bool inverted,
                                                  std::size_t line) {
    const std::string n(name);
    const bool list = schema_.lists.contains(n);
    if (!list && !schema_.scalars.contains(n)) {
      return fail(line, "unknown placeholder {{" + std::string(inverted ? "^" : "#") + n + "}}");
    }
    if (open_.size() >= max_template_depth) {
      return fail(line, "sections nested too deeply");
    }
    open_.push_back(OpenSection{n, list, inverted, line, {}});
    return {};
  }

  std::expected<void, TemplateError> close_section(std::string_view name, std::size_t line) {
    if (open_.empty()) {
      return fail(line, "{{/" + std::string(name) + "}} closes no section");
    }
    if (open_.back().name != name) {
      return fail(line, "{{/" + std::string(name) + "}} does not close {{#" + open_.back().name +
                            "}} (opened on line " + std::to_string(open_.back().line) + ")");
    }
    OpenSection done = std::move(open_.back());
    open_.pop_back();
    target().push_back(Node{done.inverted ? Node::Kind::inverted : Node::Kind::section, done.name,
                            -1, done.list, std::move(done.children)});
    return {};
  }

  std::expected<void, TemplateError> add_value(std::string_view name, std::size_t line) {
    const std::string n(name);
    for (std::size_t depth = open_.size(); depth-- > 0;) {
      const OpenSection& s = open_[depth];
      if (s.inverted) {
        continue;
      }
      const bool provides = s.list ? schema_.lists.at(s.name).contains(n) : n == ".";
      if (provides) {
        target().push_back(Node{Node::Kind::value, n, static_cast<int>(depth), false, {}});
        return {};
      }
    }
    if (n == ".") {
      return fail(line, "{{.}} outside a section that has items");
    }
    if (!schema_.scalars.contains(n)) {
      return fail(line, "unknown placeholder {{" + n + "}}");
    }
    target().push_back(Node{Node::Kind::value, n, -1, false, {}});
    return {};
  }

  std::string text_;
  const TemplateSchema& schema_;
  std::vector<Node> root_;
  std::vector<OpenSection> open_;
};

const std::string& scalar(const TemplateValues& values, const std::string& name) {
  static const std::string empty;
  const auto it = values.scalars.find(name);
  return it == values.scalars.end() ? empty : it->second;
}

const std::vector<TemplateItem>& list(const TemplateValues& values, const std::string& name) {
  static const std::vector<TemplateItem> empty;
  const auto it = values.lists.find(name);
  return it == values.lists.end() ? empty : it->second;
}

// `scopes[d]` is the item of the section open at depth d (nullptr for inverted sections).
void render_nodes(const std::vector<Node>& nodes, const TemplateValues& values,
                  std::vector<const TemplateItem*>& scopes, std::string& out) {
  for (const Node& node : nodes) {
    switch (node.kind) {
    case Node::Kind::text:
      out += node.text;
      break;
    case Node::Kind::value:
      if (node.scope < 0) {
        out += scalar(values, node.text);
      } else if (const TemplateItem* item = scopes[static_cast<std::size_t>(node.scope)]) {
        if (const auto it = item->find(node.text); it != item->end()) {
          out += it->second;
        }
      }
      break;
    case Node::Kind::section:
      if (node.list) {
        for (const TemplateItem& item : list(values, node.text)) {
          scopes.push_back(&item);
          render_nodes(node.children, values, scopes, out);
          scopes.pop_back();
        }
      } else if (const std::string& v = scalar(values, node.text); !v.empty()) {
        const TemplateItem item{{".", v}};
        scopes.push_back(&item);
        render_nodes(node.children, values, scopes, out);
        scopes.pop_back();
      }
      break;
    case Node::Kind::inverted:
      if (node.list ? list(values, node.text).empty() : scalar(values, node.text).empty()) {
        scopes.push_back(nullptr);
        render_nodes(node.children, values, scopes, out);
        scopes.pop_back();
      }
      break;
    }
  }
}

} // namespace

TextTemplate::TextTemplate() : nodes_(std::make_unique<std::vector<Node>>()) {}
TextTemplate::TextTemplate(const TextTemplate& other)
    : nodes_(std::make_unique<std::vector<Node>>(other.nodes_ ? *other.nodes_
                                                              : std::vector<Node>{})) {}
TextTemplate::TextTemplate(TextTemplate&&) noexcept = default;
TextTemplate& TextTemplate::operator=(const TextTemplate& other) {
  if (this != &other) {
    *this = TextTemplate(other);
  }
  return *this;
}
TextTemplate& TextTemplate::operator=(TextTemplate&&) noexcept = default;
TextTemplate::~TextTemplate() = default;

std::expected<TextTemplate, TemplateError> TextTemplate::parse(std::string_view text,
                                                               const TemplateSchema& schema) {
  auto nodes = Parser(with_lf(text), schema).run();
  if (!nodes) {
    return std::unexpected(nodes.error());
  }
  TextTemplate t;
  *t.nodes_ = std::move(*nodes);
  return t;
}

std::string TextTemplate::render(const TemplateValues& values) const {
  std::string out;
  if (!nodes_) { // moved-from
    return out;
  }
  std::vector<const TemplateItem*> scopes;
  render_nodes(*nodes_, values, scopes, out);
  return out;
}

} // namespace appeald::responders
