#include "parsers/auth_results.hpp"

#include <algorithm>
#include <cstddef>

namespace appeald::parsers {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The ';'-separated parts of `raw` with comments blanked, as views into `text` (which they fill).
// Quoted strings are kept (a ';' or '(' inside `reason="..."` is not structure); an unterminated
// comment or quote runs to the end. A header holds a handful of parts: one string and one vector
// for all of them, where a string per part cost an allocation each on every message.
std::vector<std::string_view> segments(std::string_view raw, std::string& text) {
  text.clear();
  text.reserve(raw.size()); // a comment shrinks to one space: the text never outgrows `raw`
  std::vector<std::size_t> ends;
  std::size_t depth = 0;
  bool quoted = false;
  std::size_t run = 0; // start of the bytes of `raw` not yet copied
  auto copy_run = [&](std::size_t end) {
    text.append(raw.substr(run, end - run));
    run = end;
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (depth > 0) {
      if (c == '\\') {
        ++i;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        text += ' ';
      }
      run = std::min(i + 1, raw.size());
    } else if (quoted) {
      if (c == '\\' && i + 1 < raw.size()) {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '(') {
      copy_run(i);
      depth = 1;
      run = i + 1;
    } else if (c == ';') {
      copy_run(i);
      ends.push_back(text.size());
      run = i + 1;
    } else {
      quoted = c == '"';
    }
  }
  if (depth == 0) {
    copy_run(raw.size());
  }
  ends.push_back(text.size());
  std::vector<std::string_view> out;
  out.reserve(ends.size());
  std::size_t begin = 0;
  for (const std::size_t end : ends) {
    out.push_back(std::string_view(text).substr(begin, end - begin));
    begin = end;
  }
  return out;
}

std::string_view first_word(std::string_view s) {
  s = trim(s);
  std::size_t end = 0;
  while (end < s.size() && !is_space(s[end])) {
    ++end;
  }
  return s.substr(0, end);
}

void record(std::string& slot, std::string result) {
  // Several signatures give several dkim results: one that verified is what matters.
  if (slot.empty() || (result == "pass" && slot != "pass")) {
    slot = std::move(result);
  }
}

// One resinfo: `method[/version]=result` followed by a reason and properties, all ignored.
void parse_resinfo(std::string_view seg, AuthVerdict& v) {
  const std::size_t eq = seg.find('=');
  if (eq == std::string_view::npos) {
    return; // "none", or junk
  }
  std::string_view method = trim(seg.substr(0, eq));
  method = trim(method.substr(0, method.find('/')));
  std::string result = ascii_lower(first_word(seg.substr(eq + 1)));
  if (result.empty()) {
    return;
  }
  if (iequals(method, "dkim")) {
    record(v.dkim, std::move(result));
  } else if (iequals(method, "spf")) {
    record(v.spf, std::move(result));
  } else if (iequals(method, "dmarc")) {
    record(v.dmarc, std::move(result));
  }
  // iprev, arc, auth, compauth, ...: not used by appeald.
}

} // namespace

AuthResultsHeader parse_authentication_results(std::string_view raw) {
  AuthResultsHeader h;
  std::string text;
  const std::vector<std::string_view> parts = segments(raw, text);
  std::size_t first_result = 1;
  if (parts.front().find('=') != std::string::npos) {
    // Exchange Online writes no authserv-id at all: "spf=pass (sender IP is ...) ...".
    first_result = 0;
  } else {
    std::string_view id = first_word(parts.front());
    if (id.size() >= 2 && id.front() == '"' && id.back() == '"') {
      id = id.substr(1, id.size() - 2);
    }
    h.authserv_id = ascii_lower(id);
  }
  for (std::size_t i = first_result; i < parts.size(); ++i) {
    parse_resinfo(parts[i], h.verdict);
  }
  h.verdict.authserv_id = h.authserv_id;
  return h;
}

AuthVerdict trusted_auth_verdict(const std::vector<HeaderField>& fields,
                                 std::string_view trusted_authserv_id) {
  for (const HeaderField& f : fields) {
    if (!iequals(f.name, "Authentication-Results")) {
      continue;
    }
    AuthResultsHeader h = parse_authentication_results(f.value);
    // Only the topmost header of our own server counts: anything below it was already there
    // when the message reached us, so the sender could have written it (RFC 8601 section 5).
    if (trusted_authserv_id.empty() || iequals(h.authserv_id, trim(trusted_authserv_id))) {
      return h.verdict;
    }
  }
  return {};
}

} // namespace appeald::parsers
