#pragma once
// The options of `appeald notice send` turned into the case its notice opens, with every usage
// error found before the config or the store is touched.
#include "appeals/case_record.hpp"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>

namespace appeald::daemon {

// Longest account id accepted: an account number or name, not a text.
inline constexpr std::size_t max_account_length = 128;
// How far in the future --sent-at may lie: clocks differ a little, a notice is not post-dated.
inline constexpr std::int64_t max_sent_at_skew_seconds = 300;

struct NoticeArgs {
  std::string config_path;
  std::string case_id;
  std::string account;
  std::string address;
  std::string issue;
  std::string kind;
  std::string deadline;       // RFC 3339, "" = none given
  std::string representative; // "" = none
  std::string summary;
  std::string sent_at; // RFC 3339, "" = now
  std::string reviewer;
  bool json = false;
};

// The case `args` describe, sent at --sent-at or `now` (UTC seconds), with the given --deadline
// (none yet when omitted: the caller gives a probation its default from the config, see
// default_probation_deadline). Addresses are lowercased.
// Errors, one line without the "appeald notice: " prefix:
//   "--kind must be probation or suspension (got \"x\")",
//   "--issue must be bounce, complaint, unsolicited or other (got \"x\")",
//   "--case \"x\" is not a valid case id: 1-64 of A-Z a-z 0-9 . _ -, not starting with '.'",
//   "--account must be 1-128 printable characters",
//   "--address \"x\" is not one email address (user@domain, no spaces)", likewise
//   --representative, "--sent-at \"x\" is not an RFC 3339 time", "--sent-at must not be in the
//   future", "--deadline \"x\" is not an RFC 3339 time", "--deadline must be after the sending
//   time (T)", "--reviewer must not be empty".
std::expected<appeals::CaseRecord, std::string> notice_case_from(const NoticeArgs& args,
                                                                 std::int64_t now);

// The deadline of a probation sent at `sent_at` when none was given: `probation_days` later.
parsers::DateTime default_probation_deadline(const parsers::DateTime& sent_at, int probation_days);

} // namespace appeald::daemon
