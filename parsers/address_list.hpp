#pragma once
// RFC 5322 address lists: display names, comments, quoted local parts, groups, obsolete routes.
#include "parsers/warnings.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

struct Mailbox {
  std::string name;    // display name, RFC 2047-decoded UTF-8, unquoted; "" when none
  std::string address; // addr-spec, lowercased, without angle brackets; "" when unusable
};

// Parses an address list (From, To, Cc, Reply-To). Group members are flattened into the list;
// empty groups add nothing. Tolerates: missing angle brackets, unquoted dots and commas inside
// display names when followed by <addr>, comments anywhere ("(Sam)" used as name when no other
// name), trailing junk, and bare addresses. Parsing never fails: unusable pieces are skipped
// ("address-malformed").
std::vector<Mailbox> parse_address_list(std::string_view raw, Warnings& warnings);

// The first mailbox of `raw`, or an empty Mailbox.
Mailbox parse_first_mailbox(std::string_view raw, Warnings& warnings);

} // namespace appeald::parsers
