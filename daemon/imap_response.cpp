#include "daemon/imap_response.hpp"

#include "daemon/imap_tokens.hpp"

namespace appeald::daemon::imap {

bool Response::tagged() const {
  return !text.empty() && text[0] != '*' && text[0] != '+';
}

std::string_view Response::tag() const {
  const std::string_view t = text;
  return t.substr(0, t.find(' '));
}

std::vector<Response> split_responses(std::string_view stream) {
  std::vector<Response> out;
  std::size_t pos = 0;
  while (pos < stream.size()) {
    Response r;
    while (true) {
      const auto eol = stream.find('\n', pos);
      if (eol == std::string_view::npos) {
        r.text += stream.substr(pos);
        pos = stream.size();
        out.push_back(std::move(r));
        return out;
      }
      std::string_view line = stream.substr(pos, eol - pos);
      if (line.ends_with('\r')) {
        line.remove_suffix(1);
      }
      pos = eol + 1;
      r.text += line;
      const auto n = literal_marker(line);
      if (!n) {
        r.complete = true;
        break;
      }
      if (*n > kMaxLiteral || *n > stream.size() - pos) {
        r.literals.emplace_back(stream.substr(pos));
        pos = stream.size();
        out.push_back(std::move(r));
        return out;
      }
      r.literals.emplace_back(stream.substr(pos, *n));
      pos += *n;
    }
    out.push_back(std::move(r));
  }
  return out;
}

bool well_framed(const std::vector<Response>& responses) {
  return !responses.empty() && responses.back().tagged() &&
         std::ranges::all_of(responses, [](const Response& r) { return r.complete; });
}

namespace {

// `r`'s status, response code and text; `r` is a complete tagged response.
Completion completion_of(const Response& r) {
  const std::string_view text = r.text;
  Completion c;
  c.tag = std::string(r.tag());
  std::string_view rest = text.substr(std::min(text.size(), c.tag.size() + 1));
  const std::string_view status = rest.substr(0, rest.find(' '));
  c.status = iequals(status, "OK")        ? Status::ok
             : iequals(status, "NO")      ? Status::no
             : iequals(status, "BAD")     ? Status::bad
             : iequals(status, "BYE")     ? Status::bye
             : iequals(status, "PREAUTH") ? Status::preauth
                                          : Status::other;
  rest = rest.substr(std::min(rest.size(), status.size() + 1));
  if (rest.starts_with('[')) {
    const auto close = rest.find(']');
    if (close != std::string_view::npos) {
      c.code = upper(rest.substr(1, close - 1));
      rest = rest.substr(close + 1);
      if (rest.starts_with(' ')) {
        rest.remove_prefix(1);
      }
    }
  }
  c.text = std::string(rest);
  return c;
}

bool is_bye(const Response& r) {
  const auto w = words(r.text);
  return untagged(r) && w.size() >= 2 && iequals(w[1], "BYE");
}

bool is_completion(const Response& r) {
  return r.complete && r.tagged();
}

} // namespace

std::optional<Completion> completion(const std::vector<Response>& responses) {
  if (responses.empty() || !is_completion(responses.back())) {
    return std::nullopt;
  }
  return completion_of(responses.back());
}

std::optional<Completion> command_completion(const std::vector<Response>& responses) {
  const std::size_t n = responses.size();
  if (n >= 3 && is_completion(responses[n - 1]) && is_bye(responses[n - 2]) &&
      is_completion(responses[n - 3])) {
    return completion_of(responses[n - 3]); // then libcurl's LOGOUT: its BYE and completion
  }
  return completion(responses);
}

bool saw_bye(const std::vector<Response>& responses) {
  return std::ranges::any_of(responses, is_bye);
}

bool saw_expunge(const std::vector<Response>& responses) {
  return std::ranges::any_of(responses, [](const Response& r) {
    const auto w = words(r.text);
    return untagged(r) && w.size() >= 3 && iequals(w[2], "EXPUNGE");
  });
}

} // namespace appeald::daemon::imap
