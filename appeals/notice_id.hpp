#pragma once
// The Message-IDs of the notices appeald sends: unguessable, and verifiable later as appeald's
// own. The id carries the case id and an HMAC over it under a secret key
// ([policy] notice_key_file or the notice_key credential), so a reply threaded on it can be
// trusted to answer that case's notice even when the id was never stored, and a forged id
// naming a case cannot be made without the key.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace appeald::appeals {

// Longest case id appeald issues notices for.
inline constexpr std::size_t max_case_id_length = 64;
// Bytes of the HMAC-SHA256 kept in the id (160 bits: unguessable, and the id stays short).
inline constexpr std::size_t notice_mac_bytes = 20;

// True when `case_id` is 1..max_case_id_length characters of [A-Za-z0-9._-] and does not start
// with '.', so it can sit in a Message-ID's left part and in a Subject's "[C-1001]" as is.
bool valid_case_id(std::string_view case_id);

// "<notice.{case_id}.{mac}@{domain}>", where mac is the first notice_mac_bytes of
// HMAC-SHA256(key, "appeald-notice\0" + case_id) in lowercase hex. The caller passes a
// valid_case_id() and a domain fit for a Message-ID (responders/thread_headers.hpp
// message_id_domain); the same inputs always give the same id.
std::string notice_message_id(std::string_view case_id, std::string_view key,
                              std::string_view domain);

// The case id of `message_id` when it has the shape notice_message_id() writes (any domain),
// its case id is valid_case_id(), and its MAC is the one `key` gives (compared in constant time);
// nullopt otherwise, and always for an empty key.
std::optional<std::string> verify_notice_message_id(std::string_view message_id,
                                                    std::string_view key);

} // namespace appeald::appeals
