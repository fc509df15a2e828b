#include "daemon/operator_name.hpp"

#include <cstddef>
#include <cstdlib>
#include <unistd.h>

namespace appeald::daemon {

namespace {
// getlogin_r's buffer; POSIX login names are far shorter.
constexpr std::size_t max_login_name = 256;
} // namespace

std::string default_operator_name() {
  char name[max_login_name] = {};
  if (getlogin_r(name, sizeof name) == 0 && name[0] != '\0') {
    return name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
    return user;
  }
  return "unknown";
}

} // namespace appeald::daemon
