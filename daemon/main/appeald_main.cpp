// appeald's process entry point: everything happens in daemon/cli.cpp.
#include "daemon/cli.hpp"

int main(int argc, char** argv) {
  return appeald::daemon::run_cli(argc, argv);
}
