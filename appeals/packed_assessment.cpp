#include "appeals/packed_assessment.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace appeald::appeals {

namespace {

using Word = std::uint32_t;

class Writer {
public:
  explicit Writer(std::string& out) : out_(out) {}
  void word(std::size_t n) {
    const Word w = static_cast<Word>(n);
    out_.append(reinterpret_cast<const char*>(&w), sizeof w);
  }
  void text(std::string_view s) {
    word(s.size());
    out_.append(s);
  }

private:
  std::string& out_;
};

class Reader {
public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::size_t word() {
    Word w = 0;
    std::memcpy(&w, in_.data() + at_, sizeof w);
    at_ += sizeof w;
    return w;
  }
  std::string text() {
    const std::size_t n = word();
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }

private:
  std::string_view in_;
  std::size_t at_ = 0;
};

std::size_t packed_size(const CaseAssessment& a) {
  std::size_t n = 4 * sizeof(Word);
  for (const auto& [id, sentences] : a.found) {
    n += 2 * sizeof(Word) + id.size();
    for (const std::string& s : sentences) {
      n += sizeof(Word) + s.size();
    }
  }
  for (const std::string& s : a.planned) {
    n += sizeof(Word) + s.size();
  }
  return n;
}

} // namespace

PackedAssessment::PackedAssessment(const CaseAssessment& a) {
  bytes_.reserve(packed_size(a));
  Writer w(bytes_);
  w.word(static_cast<std::size_t>(a.messages));
  w.word(a.said_no_changes ? 1 : 0);
  w.word(a.found.size());
  for (const auto& [id, sentences] : a.found) {
    w.text(id);
    w.word(sentences.size());
    for (const std::string& s : sentences) {
      w.text(s);
    }
  }
  w.word(a.planned.size());
  for (const std::string& s : a.planned) {
    w.text(s);
  }
}

CaseAssessment PackedAssessment::unpack() const {
  CaseAssessment a;
  if (bytes_.empty()) {
    return a;
  }
  Reader r(bytes_);
  a.messages = static_cast<int>(r.word());
  a.said_no_changes = r.word() != 0;
  for (std::size_t elements = r.word(); elements > 0; --elements) {
    std::string id = r.text();
    std::vector<std::string>& sentences = a.found[std::move(id)];
    sentences.resize(r.word());
    for (std::string& s : sentences) {
      s = r.text();
    }
  }
  a.planned.resize(r.word());
  for (std::string& s : a.planned) {
    s = r.text();
  }
  return a;
}

} // namespace appeald::appeals
