#include "daemon/imap_tokens.hpp"

namespace appeald::daemon::imap {

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(
      a, b, [](unsigned char x, unsigned char y) { return std::toupper(x) == std::toupper(y); });
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

std::optional<std::uint64_t> literal_marker(std::string_view line) {
  if (!line.ends_with('}')) {
    return std::nullopt;
  }
  const auto open = line.rfind('{');
  if (open == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (digits.ends_with('+')) {
    digits.remove_suffix(1);
  }
  if (!digits.empty() &&
      std::ranges::all_of(digits, [](unsigned char c) { return std::isdigit(c); })) {
    // Too many digits to parse is still a literal marker, just one nobody can honour.
    return parse_number<std::uint64_t>(digits).value_or(UINT64_MAX);
  }
  return std::nullopt;
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto space = text.find(' ');
    if (space != 0) {
      out.push_back(text.substr(0, space));
    }
    if (space == std::string_view::npos) {
      break;
    }
    text.remove_prefix(space + 1);
  }
  return out;
}

bool untagged(const Response& r) {
  return r.complete && r.text.starts_with("* ");
}

} // namespace appeald::daemon::imap
