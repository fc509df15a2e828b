// retry_policy: exponential backoff with a cap, and when to stop retrying a reply.
#include "responders/retry_policy.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <climits>
#include <string>
#include <vector>

using namespace appeald::responders;
using std::chrono::seconds;

TEST_CASE("retry_delay doubles from first_delay and stops at max_delay") {
  struct Row {
    std::string what;
    RetryPolicy policy;
    int attempts;
    seconds expected;
  };
  const RetryPolicy standard{};
  const std::vector<Row> rows = {
      {"first failure waits first_delay", standard, 1, seconds{60}},
      {"second doubles", standard, 2, seconds{120}},
      {"third", standard, 3, seconds{240}},
      {"fourth", standard, 4, seconds{480}},
      {"fifth", standard, 5, seconds{960}},
      {"sixth", standard, 6, seconds{1920}},
      {"seventh would be 3840: capped", standard, 7, seconds{3600}},
      {"far beyond the cap stays capped", standard, 19, seconds{3600}},
      {"64 doublings would overflow int64: capped", standard, 64, seconds{3600}},
      {"INT_MAX attempts: capped, no overflow", standard, INT_MAX, seconds{3600}},
      {"zero attempts read as one", standard, 0, seconds{60}},
      {"negative attempts read as one", standard, -5, seconds{60}},
      {"cap exactly reached", {seconds{900}, seconds{3600}, 20}, 3, seconds{3600}},
      {"first_delay above the cap is capped", {seconds{7200}, seconds{3600}, 20}, 1, seconds{3600}},
      {"zero first_delay stays zero", {seconds{0}, seconds{3600}, 20}, INT_MAX, seconds{0}},
      {"negative first_delay is zero", {seconds{-10}, seconds{3600}, 20}, 3, seconds{0}},
      {"huge cap, huge attempts: cap, no overflow",
       {seconds{1}, seconds{LLONG_MAX}, 20},
       INT_MAX,
       seconds{LLONG_MAX}},
      {"huge cap, 62 doublings fit", {seconds{1}, seconds{LLONG_MAX}, 20}, 63, seconds{1LL << 62}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.attempts);
    CHECK(retry_delay(row.policy, row.attempts).count() == row.expected.count());
  }
}

TEST_CASE("after_failure retries transient failures until max_attempts, never permanent ones") {
  struct Row {
    std::string what;
    RetryPolicy policy;
    int attempts;
    bool permanent;
    RetryVerdict expected;
  };
  const RetryPolicy standard{};
  const std::vector<Row> rows = {
      {"first transient failure", standard, 1, false, RetryVerdict::retry},
      {"19th transient failure", standard, 19, false, RetryVerdict::retry},
      {"20th transient failure gives up", standard, 20, false, RetryVerdict::give_up},
      {"beyond max gives up", standard, 21, false, RetryVerdict::give_up},
      {"permanent on the first attempt", standard, 1, true, RetryVerdict::give_up},
      {"permanent after transient ones", standard, 5, true, RetryVerdict::give_up},
      {"max_attempts 1: no retry at all",
       {seconds{60}, seconds{3600}, 1},
       1,
       false,
       RetryVerdict::give_up},
      {"max_attempts 3, second failure",
       {seconds{60}, seconds{3600}, 3},
       2,
       false,
       RetryVerdict::retry},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CHECK(after_failure(row.policy, row.attempts, row.permanent) == row.expected);
  }
}

TEST_CASE("the default policy spreads 20 attempts over about 14 hours") {
  const RetryPolicy policy{};
  seconds total{0};
  int attempts = 1;
  while (after_failure(policy, attempts, false) == RetryVerdict::retry) {
    total += retry_delay(policy, attempts);
    ++attempts;
  }
  CHECK(attempts == 20);
  CHECK(total.count() == 60 + 120 + 240 + 480 + 960 + 1920 + 13 * 3600);
}
