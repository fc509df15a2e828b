#include "daemon/imap_reply_data.hpp"

#include "daemon/imap_tokens.hpp"

namespace appeald::daemon::imap {

namespace {

// The value of a "[KEY value]" response code in an untagged OK.
std::optional<std::uint32_t> code_number(const Response& r, std::string_view key) {
  const auto w = words(r.text);
  if (w.size() < 3 || !iequals(w[1], "OK") || !w[2].starts_with('[') || w.size() < 4 ||
      !iequals(w[2].substr(1), key) || !w[3].ends_with(']')) {
    return std::nullopt;
  }
  return parse_number<std::uint32_t>(w[3].substr(0, w[3].size() - 1));
}

} // namespace

SelectInfo parse_select(const std::vector<Response>& responses) {
  SelectInfo info;
  for (const Response& r : responses) {
    if (!untagged(r)) {
      continue;
    }
    const auto w = words(r.text);
    if (w.size() >= 3 && iequals(w[2], "EXISTS")) {
      if (const auto n = parse_number<std::uint32_t>(w[1])) {
        info.exists = n;
      }
    } else if (const auto v = code_number(r, "UIDVALIDITY")) {
      info.uidvalidity = v;
    } else if (const auto u = code_number(r, "UIDNEXT")) {
      info.uidnext = u;
    }
  }
  return info;
}

std::optional<std::vector<std::uint32_t>> parse_search(const std::vector<Response>& responses) {
  std::vector<std::uint32_t> out;
  for (const Response& r : responses) {
    const auto w = words(r.text);
    if (!untagged(r) || w.size() < 2 || !iequals(w[1], "SEARCH")) {
      continue;
    }
    for (std::size_t i = 2; i < w.size(); ++i) {
      const auto n = parse_number<std::uint32_t>(w[i]);
      if (!n) {
        return std::nullopt;
      }
      out.push_back(*n);
    }
  }
  return out;
}

std::vector<ListEntry> parse_list(const std::vector<Response>& responses) {
  std::vector<ListEntry> out;
  for (const Response& r : responses) {
    if (!untagged(r)) {
      continue;
    }
    Tokenizer t(r);
    t.next(); // "*"
    if (!iequals(t.next().value, "LIST") || t.next().kind != Token::Kind::open) {
      continue;
    }
    ListEntry entry;
    bool ok = true;
    for (Token a = t.next(); a.kind != Token::Kind::close; a = t.next()) {
      if (a.kind != Token::Kind::atom) {
        ok = false;
        break;
      }
      entry.attributes.push_back(std::move(a.value));
    }
    const Token delimiter = t.next();
    if (delimiter.kind == Token::Kind::string && delimiter.value.size() == 1) {
      entry.delimiter = delimiter.value[0];
    } else if (delimiter.kind != Token::Kind::nil) {
      ok = false;
    }
    Token name = t.next();
    if (!ok || (name.kind != Token::Kind::atom && name.kind != Token::Kind::string)) {
      continue;
    }
    entry.name = std::move(name.value);
    out.push_back(std::move(entry));
  }
  return out;
}

std::set<std::string> parse_capabilities(const std::vector<Response>& responses) {
  std::set<std::string> caps;
  for (const Response& r : responses) {
    std::string_view text = r.text;
    const auto w = words(text);
    if (untagged(r) && w.size() >= 2 && iequals(w[1], "CAPABILITY")) {
      for (std::size_t i = 2; i < w.size(); ++i) {
        caps.insert(upper(w[i]));
      }
      continue;
    }
    const auto open = upper(text).find("[CAPABILITY ");
    if (open == std::string::npos) {
      continue;
    }
    const auto close = text.find(']', open);
    const auto listed = words(text.substr(
        open + 12, close == std::string_view::npos ? std::string_view::npos : close - open - 12));
    for (const auto cap : listed) {
      caps.insert(upper(cap));
    }
  }
  return caps;
}

std::vector<FetchData> parse_fetch(const std::vector<Response>& responses) {
  std::vector<FetchData> out;
  for (const Response& r : responses) {
    const auto w = words(r.text);
    if (!r.text.starts_with("* ") || w.size() < 3 || !iequals(w[2], "FETCH")) {
      continue;
    }
    Tokenizer t(r);
    t.next(); // "*"
    FetchData data;
    const auto seq = parse_number<std::uint32_t>(t.next().value);
    if (!seq || !iequals(t.next().value, "FETCH")) {
      continue;
    }
    data.sequence = *seq;
    data.malformed = !r.complete || t.next().kind != Token::Kind::open;
    while (!data.malformed) {
      const Token name = t.next();
      if (name.kind == Token::Kind::close) {
        data.malformed = t.next().kind != Token::Kind::end;
        break;
      }
      const std::string key = upper(name.value);
      if (name.kind != Token::Kind::atom) {
        data.malformed = true;
      } else if (key == "UID" || key == "RFC822.SIZE") {
        const Token value = t.next();
        const auto n = parse_number<std::uint64_t>(value.value);
        data.malformed = value.kind != Token::Kind::atom || !n || (key == "UID" && *n > UINT32_MAX);
        if (!data.malformed && key == "UID") {
          data.uid = static_cast<std::uint32_t>(*n);
        } else if (!data.malformed) {
          data.rfc822_size = n;
        }
      } else if (key == "FLAGS") {
        data.malformed = t.next().kind != Token::Kind::open;
        data.flags.emplace();
        for (Token f = t.next(); !data.malformed && f.kind != Token::Kind::close; f = t.next()) {
          data.malformed = f.kind != Token::Kind::atom;
          data.flags->push_back(std::move(f.value));
        }
      } else if (key.starts_with("BODY[]")) {
        const std::string_view origin = std::string_view(key).substr(6);
        std::optional<std::uint64_t> at = 0;
        if (!origin.empty()) {
          at = origin.size() > 2 && origin.front() == '<' && origin.back() == '>'
                   ? parse_number<std::uint64_t>(origin.substr(1, origin.size() - 2))
                   : std::nullopt;
        }
        Token value = t.next();
        data.malformed =
            !at || (value.kind != Token::Kind::string && value.kind != Token::Kind::nil);
        data.body_origin = at.value_or(0);
        data.body = value.kind == Token::Kind::nil ? std::string() : std::move(value.value);
      } else {
        data.malformed = !t.skip_value();
      }
    }
    out.push_back(std::move(data));
  }
  return out;
}

} // namespace appeald::daemon::imap
