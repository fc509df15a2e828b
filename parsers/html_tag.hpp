#pragma once
// Tag scanning for the HTML-to-text converter: one tag at a time, never backtracking.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::parsers::html {

// One start or end tag, with the only attributes the converter looks at.
struct Tag {
  std::string name; // lowercased, at most 32 characters kept
  bool end = false;
  bool self_closing = false;       // "<br/>"
  std::string_view cls, id, style; // raw attribute values (views into the input)
  std::size_t next = 0;            // index just past the tag
};

class TagScanner {
public:
  // `html` must outlive the scanner and the tags it returns.
  explicit TagScanner(std::string_view html);

  // Parses the tag at html[i] == '<' followed by a letter (or '/' and a letter). nullopt when no
  // '>' follows anywhere: the '<' is then text. Attribute values may be double-, single- or
  // unquoted; an unterminated quote ends at the next '>'. A tag with no '>' outside quotes
  // runs to the end of the input. Each call is linear in the tag's length.
  std::optional<Tag> parse(std::size_t i) const;

  // Index just past "</name...>" searching from `from` (case-insensitive), for raw-text
  // elements such as <script>; the input's size when it never ends (the rest is dropped, as
  // browsers do).
  std::size_t skip_raw_text(std::size_t from, std::string_view name) const;

private:
  std::string_view html_;
  // Last positions of '>', '"' and '\'', so a missing closer is known without scanning again.
  std::size_t last_gt_, last_dquote_, last_squote_;
};

} // namespace appeald::parsers::html
