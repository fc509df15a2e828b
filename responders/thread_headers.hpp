#pragma once
// The headers that place a mail appeald writes in a thread and name it: References built from the
// parent (RFC 5322 3.6.4) and appeald's own Message-IDs. Shared by the automatic replies
// (reply_composer) and the reviewers' decisions (decision_composer), so both thread alike.
#include "parsers/message.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::responders {

// References for a reply to `parent`: its References, or failing that its single In-Reply-To,
// then its Message-ID. Ids that cannot be written safely are dropped, repeats too; at most the
// first (the root) and the last `max_ancestors` are kept (RFC 5322 3.6.4 leaves the trimming to
// us; long threads would otherwise grow the header without bound).
std::vector<std::string> reply_references(const parsers::Message& parent,
                                          std::size_t max_ancestors);

// The domain for appeald's Message-IDs: `configured` when it makes a sendable address, else the
// domain of `from_address`, else "appeald.invalid". Lowercased.
std::string message_id_domain(std::string_view configured, std::string_view from_address);

// "<appeald." + 16 hex digits of a 64-bit FNV-1a hash over `fields` (each followed by a 0x1f
// separator, so ("ab","c") and ("a","bc") differ) + "@" + domain + ">". Deterministic: the same
// fields give the same id.
std::string hashed_message_id(std::initializer_list<std::string_view> fields,
                              std::string_view domain);

} // namespace appeald::responders
