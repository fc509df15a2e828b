#pragma once
// When to try sending a reply again. Pure arithmetic: the outbox drainer (daemon/) counts the
// failures, stores the next attempt time and calls these after each failed send.
//
// A transient failure (4xx, connection, TLS, timeout) is retried with exponential backoff:
// first_delay, 2x, 4x, ... capped at max_delay. A permanent failure (5xx) is never retried, and
// neither is an entry that has already failed max_attempts times: the caller records it as failed
// and audits it. With the defaults an entry is tried 20 times over about 14 hours.
#include <chrono>

namespace appeald::responders {

struct RetryPolicy {
  std::chrono::seconds first_delay{60};
  std::chrono::seconds max_delay{3600};
  int max_attempts = 20; // after this many transient failures the entry fails permanently
};

// Delay before attempt number `attempts + 1` after `attempts` failures (attempts >= 1):
// first_delay * 2^(attempts-1), capped at max_delay, no overflow for large attempts.
// attempts < 1 is read as 1; a negative first_delay as zero; the result is never negative.
std::chrono::seconds retry_delay(const RetryPolicy& policy, int attempts);

enum class RetryVerdict { retry, give_up };

// What to do after the `attempts`-th failure of an entry (`attempts` counts this one): give_up
// when the failure is permanent or `attempts` >= max_attempts, else retry (after retry_delay).
RetryVerdict after_failure(const RetryPolicy& policy, int attempts, bool permanent);

} // namespace appeald::responders
