#include "daemon/review_queue_view.hpp"

#include "daemon/cli_output.hpp"
#include "daemon/text_table.hpp"

#include "parsers/date_time.hpp"
#include "responders/header_encoding.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <tuple>

namespace appeald::daemon {

namespace {

using Json = nlohmann::ordered_json;

Json optional_json(const std::optional<std::string>& s) {
  return s ? Json(*s) : Json(nullptr);
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : std::string(separator)) + item;
  }
  return out;
}

} // namespace

std::int64_t unix_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::vector<std::string> review_flags(const store::ReviewEntry& e, const appeals::CaseRecord& c,
                                      int account_cases, std::int64_t now) {
  std::vector<std::string> flags = e.flags;
  auto add = [&flags](std::string flag) {
    if (std::find(flags.begin(), flags.end(), flag) == flags.end()) {
      flags.push_back(std::move(flag));
    }
  };
  if (c.deadline) {
    if (c.deadline->unix_seconds <= now) {
      add("deadline_passed");
    } else if (c.deadline->unix_seconds - now <= deadline_warning_seconds) {
      add("deadline_within_48h");
    }
  }
  if (account_cases > 1) {
    add("repeat_probation:" + std::to_string(account_cases));
  }
  if (c.representative) {
    add("representative");
  }
  return flags;
}

std::vector<ReviewRow> review_rows(store::Database& db, std::optional<std::string_view> state,
                                   std::int64_t now) {
  std::map<std::string, store::CaseSummary> cases;
  std::map<std::string, int> per_account;
  for (store::CaseSummary& s : store::list_cases(db)) {
    ++per_account[s.record.account];
    std::string id = s.record.id;
    cases.emplace(std::move(id), std::move(s));
  }
  std::vector<ReviewRow> rows;
  for (store::ReviewEntry& e : store::list_reviews(db, state)) {
    const auto c = cases.find(e.case_id);
    if (c == cases.end()) {
      continue; // the queue only holds cases of the store; nothing to show without one
    }
    ReviewRow row;
    row.flags = review_flags(e, c->second.record, per_account[c->second.record.account], now);
    const std::int64_t until = e.decided_at.value_or(now);
    row.waiting_hours =
        static_cast<double>(std::max<std::int64_t>(0, until - e.received_at)) / 3600.0;
    row.entry = std::move(e);
    row.summary = c->second;
    rows.push_back(std::move(row));
  }
  auto key = [](const ReviewRow& r) {
    const auto& deadline = r.summary.record.deadline;
    return std::make_tuple(!deadline.has_value(), deadline ? deadline->unix_seconds : 0,
                           r.entry.received_at, r.entry.case_id);
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&key](const ReviewRow& a, const ReviewRow& b) { return key(a) < key(b); });
  return rows;
}

nlohmann::ordered_json review_row_json(const ReviewRow& row) {
  const appeals::CaseRecord& c = row.summary.record;
  const store::ReviewEntry& e = row.entry;
  Json j;
  j["case"] = c.id;
  j["account"] = c.account;
  j["issue"] = appeals::to_string(c.issue);
  j["kind"] = appeals::to_string(c.kind);
  j["deadline"] = c.deadline ? Json(parsers::to_rfc3339(*c.deadline)) : Json(nullptr);
  j["received_at"] = utc_time(e.received_at);
  j["flags"] = row.flags;
  j["state"] = e.state;
  j["reason"] = e.reason;
  j["waiting_hours"] = std::round(row.waiting_hours * 10) / 10;
  j["representative"] = optional_json(c.representative);
  j["message_id"] = e.message_id;
  j["decided_at"] = e.decided_at ? Json(utc_time(*e.decided_at)) : Json(nullptr);
  j["decided_by"] = e.decided_by;
  j["decision_text"] = e.decision_text;
  return j;
}

std::string waiting_text(double hours) {
  const auto minutes = static_cast<std::int64_t>(hours * 60);
  if (minutes < 60) {
    return std::to_string(minutes) + "m";
  }
  const std::int64_t h = minutes / 60;
  if (h < 48) {
    return std::to_string(h) + "h";
  }
  return std::to_string(h / 24) + "d " + std::to_string(h % 24) + "h";
}

void print_review_table(const std::vector<ReviewRow>& rows, std::ostream& out) {
  std::vector<std::vector<std::string>> cells = {
      {"CASE", "ACCOUNT", "ISSUE", "KIND", "DEADLINE", "WAITING", "FLAGS", "REASON"}};
  for (const ReviewRow& r : rows) {
    const appeals::CaseRecord& c = r.summary.record;
    cells.push_back({c.id, c.account, std::string(appeals::to_string(c.issue)),
                     std::string(appeals::to_string(c.kind)),
                     c.deadline ? parsers::to_rfc3339(*c.deadline) : "",
                     waiting_text(r.waiting_hours), joined(r.flags, ","),
                     // One line per entry, whatever the reason holds.
                     responders::sanitize_header_text(r.entry.reason)});
  }
  for (auto& row : cells) {
    for (std::string& cell : row) {
      if (cell.empty()) {
        cell = "-";
      }
    }
  }
  print_aligned(cells, out);
}

} // namespace appeald::daemon
