// CaseBook: the run's cases behind three indexes (id, address, thread Message-IDs).
#include "appeals/case_book.hpp"

#include "appeals/notice_id.hpp"

#include <utility>

namespace appeald::appeals {

CaseBook::CaseBook() : thread_key_(random_sip_key()) {}

CaseBook::CaseBook(std::vector<CaseRecord> cases) : CaseBook() {
  for (CaseRecord& c : cases) {
    add(std::move(c));
  }
}

CaseBook::ThreadKey CaseBook::thread_key(std::string_view message_id) const {
  return siphash128(thread_key_, message_id);
}

bool CaseBook::add(CaseRecord c) {
  if (by_id_.contains(c.id)) {
    return false;
  }
  const std::size_t index = cases_.size();
  by_id_.emplace(c.id, index);
  by_address_[c.address].push_back(index);
  if (!c.notice_message_id.empty()) {
    by_thread_.try_emplace(thread_key(c.notice_message_id), static_cast<std::uint32_t>(index));
  }
  cases_.push_back(std::move(c));
  return true;
}

const CaseRecord* CaseBook::find(std::string_view case_id) const {
  const auto it = by_id_.find(std::string(case_id));
  return it == by_id_.end() ? nullptr : &cases_[it->second];
}

const CaseRecord* CaseBook::by_thread_id(std::string_view message_id) const {
  const auto it = by_thread_.find(thread_key(message_id));
  if (it != by_thread_.end()) {
    return &cases_[it->second];
  }
  return by_notice_id(message_id);
}

const CaseRecord* CaseBook::by_notice_id(std::string_view message_id) const {
  if (notice_key_.empty()) {
    return nullptr;
  }
  const auto case_id = verify_notice_message_id(message_id, notice_key_);
  return case_id ? find(*case_id) : nullptr;
}

bool CaseBook::is_verified_notice_id(std::string_view message_id) const {
  return by_notice_id(message_id) != nullptr;
}

void CaseBook::set_notice_key(std::string key) {
  notice_key_ = std::move(key);
}

std::vector<const CaseRecord*> CaseBook::by_address(std::string_view address) const {
  std::vector<const CaseRecord*> out;
  const auto it = by_address_.find(std::string(address));
  if (it != by_address_.end()) {
    for (std::size_t index : it->second) {
      out.push_back(&cases_[index]);
    }
  }
  return out;
}

void CaseBook::add_thread_id(std::string_view case_id, std::string_view message_id) {
  const auto it = by_id_.find(std::string(case_id));
  if (it == by_id_.end() || message_id.empty()) {
    return;
  }
  by_thread_.try_emplace(thread_key(message_id), static_cast<std::uint32_t>(it->second));
}

void CaseBook::close(std::string_view case_id, std::int64_t when) {
  if (!by_id_.contains(std::string(case_id))) {
    return;
  }
  const auto [it, inserted] = closed_at_.try_emplace(std::string(case_id), when);
  if (!inserted && when < it->second) {
    it->second = when;
  }
}

bool CaseBook::is_open(const CaseRecord& c, std::int64_t when) const {
  if (c.sent_at.unix_seconds > when) {
    return false;
  }
  if (c.deadline && c.deadline->unix_seconds <= when) {
    return false;
  }
  const auto closed = closed_at_.find(c.id);
  return closed == closed_at_.end() || closed->second > when;
}

} // namespace appeald::appeals
