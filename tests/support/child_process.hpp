#pragma once
// A child process for integration tests: started with posix_spawn, its stdout and stderr sent to a
// file, stopped with a signal. The destructor kills (SIGKILL) and reaps a child still running, so
// a failing test never leaves a server behind.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace appeald::test {

class ChildProcess {
public:
  ChildProcess() = default;
  // Starts argv[0] (looked up on PATH when it has no '/') with `env_extra` ("NAME=value") added
  // to the test's environment. Output goes to `log` (appended), or /dev/null when empty. Throws
  // std::runtime_error when the spawn itself fails.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log = {},
               const std::vector<std::string>& env_extra = {});
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  int pid() const { return pid_; }
  bool running();
  void signal(int sig);
  // Waits for exit up to `timeout`; the exit status as from waitpid (use WIFEXITED etc.), or
  // nullopt on timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  // SIGTERM, wait up to `grace`, then SIGKILL; returns the status.
  int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

private:
  int pid_ = -1;
  std::optional<int> status_;
};

// Runs a command to completion (argv as above) and returns its exit code (128+signal when killed),
// with combined output in `output` when given.
int run_command(const std::vector<std::string>& argv, std::string* output = nullptr,
                const std::vector<std::string>& env_extra = {});

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
int free_loopback_port();

// Polls until something accepts TCP connections on 127.0.0.1:`port`, up to `timeout`.
bool wait_for_port(int port, std::chrono::milliseconds timeout);

} // namespace appeald::test
