#include "parsers/html_tag.hpp"

#include <algorithm>

namespace appeald::parsers::html {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

} // namespace

TagScanner::TagScanner(std::string_view html)
    : html_(html), last_gt_(html.rfind('>')), last_dquote_(html.rfind('"')),
      last_squote_(html.rfind('\'')) {}

std::optional<Tag> TagScanner::parse(std::size_t i) const {
  if (last_gt_ == std::string_view::npos || i > last_gt_) {
    return std::nullopt; // no '>' follows: a stray '<'
  }
  Tag tag;
  std::size_t j = i + 1;
  if (html_[j] == '/') {
    tag.end = true;
    ++j;
  }
  while (j < html_.size() && !is_space(html_[j]) && html_[j] != '>' && html_[j] != '/') {
    if (tag.name.size() < 32) {
      tag.name += lower(html_[j]);
    }
    ++j;
  }
  while (j < html_.size()) {
    const char c = html_[j];
    if (c == '>') {
      tag.next = j + 1;
      return tag;
    }
    if (is_space(c) || c == '/') {
      tag.self_closing = c == '/' && j + 1 < html_.size() && html_[j + 1] == '>';
      ++j;
      continue;
    }
    const std::size_t name_start = j;
    while (j < html_.size() && !is_space(html_[j]) && html_[j] != '>' && html_[j] != '=' &&
           (html_[j] != '/' || j == name_start)) {
      ++j;
    }
    const std::string_view attr = html_.substr(name_start, j - name_start);
    while (j < html_.size() && is_space(html_[j])) {
      ++j;
    }
    std::string_view value;
    if (j < html_.size() && html_[j] == '=') {
      ++j;
      while (j < html_.size() && is_space(html_[j])) {
        ++j;
      }
      if (j < html_.size() && (html_[j] == '"' || html_[j] == '\'')) {
        const char q = html_[j];
        const std::size_t last_q = q == '"' ? last_dquote_ : last_squote_;
        // An unterminated quote ends at the next '>' rather than swallowing the message.
        const std::size_t close = last_q > j ? html_.find(q, j + 1) : html_.find('>', j + 1);
        if (close == std::string_view::npos) {
          break; // the tag runs to the end of the input
        }
        value = html_.substr(j + 1, close - j - 1);
        j = html_[close] == '>' ? close : close + 1;
      } else {
        const std::size_t start = j;
        while (j < html_.size() && !is_space(html_[j]) && html_[j] != '>') {
          ++j;
        }
        value = html_.substr(start, j - start);
      }
    }
    if (iequals(attr, "class")) {
      tag.cls = value;
    } else if (iequals(attr, "id")) {
      tag.id = value;
    } else if (iequals(attr, "style")) {
      tag.style = value;
    }
  }
  tag.next = html_.size();
  return tag;
}

std::size_t TagScanner::skip_raw_text(std::size_t from, std::string_view name) const {
  for (std::size_t j = html_.find("</", from); j != std::string_view::npos;
       j = html_.find("</", j + 2)) {
    const std::string_view candidate = html_.substr(j + 2, name.size());
    if (iequals(candidate, name)) {
      const std::size_t gt = html_.find('>', j + 2 + name.size());
      return gt == std::string_view::npos ? html_.size() : gt + 1;
    }
  }
  return html_.size();
}

} // namespace appeald::parsers::html
