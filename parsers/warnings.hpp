#pragma once
// Parsers never log. They return what they found plus warnings ("code: detail"), and the caller
// decides what to report. Codes are stable, lowercase and hyphenated (e.g. "charset-unknown").
#include <string>
#include <string_view>
#include <vector>

namespace appeald::parsers {

// Bounded list of anomalies found while parsing one message. Repeated anomalies are counted,
// not repeated, so a hostile message cannot produce a warning storm.
class Warnings {
public:
  static constexpr std::size_t max_entries = 32;

  // Records `code: detail`. A code already recorded is not added again; once max_entries are
  // held, further warnings are dropped and counted in `dropped()`.
  void add(std::string_view code, std::string_view detail = {});
  const std::vector<std::string>& entries() const { return entries_; }
  bool has(std::string_view code) const;
  std::size_t dropped() const { return dropped_; }
  bool empty() const { return entries_.empty(); }

private:
  std::vector<std::string> entries_;
  std::size_t dropped_ = 0;
};

} // namespace appeald::parsers
