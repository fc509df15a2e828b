#include "daemon/triage_candidates.hpp"

#include "parsers/header_block.hpp"

#include <algorithm>
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
