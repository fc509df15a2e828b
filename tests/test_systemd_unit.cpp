// The systemd unit (systemd/appeald.service.in): every directive the deployment relies on is
// there, systemd-analyze verify accepts it, and systemd-analyze security rates its exposure at
// 2.0 or better. The unit is rendered with the built binary as ExecStart (verify checks that the
// binary exists). Checks needing systemd-analyze or systemd-tmpfiles are skipped, with a message,
// where they are not installed.
#include "tests/support/child_process.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace appeald;
namespace fs = std::filesystem;

namespace {

const fs::path source_dir = fs::path(APPEALD_TEST_DATA) / "../..";
constexpr double max_exposure = 2.0;
const std::string bindir_placeholder = "@CMAKE_INSTALL_FULL_BINDIR@";

// The absolute path of `name` on $PATH, or "" when it is not installed.
std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return "";
}

// The unit template with ExecStart pointing at the built appeald, written as appeald.service in
// the scratch directory (the file name is the unit name systemd-analyze reports).
fs::path render_unit() {
  std::string text = test::read_file(source_dir / "systemd/appeald.service.in");
  std::string binary = APPEALD_BINARY;
  if (!fs::exists(binary)) {
    MESSAGE("appeald is not built; verifying with /bin/true as ExecStart");
    binary = "/bin/true";
  }
  const fs::path bindir = fs::path(binary).parent_path();
  const std::string exec = bindir_placeholder + "/appeald";
  for (auto at = text.find(exec); at != std::string::npos; at = text.find(exec)) {
    text.replace(at, exec.size(), binary);
  }
  fs::create_directories("unit");
  std::ofstream("unit/appeald.service", std::ios::binary | std::ios::trunc) << text;
  return fs::absolute("unit/appeald.service");
}

} // namespace

TEST_CASE("the unit holds every directive the deployment relies on") {
  const std::string unit = test::read_file(source_dir / "systemd/appeald.service.in");
  // Lines of the unit, comments left out.
  std::vector<std::string> lines;
  std::istringstream in(unit);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#")) {
      lines.push_back(line);
    }
  }
  enum class Value { exact, any }; // the whole line, or the directive with some value
  struct Row {
    std::string directive;
    Value value;
  };
  const Row rows[] = {
      {"Type=notify", Value::exact},
      {"ExecStart=@CMAKE_INSTALL_FULL_BINDIR@/appeald run --config /etc/appeald/appeald.toml",
       Value::exact},
      {"ExecReload=/bin/kill -HUP $MAINPID", Value::exact},
      {"WatchdogSec=", Value::any},
      {"Restart=on-failure", Value::exact},
      {"TimeoutStopSec=", Value::any},
      {"LoadCredential=imap:/etc/appeald/imap.password", Value::exact},
      {"LoadCredential=smtp:/etc/appeald/smtp.password", Value::exact},
      {"DynamicUser=yes", Value::exact},
      {"StateDirectory=appeald", Value::exact},
      {"LogsDirectory=appeald", Value::exact},
      {"ConfigurationDirectory=appeald", Value::exact},
      {"UMask=0027", Value::exact},
      {"ProtectSystem=strict", Value::exact},
      {"ProtectHome=yes", Value::exact},
      {"NoNewPrivileges=yes", Value::exact},
      {"PrivateTmp=yes", Value::exact},
      {"PrivateDevices=yes", Value::exact},
      {"PrivateUsers=yes", Value::exact},
      {"ProtectKernelTunables=yes", Value::exact},
      {"ProtectKernelModules=yes", Value::exact},
      {"ProtectKernelLogs=yes", Value::exact},
      {"ProtectControlGroups=yes", Value::exact},
      {"ProtectClock=yes", Value::exact},
      {"ProtectHostname=yes", Value::exact},
      {"ProtectProc=invisible", Value::exact},
      {"ProcSubset=pid", Value::exact},
      {"RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", Value::exact},
      {"RestrictNamespaces=yes", Value::exact},
      {"RestrictRealtime=yes", Value::exact},
      {"RestrictSUIDSGID=yes", Value::exact},
      {"LockPersonality=yes", Value::exact},
      {"MemoryDenyWriteExecute=yes", Value::exact},
      {"SystemCallFilter=@system-service", Value::exact},
      {"SystemCallFilter=~@privileged @resources", Value::exact},
      {"SystemCallArchitectures=native", Value::exact},
      {"CapabilityBoundingSet=", Value::exact},
      {"AmbientCapabilities=", Value::exact},
      {"DevicePolicy=closed", Value::exact},
      {"KeyringMode=private", Value::exact},
      {"RemoveIPC=yes", Value::exact},
      {"WantedBy=multi-user.target", Value::exact},
  };
  for (const auto& row : rows) {
    CAPTURE(row.directive);
    CHECK(std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
      return row.value == Value::exact
                 ? line == row.directive
                 : line.starts_with(row.directive) && line.size() > row.directive.size();
    }));
  }
  // The mail servers must stay reachable: no IP deny list, no private network.
  for (const std::string forbidden : {"IPAddressDeny=", "PrivateNetwork=yes"}) {
    CAPTURE(forbidden);
    CHECK(std::none_of(lines.begin(), lines.end(),
                       [&](const std::string& line) { return line.starts_with(forbidden); }));
  }
}

