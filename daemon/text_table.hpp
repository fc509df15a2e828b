#pragma once
// Tables for people at a terminal: columns padded to their widest cell, two spaces apart; the
// last column is not padded (it may be long and is read last).
#include <ostream>
#include <string>
#include <vector>

namespace appeald::daemon {

// Prints `rows` (the first is usually the header); rows may have different lengths.
void print_aligned(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

} // namespace appeald::daemon
