#pragma once
// How many CPUs this process may run on: its affinity mask (taskset, systemd's CPUAffinity=,
// a container's cpuset), not the machine's count, which std::thread::hardware_concurrency()
// gives. A dry-run pinned to one CPU runs its writer inline rather than switching threads.
#include <cstddef>

namespace appeald::daemon {

// At least 1; 1 also when the mask cannot be read.
std::size_t usable_cpus();

} // namespace appeald::daemon
