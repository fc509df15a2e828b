#pragma once
// Date header values (RFC 5322 3.3) for mail appeald writes.
#include "parsers/date_time.hpp"

#include <string>

namespace appeald::responders {

// "Tue, 03 Nov 2026 10:00:00 +0100": the instant `t.unix_seconds` shown in the zone
// `t.offset_minutes`. An offset of a day or more (not a real zone) is shown as +0000.
std::string format_rfc5322_date(const parsers::DateTime& t);

} // namespace appeald::responders