TEST_CASE("the configured unit in the build tree points at an absolute binary path") {
  const fs::path configured = fs::path(APPEALD_BINARY).parent_path() / "systemd/appeald.service";
  REQUIRE_MESSAGE(fs::exists(configured), configured.string());
  const std::string text = test::read_file(configured);
  CHECK_FALSE(std::regex_search(text, std::regex("@[A-Z_]+@")));
  CHECK(std::regex_search(text, std::regex("\nExecStart=/[^ ]+/appeald run --config ")));
}

TEST_CASE("systemd-analyze verify accepts the unit without a complaint") {
  const std::string analyze = find_on_path("systemd-analyze");
  if (analyze.empty()) {
    MESSAGE("skipped: systemd-analyze is not installed");
    return;
  }
  const fs::path unit = render_unit();
  std::string output;
  const int code = test::run_command({analyze, "verify", "--man=no", unit.string()}, &output);
  CAPTURE(output);
  CHECK(code == 0);
  // verify exits 0 even for directives it ignores ("Invalid syntax, ignoring"): none allowed.
  CHECK(output.find("appeald.service") == std::string::npos);
}

TEST_CASE("systemd-analyze security rates the unit's exposure at 2.0 or better") {
  const std::string analyze = find_on_path("systemd-analyze");
  if (analyze.empty()) {
    MESSAGE("skipped: systemd-analyze is not installed");
    return;
  }
  const fs::path unit = render_unit();
  std::string output;
  const int code = test::run_command(
      {analyze, "security", "--offline=yes", "--no-pager", unit.string()}, &output);
  REQUIRE_MESSAGE(code == 0, output);
  std::smatch m;
  REQUIRE_MESSAGE(
      std::regex_search(
          output, m,
          std::regex(R"(Overall exposure level for appeald\.service: ([0-9]+\.[0-9]+))")),
      output);
  const double exposure = std::stod(m[1].str());
  MESSAGE("systemd-analyze security exposure: " << m[1].str());
  CHECK_MESSAGE(exposure <= max_exposure, output);
}

TEST_CASE("the tmpfiles rules create /etc/appeald and empty root-only password files") {
  const std::string tmpfiles = find_on_path("systemd-tmpfiles");
  if (tmpfiles.empty() || ::geteuid() != 0) {
    MESSAGE("skipped: needs systemd-tmpfiles and root");
    return;
  }
  fs::remove_all("root");
  fs::create_directories("root");
  std::string output;
  const int code = test::run_command(
      {tmpfiles, "--create", "--root=" + fs::absolute("root").string(),
       fs::absolute(source_dir / "systemd/appeald.tmpfiles").lexically_normal().string()},
      &output);
  CAPTURE(output);
  REQUIRE(code == 0);
  struct Row {
    std::string path;
    bool directory;
    unsigned mode;
  };
  const Row rows[] = {
      {"root/etc/appeald", true, 0755},
      {"root/etc/appeald/imap.password", false, 0600},
      {"root/etc/appeald/smtp.password", false, 0600},
  };
  for (const auto& row : rows) {
    CAPTURE(row.path);
    struct stat st {};
    REQUIRE(::stat(row.path.c_str(), &st) == 0);
    CHECK(S_ISDIR(st.st_mode) == row.directory);
    CHECK((st.st_mode & 07777) == row.mode);
    CHECK(st.st_uid == 0);
    if (!row.directory) {
      CHECK(st.st_size == 0);
    }
  }
  // An existing password is never truncated by a later run.
  std::ofstream("root/etc/appeald/imap.password") << "kept\n";
  REQUIRE(
      test::run_command(
          {tmpfiles, "--create", "--root=" + fs::absolute("root").string(),
           fs::absolute(source_dir / "systemd/appeald.tmpfiles").lexically_normal().string()}) ==
      0);
  CHECK(test::read_file("root/etc/appeald/imap.password") == "kept\n");
}
