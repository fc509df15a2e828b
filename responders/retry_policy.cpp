#include "responders/retry_policy.hpp"

#include <algorithm>

namespace appeald::responders {

std::chrono::seconds retry_delay(const RetryPolicy& policy, int attempts) {
  const std::chrono::seconds cap = std::max(policy.max_delay, std::chrono::seconds{0});
  std::chrono::seconds delay = std::clamp(policy.first_delay, std::chrono::seconds{0}, cap);
  // Double step by step instead of shifting: the loop ends once the cap is reached (at most ~63
  // rounds for any positive delay), so neither a huge `attempts` nor the multiplication overflows.
  for (int i = 1; i < attempts && delay < cap; ++i) {
    if (delay == std::chrono::seconds{0}) {
      break; // zero never grows
    }
    delay = delay > cap / 2 ? cap : delay * 2;
  }
  return delay;
}

RetryVerdict after_failure(const RetryPolicy& policy, int attempts, bool permanent) {
  if (permanent || attempts >= policy.max_attempts) {
    return RetryVerdict::give_up;
  }
  return RetryVerdict::retry;
}

} // namespace appeald::responders
