#pragma once
// A small plain-text template language for reply bodies (a subset of Mustache):
//
//   {{name}}               the value of `name`
//   {{#name}}...{{/name}}  a list: the inside once per item; a scalar: once when not empty
//   {{^name}}...{{/name}}  the inside once when the list, or the scalar, is empty
//   {{.}}                  inside a section: the current item (plain lists) or the scalar
//   {{! comment }}         nothing (notes for whoever edits the template)
//
// Inside a list section a name is first looked up among the item's fields, then outside.
// A line holding only a section or comment tag (and spaces) disappears whole, so sections can
// sit on lines of their own without leaving blank lines behind.
//
// Every name is checked against a TemplateSchema when the template is parsed: an unknown name
// is an error there, with its line number, never a surprise when a reply is composed.
//
// Values are inserted as plain text, once: a value that contains "{{x}}" is not expanded again,
// and nothing is escaped. That is safe because a template only ever yields a mail body, which
// render_rfc5322 writes after the header block and encodes (quoted-printable) as needed; a value
// cannot add a header field.
#include <cstddef>
#include <expected>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::responders {

// The names a family of templates may use.
struct TemplateSchema {
  std::set<std::string> scalars;                      // {{name}}, {{#name}}, {{^name}}
  std::map<std::string, std::set<std::string>> lists; // list name -> item fields ("." = plain)
};

// One list item: field name -> value. Plain items use the field ".".
using TemplateItem = std::map<std::string, std::string>;

struct TemplateValues {
  std::map<std::string, std::string> scalars;
  std::map<std::string, std::vector<TemplateItem>> lists;
};

struct TemplateError {
  std::size_t line = 0; // 1-based line of the offending tag
  std::string message;  // "unknown placeholder {{nmae}}"
};

// Sections nest at most this deep.
inline constexpr std::size_t max_template_depth = 8;

class TextTemplate {
public:
  struct Node;
  TextTemplate();
  TextTemplate(const TextTemplate& other);
  TextTemplate(TextTemplate&&) noexcept;
  TextTemplate& operator=(const TextTemplate& other);
  TextTemplate& operator=(TextTemplate&&) noexcept;
  ~TextTemplate();

  // Parses `text` (LF or CRLF line ends; the result uses LF). Errors: unknown names, "{{"
  // without "}}", empty tags, {{.}} outside a section, unbalanced or mismatched sections,
  // nesting deeper than max_template_depth.
  static std::expected<TextTemplate, TemplateError> parse(std::string_view text,
                                                          const TemplateSchema& schema);

  // The text with `values` filled in. A name the schema allows but `values` lacks counts as
  // empty.
  std::string render(const TemplateValues& values) const;

private:
  std::unique_ptr<std::vector<Node>> nodes_;
};

} // namespace appeald::responders
