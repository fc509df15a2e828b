#pragma once
// Pure parsing of what an IMAP server sent during one exchange (RFC 3501 section 7). libcurl
// hands every server line to the header callback, literal contents included, but it decides
// where a command ends by looking for its tag at line starts only, so a message body line that
// starts with the tag cuts the exchange short (curl issue 22865). These functions honour the
// `{N}` literal lengths instead, and report a stream that was cut short, so the caller can drop
// the connection instead of trusting it. Nothing here logs or does I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::daemon::imap {

// One server response: the line with each literal's bytes taken out. The text keeps each
// literal's "{N}" marker (CRLFs removed); literals[i] holds the bytes of the i-th marker.
struct Response {
  std::string text;
  std::vector<std::string> literals;
  bool complete = false; // ended with a line end, every literal whole
  bool tagged() const;   // not "*" or "+": a command's completion
  std::string_view tag() const;
};

// Splits `stream` into responses. A stream that stops inside a line or a literal gives a last
// response with complete=false. Literal markers are "{N}" or "{N+}" at a line's end; N above
// kMaxLiteral makes the response incomplete (no server sends that for us).
std::vector<Response> split_responses(std::string_view stream);
inline constexpr std::uint64_t kMaxLiteral = 1ull << 32;

// The exchange ended properly: every response complete and the last one tagged.
bool well_framed(const std::vector<Response>& responses);

enum class Status { ok, no, bad, bye, preauth, other };
struct Completion {
  std::string tag;
  Status status = Status::other;
  std::string code; // the response code in brackets without them, upper-case ("ALREADYEXISTS")
  std::string text; // the rest of the line, for messages
};
// The last response when it is a complete tagged one.
std::optional<Completion> completion(const std::vector<Response>& responses);
// The completion of the command an exchange carried. After a command the server refused (NO or
// BAD: CURLE_QUOTE_ERROR) libcurl closes the connection within the same transfer, with a LOGOUT
// of its own, so the stream can end "A3 NO ...", "* BYE ...", "A4 OK Logout completed": when a
// tagged response, a BYE and a tagged response end it, the command's is the one before the BYE.
// Otherwise completion().
std::optional<Completion> command_completion(const std::vector<Response>& responses);
// Any "* BYE" among the responses: the server is closing the connection.
bool saw_bye(const std::vector<Response>& responses);
// Any "* n EXPUNGE" among the responses: sequence numbers shifted.
bool saw_expunge(const std::vector<Response>& responses);

} // namespace appeald::daemon::imap
