#include "daemon/triage_candidates.hpp"

#include "parsers/header_block.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace appeald::daemon {

namespace {

// Every "[...]" tag of `subject`, innermost text trimmed ("[EXT: [C-1]]" gives "C-1").
std::vector<std::string_view> subject_tags(std::string_view subject) {
  std::vector<std::string_view> tags;
  std::size_t pos = 0;
  while ((pos = subject.find('[', pos)) != std::string_view::npos) {
    const std::size_t close = subject.find(']', pos + 1);
    if (close == std::string_view::npos) {
      break;
    }
    const std::string_view inner = subject.substr(pos + 1, close - pos - 1);
    const std::size_t nested = inner.rfind('[');
    tags.push_back(
        parsers::trim(nested == std::string_view::npos ? inner : inner.substr(nested + 1)));
    pos = close + 1;
  }
  return tags;
}

// `word` occurs in `text` with no letter or digit right before or after it ("account
// 400099998888," finds 400099998888; "1400099998888" does not).
bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty()) {
    return false;
  }
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const bool open = at == 0 || !alnum(text[at - 1]);
    const bool close = at + word.size() == text.size() || !alnum(text[at + word.size()]);
    if (open && close) {
      return true;
    }
  }
  return false;
}

std::string_view domain_of(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

} // namespace

std::vector<CandidateCase> candidate_cases(const parsers::Message& m,
                                           const appeals::CaseBook& book) {
  std::map<const appeals::CaseRecord*, std::vector<std::string>> found;
  auto add = [&found](const appeals::CaseRecord* c, std::string why) {
    if (c == nullptr) {
      return;
    }
    std::vector<std::string>& reasons = found[c];
    if (std::find(reasons.begin(), reasons.end(), why) == reasons.end()) {
      reasons.push_back(std::move(why));
    }
  };
  for (const std::string& id : m.in_reply_to) {
    add(book.by_thread_id(id), "in-reply-to " + id);
  }
  for (const std::string& id : m.references) {
    add(book.by_thread_id(id), "references " + id);
  }
  for (std::string_view tag : subject_tags(m.subject)) {
    add(book.find(tag), "subject-tag");
  }
  const std::string& from = m.from.address;
  if (!from.empty()) {
    for (const appeals::CaseRecord* c : book.by_address(from)) {
      add(c, "sender");
    }
    for (const appeals::CaseRecord& c : book.cases()) {
      if (c.representative && *c.representative == from) {
        add(&c, "representative");
      }
      if (c.address != from && !domain_of(from).empty() &&
          domain_of(from) == domain_of(c.address)) {
        add(&c, "same domain as the account address");
      }
    }
  }
  // Customers writing from elsewhere usually quote their account number.
  for (const appeals::CaseRecord& c : book.cases()) {
    if (contains_word(m.subject, c.account) || contains_word(m.reply.text, c.account)) {
      add(&c, "account number mentioned");
    }
  }
  std::vector<CandidateCase> out;
  for (const appeals::CaseRecord& c : book.cases()) {
    if (auto it = found.find(&c); it != found.end()) {
      out.push_back({&c, std::move(it->second)});
    }
  }
  return out;
}

} // namespace appeald::daemon
