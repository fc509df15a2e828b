#include "daemon/notice_args.hpp"

#include "appeals/notice_id.hpp"
#include "parsers/header_block.hpp"
#include "responders/header_encoding.hpp"

#include <algorithm>

namespace appeald::daemon {

namespace {

constexpr std::int64_t seconds_per_day = 86400;

std::string lowercase(std::string s) {
  std::ranges::transform(s, s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return s;
}

// Printable, no control characters (the account reaches the Subject and the audit log); UTF-8
// beyond ASCII is allowed.
bool valid_account(std::string_view account) {
  if (account.empty() || account.size() > max_account_length ||
      parsers::trim(account).size() != account.size()) {
    return false;
  }
  return std::ranges::none_of(account, [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// `what` shown in an error: one line, cut short.
std::string shown(std::string_view what) {
  return "\"" + responders::sanitize_header_text(what.substr(0, 100)) + "\"";
}

std::expected<std::string, std::string> address_option(std::string_view option,
                                                       const std::string& value) {
  if (!responders::is_sendable_address(value)) {
    return std::unexpected(std::string(option) + " " + shown(value) +
                           " is not one email address (user@domain, no spaces)");
  }
  return lowercase(value);
}

} // namespace

std::expected<appeals::CaseRecord, std::string> notice_case_from(const NoticeArgs& args,
                                                                 std::int64_t now) {
  appeals::CaseRecord c;
  const auto kind = appeals::case_kind_from(args.kind);
  if (!kind) {
    return std::unexpected("--kind must be probation or suspension (got " + shown(args.kind) + ")");
  }
  c.kind = *kind;
  const auto issue = appeals::issue_from(args.issue);
  if (!issue) {
    return std::unexpected("--issue must be bounce, complaint, unsolicited or other (got " +
                           shown(args.issue) + ")");
  }
  c.issue = *issue;
  if (!appeals::valid_case_id(args.case_id)) {
    return std::unexpected("--case " + shown(args.case_id) +
                           " is not a valid case id: 1-64 of A-Z a-z 0-9 . _ -, not starting "
                           "with '.'");
  }
  c.id = args.case_id;
  if (!valid_account(args.account)) {
    return std::unexpected("--account must be 1-" + std::to_string(max_account_length) +
                           " printable characters");
  }
  c.account = args.account;
  auto address = address_option("--address", args.address);
  if (!address) {
    return std::unexpected(address.error());
  }
  c.address = std::move(*address);
  if (!args.representative.empty()) {
    auto rep = address_option("--representative", args.representative);
    if (!rep) {
      return std::unexpected(rep.error());
    }
    c.representative = std::move(*rep);
  }

  c.sent_at = parsers::DateTime{now, 0};
  if (!args.sent_at.empty()) {
    const auto sent = parsers::parse_rfc3339(args.sent_at);
    if (!sent) {
      return std::unexpected("--sent-at " + shown(args.sent_at) + " is not an RFC 3339 time");
    }
    if (sent->unix_seconds > now + max_sent_at_skew_seconds) {
      return std::unexpected("--sent-at must not be in the future");
    }
    c.sent_at = *sent;
  }
  if (!args.deadline.empty()) {
    const auto deadline = parsers::parse_rfc3339(args.deadline);
    if (!deadline) {
      return std::unexpected("--deadline " + shown(args.deadline) + " is not an RFC 3339 time");
    }
    if (deadline->unix_seconds <= c.sent_at.unix_seconds) {
      return std::unexpected("--deadline must be after the sending time (" +
                             parsers::to_rfc3339(c.sent_at) + ")");
    }
    c.deadline = *deadline;
  }
  if (!args.reviewer.empty() && parsers::trim(args.reviewer).empty()) {
    return std::unexpected("--reviewer must not be empty");
  }
  return c;
}

parsers::DateTime default_probation_deadline(const parsers::DateTime& sent_at, int probation_days) {
  return parsers::DateTime{sent_at.unix_seconds + probation_days * seconds_per_day,
                           sent_at.offset_minutes};
}

} // namespace appeald::daemon
