#include "parsers/message_ids.hpp"

#include "parsers/header_block.hpp"

#include <algorithm>
#include <cstddef>
#include <unordered_set>

namespace appeald::parsers {

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// An id with its whitespace removed (ids folded across lines), or "" when unusable: without
// '@' (RFC 5322 3.6.4; "<not an id>" is prose in brackets), longer than a line may be
// (RFC 5322 2.1.1), or holding control characters.
std::string clean_id(std::string_view content) {
  std::string id;
  id.reserve(content.size() + 2); // one allocation: "<" + content + ">" at most
  id += '<';
  for (char c : content) {
    const auto u = static_cast<unsigned char>(c);
    if (is_space(c)) {
      continue;
    }
    if (u < 0x20 || u == 127) {
      return {};
    }
    id += c;
  }
  if (id.find('@') == std::string::npos || id.size() > max_message_id_length) {
    return {};
  }
  id += '>';
  return id;
}

// End of the comment or quoted string opening at `i` (index after it), or npos if unterminated.
std::size_t skip_delimited(std::string_view raw, std::size_t i) {
  const char close = raw[i] == '(' ? ')' : '"';
  std::size_t depth = 0;
  for (std::size_t j = i; j < raw.size(); ++j) {
    if (raw[j] == '\\' && j > i) {
      ++j;
    } else if (raw[j] == '(' && close == ')') {
      ++depth;
    } else if (raw[j] == close && j > i && (close == '"' || --depth == 0)) {
      return j + 1;
    }
  }
  return npos;
}

// Calls `take(id)` for every bracketed id in order until it returns false. Comments and quoted
// strings between ids are skipped (an unterminated one is ignored from then on, which keeps the
// scan linear); a '<' without '>' before the next '<' is junk.
template <class Take> void for_each_id(std::string_view raw, Take take) {
  bool quotes_broken = false;
  bool parens_broken = false;
  std::size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if ((c == '(' && !parens_broken) || (c == '"' && !quotes_broken)) {
      const std::size_t end = skip_delimited(raw, i);
      if (end != npos) {
        i = end;
        continue;
      }
      (c == '(' ? parens_broken : quotes_broken) = true;
    } else if (c == '<') {
      const std::size_t j = raw.find_first_of("<>", i + 1);
      if (j == npos) {
        return;
      }
      if (raw[j] == '<') {
        i = j;
        continue;
      }
      if (std::string id = clean_id(raw.substr(i + 1, j - i - 1)); !id.empty() && !take(id)) {
        return;
      }
      i = j + 1;
      continue;
    }
    ++i;
  }
}

} // namespace

std::vector<std::string> parse_message_id_list(std::string_view raw) {
  std::vector<std::string> ids;
  std::unordered_set<std::string> seen;
  for_each_id(raw, [&](std::string& id) {
    if (seen.insert(id).second) {
      ids.push_back(std::move(id));
    }
    return true;
  });
  if (ids.size() > max_message_ids) {
    // Keep the root and the most recent ancestors, as RFC 5322 3.6.4 suggests when trimming.
    ids.erase(ids.begin() + 1, ids.end() - static_cast<std::ptrdiff_t>(max_message_ids - 1));
  }
  return ids;
}

std::optional<std::string> parse_message_id(std::string_view raw) {
  std::optional<std::string> first;
  for_each_id(raw, [&](std::string& id) {
    first = std::move(id);
    return false;
  });
  if (first) {
    return first;
  }
  // A bare "abc@example.com": some tools send ids without brackets.
  std::string_view bare = trim(raw);
  if (bare.find('(') != npos) {
    bare = trim(bare.substr(0, bare.find('('))); // a trailing comment
  }
  const bool usable =
      !bare.empty() && bare.find('@') != npos && std::none_of(bare.begin(), bare.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == 127;
      });
  if (!usable) {
    return std::nullopt;
  }
  std::string id = clean_id(bare);
  return id.empty() ? std::nullopt : std::optional<std::string>(std::move(id));
}

} // namespace appeald::parsers
