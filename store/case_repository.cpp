#include "store/case_repository.hpp"

#include "store/assessment_codec.hpp"
#include "store/sql_values.hpp"

#include <stdexcept>

namespace appeald::store {

namespace {

using detail::bind_optional;
using detail::bind_text;
using detail::column_bytes;
using detail::column_optional_int64;
using detail::column_optional_text;

// The columns read_case() expects, in its order.
constexpr std::string_view case_columns =
    "id, account, address, kind, issue, notice_message_id, sent_at, sent_offset_minutes, "
    "deadline, deadline_offset_minutes, representative";
constexpr int case_column_count = 11;

appeals::CaseRecord read_case(SQLite::Statement& st, int first = 0) {
  appeals::CaseRecord c;
  c.id = column_bytes(st.getColumn(first));
  c.account = column_bytes(st.getColumn(first + 1));
  c.address = column_bytes(st.getColumn(first + 2));
  const std::string kind = column_bytes(st.getColumn(first + 3));
  const std::string issue = column_bytes(st.getColumn(first + 4));
  const auto parsed_kind = appeals::case_kind_from(kind);
  const auto parsed_issue = appeals::issue_from(issue);
  if (!parsed_kind || !parsed_issue) {
    throw std::runtime_error("corrupt case " + c.id + " in the store: kind \"" + kind +
                             "\", issue \"" + issue + "\"");
  }
  c.kind = *parsed_kind;
  c.issue = *parsed_issue;
  c.notice_message_id = column_bytes(st.getColumn(first + 5));
  c.sent_at.unix_seconds = st.getColumn(first + 6).getInt64();
  c.sent_at.offset_minutes = st.getColumn(first + 7).getInt();
  if (auto deadline = column_optional_int64(st.getColumn(first + 8))) {
    c.deadline = parsers::DateTime{*deadline, st.getColumn(first + 9).getInt()};
  }
  c.representative = column_optional_text(st.getColumn(first + 10));
  return c;
}

bool same_time(const parsers::DateTime& a, const parsers::DateTime& b) {
  return a.unix_seconds == b.unix_seconds && a.offset_minutes == b.offset_minutes;
}

bool same_case(const appeals::CaseRecord& a, const appeals::CaseRecord& b) {
  const bool same_deadline = a.deadline.has_value() == b.deadline.has_value() &&
                             (!a.deadline || same_time(*a.deadline, *b.deadline));
  return a.id == b.id && a.account == b.account && a.address == b.address && a.kind == b.kind &&
         a.issue == b.issue && a.notice_message_id == b.notice_message_id &&
         same_time(a.sent_at, b.sent_at) && same_deadline && a.representative == b.representative;
}

std::optional<appeals::CaseRecord> find_case(Database& db, std::string_view case_id) {
  SQLite::Statement st(db.sql(),
                       "SELECT " + std::string(case_columns) + " FROM cases WHERE id = ?");
  bind_text(st, 1, case_id);
  if (!st.executeStep()) {
    return std::nullopt;
  }
  return read_case(st);
}

// Binds the case fields to parameters 1..11 in case_columns order.
void bind_case(SQLite::Statement& st, const appeals::CaseRecord& c) {
  bind_text(st, 1, c.id);
  bind_text(st, 2, c.account);
  bind_text(st, 3, c.address);
  bind_text(st, 4, appeals::to_string(c.kind));
  bind_text(st, 5, appeals::to_string(c.issue));
  bind_text(st, 6, c.notice_message_id);
  st.bind(7, c.sent_at.unix_seconds);
  st.bind(8, c.sent_at.offset_minutes);
  bind_optional(st, 9,
                c.deadline ? std::optional<std::int64_t>(c.deadline->unix_seconds) : std::nullopt);
  bind_optional(
      st, 10, c.deadline ? std::optional<std::int64_t>(c.deadline->offset_minutes) : std::nullopt);
  bind_optional(st, 11, c.representative);
}

} // namespace

ImportResult import_cases(Database& db, const std::vector<appeals::CaseRecord>& cases) {
  ImportResult result;
  for (const appeals::CaseRecord& c : cases) {
    const auto existing = find_case(db, c.id);
    if (!existing) {
      SQLite::Statement insert(db.sql(), "INSERT INTO cases (" + std::string(case_columns) +
                                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      bind_case(insert, c);
      insert.exec();
      ++result.added;
    } else if (!same_case(*existing, c)) {
      SQLite::Statement update(
          db.sql(), "UPDATE cases SET account = ?2, address = ?3, kind = ?4, issue = ?5, "
                    "notice_message_id = ?6, sent_at = ?7, sent_offset_minutes = ?8, "
                    "deadline = ?9, deadline_offset_minutes = ?10, representative = ?11 "
                    "WHERE id = ?1");
      bind_case(update, c);
      update.exec();
      ++result.updated;
    } else {
      ++result.unchanged;
    }
    add_thread_id(db, c.id, c.notice_message_id);
  }
  static_assert(case_column_count == 11);
  return result;
}

std::vector<appeals::CaseRecord> load_cases(Database& db) {
  SQLite::Statement st(db.sql(),
                       "SELECT " + std::string(case_columns) + " FROM cases ORDER BY seq");
  std::vector<appeals::CaseRecord> cases;
  while (st.executeStep()) {
    cases.push_back(read_case(st));
  }
  return cases;
}

void add_thread_id(Database& db, std::string_view case_id, std::string_view message_id) {
  if (message_id.empty()) {
    return;
  }
  // OR IGNORE on the unique message_id: the first case keeps it. The SELECT yields no row for an
  // unknown case, so nothing is inserted (and the foreign key is never violated).
  SQLite::Statement st(db.sql(), "INSERT OR IGNORE INTO thread_ids (message_id, case_id) "
                                 "SELECT ?2, id FROM cases WHERE id = ?1");
  bind_text(st, 1, case_id);
  bind_text(st, 2, message_id);
  st.exec();
}

std::vector<std::pair<std::string, std::string>> load_thread_ids(Database& db) {
  SQLite::Statement st(db.sql(), "SELECT case_id, message_id FROM thread_ids ORDER BY seq");
  std::vector<std::pair<std::string, std::string>> ids;
  while (st.executeStep()) {
    ids.emplace_back(column_bytes(st.getColumn(0)), column_bytes(st.getColumn(1)));
  }
  return ids;
}

void save_assessment(Database& db, std::string_view case_id, const appeals::CaseAssessment& a) {
  SQLite::Statement st(db.sql(), "UPDATE cases SET assessment_json = ? WHERE id = ?");
  bind_text(st, 1, encode_assessment(a));
  bind_text(st, 2, case_id);
  st.exec();
}

std::map<std::string, appeals::CaseAssessment> load_assessments(Database& db) {
  SQLite::Statement st(db.sql(),
                       "SELECT id, assessment_json FROM cases WHERE assessment_json IS NOT NULL");
  std::map<std::string, appeals::CaseAssessment> out;
  while (st.executeStep()) {
    std::string id = column_bytes(st.getColumn(0));
    auto a = decode_assessment(column_bytes(st.getColumn(1)));
    if (!a) {
      throw std::runtime_error("case " + id + " in the store: " + a.error());
    }
    out.emplace(std::move(id), std::move(*a));
  }
  return out;
}

int auto_replies(Database& db, std::string_view case_id) {
  SQLite::Statement st(db.sql(), "SELECT auto_replies FROM cases WHERE id = ?");
  bind_text(st, 1, case_id);
  return st.executeStep() ? st.getColumn(0).getInt() : 0;
}

void count_auto_reply(Database& db, std::string_view case_id) {
  SQLite::Statement st(db.sql(), "UPDATE cases SET auto_replies = auto_replies + 1 WHERE id = ?");
  bind_text(st, 1, case_id);
  st.exec();
}

void start_new_appeal(Database& db, std::string_view case_id) {
  SQLite::Statement st(db.sql(),
                       "UPDATE cases SET assessment_json = NULL, auto_replies = 0 WHERE id = ?");
  bind_text(st, 1, case_id);
  st.exec();
}

void close_case(Database& db, std::string_view case_id, std::int64_t when) {
  SQLite::Statement st(db.sql(), "UPDATE cases SET closed_at = min(coalesce(closed_at, ?1), ?1) "
                                 "WHERE id = ?2");
  st.bind(1, when);
  bind_text(st, 2, case_id);
  st.exec();
}

std::vector<std::pair<std::string, std::int64_t>> load_closures(Database& db) {
  SQLite::Statement st(db.sql(),
                       "SELECT id, closed_at FROM cases WHERE closed_at IS NOT NULL ORDER BY seq");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (st.executeStep()) {
    out.emplace_back(column_bytes(st.getColumn(0)), st.getColumn(1).getInt64());
  }
  return out;
}

std::vector<CaseSummary> list_cases(Database& db) {
  // The latest message of each case is the one with the highest id (ids grow as mail is taken).
  SQLite::Statement st(
      db.sql(),
      "SELECT " + std::string(case_columns) +
          ", closed_at, auto_replies, "
          "(SELECT count(*) FROM messages m WHERE m.case_id = c.id), "
          "(SELECT action FROM messages m WHERE m.case_id = c.id ORDER BY m.id DESC LIMIT 1), "
          "(SELECT received_at FROM messages m WHERE m.case_id = c.id ORDER BY m.id DESC LIMIT 1) "
          "FROM cases c ORDER BY seq");
  std::vector<CaseSummary> out;
  while (st.executeStep()) {
    CaseSummary s;
    s.record = read_case(st);
    s.closed_at = column_optional_int64(st.getColumn(case_column_count));
    s.auto_replies = st.getColumn(case_column_count + 1).getInt();
    s.messages = st.getColumn(case_column_count + 2).getInt();
    s.last_action = column_bytes(st.getColumn(case_column_count + 3));
    s.last_received_at = column_optional_int64(st.getColumn(case_column_count + 4));
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace appeald::store
