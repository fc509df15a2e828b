#pragma once
// RFC 5322 address lists: display names, comments, quoted local parts, groups, obsolete routes.
#include "parsers/warnings.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

struct Mailbox {
  std::string name;    // display name, RFC 2047-decoded UTF-8, unquoted; "" when none
  std::string address; // addr-spec, lowercased, without angle brackets; "" when unusable
};

// Mailboxes kept from one list; the rest is dropped ("address-too-many").
inline constexpr std::size_t max_mailboxes = 1000;

// Parses an address list (From, To, Cc, Reply-To). Group members are flattened into the list;
// empty groups add nothing. Tolerates: missing angle brackets, unquoted dots and commas inside
// display names when followed by <addr>, comments anywhere ("(Sam)" used as name when no other
// name), trailing junk, and bare addresses. Parsing never fails: unusable pieces are skipped
// ("address-malformed"). A mailbox written with <...> is kept even when its address is unusable
// (address "", so the name still shows); a bare unusable address is dropped. Addresses are
// lowercased whole (local part too: mail systems treat them case-insensitively in practice);
// a quoted local part stays quoted unless it is a plain dot-atom ("john..doe"@x).
std::vector<Mailbox> parse_address_list(std::string_view raw, Warnings& warnings);

// The first mailbox of `raw`, or an empty Mailbox.
Mailbox parse_first_mailbox(std::string_view raw, Warnings& warnings);

} // namespace appeald::parsers
