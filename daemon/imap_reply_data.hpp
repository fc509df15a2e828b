#pragma once
// What the server's replies say, read from the responses of one exchange (imap_response.hpp):
// SELECT data, SEARCH results, LIST entries, capabilities and FETCH data. Pure, no I/O; readers
// skip what they do not understand and say when something was malformed.
#include "daemon/imap_response.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace appeald::daemon::imap {

struct SelectInfo {
  std::optional<std::uint32_t> exists;      // the last "* n EXISTS"
  std::optional<std::uint32_t> uidvalidity; // "* OK [UIDVALIDITY n]"
  std::optional<std::uint32_t> uidnext;     // "* OK [UIDNEXT n]"
};
SelectInfo parse_select(const std::vector<Response>& responses);

// The numbers of every "* SEARCH" response, in order; nullopt when one is malformed.
std::optional<std::vector<std::uint32_t>> parse_search(const std::vector<Response>& responses);

struct ListEntry {
  std::vector<std::string> attributes; // as sent ("\HasNoChildren")
  std::optional<char> delimiter;       // nullopt for NIL (a flat namespace)
  std::string name;                    // decoded from atom, quoted string or literal
};
// Every well-formed "* LIST" response; malformed ones are skipped.
std::vector<ListEntry> parse_list(const std::vector<Response>& responses);

// Capabilities, upper-cased, from "* CAPABILITY" responses and "[CAPABILITY ...]" codes.
std::set<std::string> parse_capabilities(const std::vector<Response>& responses);

struct FetchData {
  std::uint32_t sequence = 0;
  std::optional<std::uint32_t> uid;
  std::optional<std::vector<std::string>> flags;
  std::optional<std::uint64_t> rfc822_size;
  std::optional<std::string> body; // BODY[] or BODY[]<origin>; NIL gives ""
  std::uint64_t body_origin = 0;   // the <origin> of a partial BODY[]<origin>
  bool malformed = false;          // the response did not parse to its closing parenthesis
};
// Every "* n FETCH (...)" response, in order.
std::vector<FetchData> parse_fetch(const std::vector<Response>& responses);

} // namespace appeald::daemon::imap
