// Fuzzes the cases reader (JSON Lines through nlohmann_json, field checks), checking what
// accepted cases or an error must look like (cases_properties.hpp). load_cases reads a path, so
// each input is written to an in-memory file (memfd) read back through /proc/self/fd: no disk
// traffic, and parallel fuzzing jobs never share a file.
#include "fuzz/cases_properties.hpp"
#include "fuzz/property_check.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

int memory_file() {
  static const int fd = [] {
    const int made = memfd_create("fuzz-cases.jsonl", 0);
    if (made < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    return made;
  }();
  return fd;
}

void replace_contents(int fd, const std::uint8_t* data, std::size_t size) {
  if (ftruncate(fd, 0) != 0) {
    std::perror("ftruncate");
    std::abort();
  }
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) {
      std::perror("pwrite");
      std::abort();
    }
    done += static_cast<std::size_t>(n);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = memory_file();
  replace_contents(fd, data, size);
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  appeald::fuzz::abort_if_broken(appeald::fuzz::cases_property_broken(path));
  return 0;
}
