#pragma once
// Authentication-Results (RFC 8601): which header to trust and what it says.
#include "parsers/header_block.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

// The results of one method; "" means the header carries no result for that method.
struct AuthVerdict {
  std::string dkim; // pass|fail|none|neutral|policy|temperror|permerror (lowercased)
  std::string spf;  // pass|fail|softfail|neutral|none|temperror|permerror
  std::string dmarc;
  std::string authserv_id; // of the header the verdict came from; "" when none was used
};

struct AuthResultsHeader {
  std::string authserv_id; // lowercased
  AuthVerdict verdict;
};

// Parses one Authentication-Results value. Comments are ignored (nested too; ';' inside comments
// and quoted strings is not a separator); when a method appears several times (several DKIM
// signatures), "pass" wins, else the first result is kept. `none` adds nothing; methods other
// than dkim/spf/dmarc (iprev, arc, auth, compauth, ...) are ignored. A value whose first part
// already holds "name=" (Exchange Online writes no authserv-id) gives authserv_id "".
AuthResultsHeader parse_authentication_results(std::string_view raw);

// The verdict that counts for a message whose header fields are `fields` (topmost first):
// the topmost Authentication-Results whose authserv-id equals `trusted_authserv_id`
// (case-insensitive); with an empty `trusted_authserv_id`, simply the topmost one. Lower headers
// may be forged by the sender and are ignored (RFC 8601 section 5). Empty verdict when none.
AuthVerdict trusted_auth_verdict(const std::vector<HeaderField>& fields,
                                 std::string_view trusted_authserv_id);

} // namespace appeald::parsers
