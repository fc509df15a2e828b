#include "daemon/url_policy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace appeald::daemon {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_loopback_host(std::string_view host) {
  std::string h = lower(host);
  if (h == "localhost" || h == "localhost.") {
    return true;
  }
  // Only the dotted-quad form: inet_pton refuses "127.1" and friends, which then count as remote.
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) {
    if (std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0) {
      return true;
    }
    // ::ffff:127.x.y.z, IPv4-mapped loopback.
    static constexpr unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::memcmp(v6.s6_addr, mapped, sizeof mapped) == 0 && v6.s6_addr[12] == 127;
  }
  return false;
}

} // namespace

std::string check_url(std::string_view url, Protocol protocol, bool allow_plaintext) {
  const char* name = protocol == Protocol::imap ? "IMAP" : "SMTP";
  const std::string plain = protocol == Protocol::imap ? "imap" : "smtp";
  const std::string tls = plain + "s";
  if (std::ranges::any_of(url, [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
    return std::string(name) + " URL contains spaces or control characters";
  }
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) {
    return std::string(name) + " URL has no scheme: use " + tls + "://host[:port]/";
  }
  const std::string scheme = lower(url.substr(0, sep));
  if (scheme != plain && scheme != tls) {
    return std::string(name) + " URL scheme '" + scheme + "' is not supported: use " + tls +
           ":// (or " + plain + ":// to loopback)";
  }
  const std::string_view rest = url.substr(sep + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return std::string(name) + " URL must not contain credentials: use the user and password file";
  }
  std::string_view host;
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return std::string(name) + " URL has an unterminated IPv6 address";
    }
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) {
      return std::string(name) + " URL has garbage after the IPv6 address";
    }
    if (after == ":") {
      return std::string(name) + " URL has an empty port";
    }
    port = after.empty() ? after : after.substr(1);
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    port = colon == std::string_view::npos ? std::string_view{} : authority.substr(colon + 1);
  }
  if (host.empty()) {
    return std::string(name) + " URL has no host";
  }
  if (authority.find(':') != std::string_view::npos && !authority.starts_with('[') &&
      port.empty()) {
    return std::string(name) + " URL has an empty port";
  }
  if (!port.empty()) {
    if (port.size() > 5 ||
        !std::ranges::all_of(port, [](unsigned char c) { return std::isdigit(c); })) {
      return std::string(name) + " URL has a bad port '" + std::string(port) + "'";
    }
    const int n = std::stoi(std::string(port));
    if (n < 1 || n > 65535) {
      return std::string(name) + " URL port " + std::string(port) + " is out of range";
    }
  }
  if (scheme == plain && !allow_plaintext && !is_loopback_host(host)) {
    return "plain " + plain + ":// to " + std::string(host) +
           " would send the password unencrypted: use " + tls + ":// (or allow_plaintext = true)";
  }
  return "";
}

} // namespace appeald::daemon
