#pragma once
// Word wrapping for reply bodies, so that rubric texts and quoted customer words read well in any
// mail client and the body can usually go out unencoded.
#include <cstddef>
#include <string>
#include <string_view>

namespace appeald::responders {

// `text` (LF line ends) with every line longer than `width` characters (UTF-8 code points)
// broken at spaces. Continuation lines are indented like the line's text starts: its leading
// blanks plus a list marker ("- ", "* ", "1. ") when there is one, so bullets hang. A word
// longer than the width is left whole. Lines that fit are untouched.
std::string wrap_text(std::string_view text, std::size_t width = 72);

} // namespace appeald::responders
