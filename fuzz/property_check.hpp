#pragma once
// A broken property in a fuzz target is a finding like a crash: it is printed and the process
// aborts, so libFuzzer saves the input.
#include <cstdio>
#include <cstdlib>

namespace appeald::fuzz {

// Aborts when `broken` (a property's description, from the *_properties.hpp checks) is set.
inline void abort_if_broken(const char* broken) {
  if (broken != nullptr) {
    std::fprintf(stderr, "fuzz property violated: %s\n", broken);
    std::abort();
  }
}

} // namespace appeald::fuzz
