#include "responders/thread_headers.hpp"

#include "parsers/header_block.hpp"
#include "responders/header_encoding.hpp"

#include <cstdint>
#include <cstdio>
#include <set>

namespace appeald::responders {

namespace {

constexpr std::string_view fallback_domain = "appeald.invalid";

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string domain_of(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

} // namespace

std::vector<std::string> reply_references(const parsers::Message& parent,
                                          std::size_t max_ancestors) {
  std::vector<std::string> ids;
  if (!parent.references.empty()) {
    ids = parent.references;
  } else if (parent.in_reply_to.size() == 1) {
    ids = parent.in_reply_to;
  }
  if (parent.message_id) {
    ids.push_back(*parent.message_id);
  }
  std::vector<std::string> clean;
  std::set<std::string> seen;
  for (const std::string& raw : ids) {
    if (auto id = sendable_message_id(raw); id && seen.insert(*id).second) {
      clean.push_back(std::move(*id));
    }
  }
  if (clean.size() > max_ancestors + 1) {
    clean.erase(clean.begin() + 1, clean.end() - static_cast<std::ptrdiff_t>(max_ancestors));
  }
  return clean;
}

std::string message_id_domain(std::string_view configured, std::string_view from_address) {
  std::string domain = parsers::ascii_lower(configured);
  if (!is_sendable_address("x@" + domain)) {
    domain = parsers::ascii_lower(domain_of(from_address));
  }
  if (!is_sendable_address("x@" + domain)) {
    domain = fallback_domain;
  }
  return domain;
}

std::string hashed_message_id(std::initializer_list<std::string_view> fields,
                              std::string_view domain) {
  std::uint64_t h = 14695981039346656037ULL;
  for (std::string_view field : fields) {
    h = fnv1a(field, h);
    h = fnv1a("\x1f", h);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return "<appeald." + std::string(hex) + "@" + std::string(domain) + ">";
}

} // namespace appeald::responders
