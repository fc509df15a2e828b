#include "appeals/cue_pattern.hpp"

#include <algorithm>
#include <bitset>

namespace appeald::appeals {

namespace {

// Offsets a match can span from its first token: every term but the first may skip max_gap.
constexpr std::size_t max_span = CuePattern::max_terms * (CuePattern::max_gap + 1);

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Lowercases ASCII and reads ’ and ‘ as ', as tokenize() does for the text.
std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.substr(i, 3) == "\xE2\x80\x99" || s.substr(i, 3) == "\xE2\x80\x98") {
      out += '\'';
      i += 2;
    } else if (s[i] >= 'A' && s[i] <= 'Z') {
      out += static_cast<char>(s[i] - 'A' + 'a');
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string quoted(std::string_view s) {
  return "'" + std::string(s) + "'";
}

// Checks that tokenize() reads `probe` (the alternative, padded with a letter where '*' stood)
// as exactly one word; else the reason, suggesting the words it reads in `shown`.
std::optional<std::string> not_one_word(std::string_view shown, const std::string& probe) {
  const std::vector<Token> tokens = tokenize(probe);
  if (tokens.size() == 1 && tokens.front().word == probe) {
    return std::nullopt;
  }
  std::string words;
  for (const Token& t : tokenize(shown)) {
    words += (words.empty() ? "" : " ") + t.word;
  }
  if (words.empty()) {
    return quoted(shown) + " has no word in it";
  }
  return quoted(shown) + " is not one word: write " + quoted(words);
}

} // namespace

std::expected<CuePattern, std::string> CuePattern::compile(std::string_view source) {
  CuePattern cue;
  cue.source_ = std::string(source);
  std::size_t gap = 0;
  std::size_t i = 0;
  while (true) {
    while (i < source.size() && is_space(source[i])) {
      ++i;
    }
    if (i == source.size()) {
      break;
    }
    const std::size_t start = i;
    while (i < source.size() && !is_space(source[i])) {
      ++i;
    }
    const std::string_view piece = source.substr(start, i - start);
    if (piece.front() == '~') {
      const std::string_view digits = piece.substr(1);
      if (cue.terms_.empty()) {
        return std::unexpected("gap at the start of a cue");
      }
      if (gap != 0) {
        return std::unexpected("two gaps in a row");
      }
      if (digits.empty() || !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
        return std::unexpected(quoted(piece) + " is not a gap: write ~1 to ~9");
      }
      if (std::ranges::all_of(digits, [](char c) { return c == '0'; })) {
        return std::unexpected("~0 is not a gap");
      }
      if (digits.size() > 1) {
        return std::unexpected(quoted(piece) + ": a gap is at most ~9 words");
      }
      gap = static_cast<std::size_t>(digits.front() - '0');
      continue;
    }
    if (cue.terms_.size() == max_terms) {
      return std::unexpected("more than " + std::to_string(max_terms) + " terms");
    }
    if (piece.front() == '\'' || piece.front() == '"' || piece.back() == '\'' ||
        piece.back() == '"') {
      return std::unexpected("quotes are not needed: a cue is already a phrase");
    }
    Term term;
    term.gap_before = gap;
    gap = 0;
    std::size_t a = 0;
    while (a <= piece.size()) {
      const std::size_t bar = std::min(piece.find('|', a), piece.size());
      const std::string alt = normalise(piece.substr(a, bar - a));
      a = bar + 1;
      if (alt.empty()) {
        return std::unexpected("empty alternative in " + quoted(piece));
      }
      if (alt == "*") {
        return std::unexpected("a bare '*' matches any word: use a gap (~1)");
      }
      Alternative alternative;
      const bool star_front = alt.front() == '*';
      const bool star_back = alt.back() == '*';
      const std::string_view body =
          std::string_view(alt).substr(star_front ? 1 : 0, alt.size() - star_front - star_back);
      if (body.find('*') != std::string_view::npos || (star_front && star_back)) {
        return std::unexpected("'*' must end a term (or start it, for a suffix): " +
                               quoted(piece));
      }
      alternative.text = std::string(body);
      alternative.fit = star_back ? Fit::prefix : star_front ? Fit::suffix : Fit::exact;
      const std::string probe = star_back    ? alternative.text + "x"
                                : star_front ? "x" + alternative.text
                                             : alternative.text;
      if (auto reason = not_one_word(body, probe)) {
        return std::unexpected(*reason);
      }
      if (alternative.fit == Fit::suffix) {
        term.any_first = true;
      } else {
        const auto b = static_cast<unsigned char>(alternative.text.front());
        term.first_bytes[b >> 6] |= std::uint64_t{1} << (b & 63);
      }
      term.alternatives.push_back(std::move(alternative));
    }
    cue.terms_.push_back(std::move(term));
  }
  if (cue.terms_.empty()) {
    return std::unexpected("empty cue");
  }
  if (gap != 0) {
    return std::unexpected("gap at the end of a cue");
  }
  return cue;
}

bool CuePattern::term_matches(const Term& term, std::string_view word) {
  if (word.empty()) {
    return false;
  }
  const auto b = static_cast<unsigned char>(word.front());
  if (!term.any_first && ((term.first_bytes[b >> 6] >> (b & 63)) & 1) == 0) {
    return false;
  }
  for (const Alternative& alt : term.alternatives) {
    switch (alt.fit) {
    case Fit::exact:
      if (word == alt.text) {
        return true;
      }
      break;
    case Fit::prefix:
      if (word.starts_with(alt.text)) {
        return true;
      }
      break;
    case Fit::suffix:
      if (word.ends_with(alt.text)) {
        return true;
      }
      break;
    }
  }
  return false;
}

std::optional<CuePattern::Span> CuePattern::find(std::span<const Token> tokens) const {
  const std::size_t n = tokens.size();
  const std::size_t k = terms_.size();
  if (k == 0 || n < k) {
    return std::nullopt;
  }
  for (std::size_t s = 0; s + k <= n; ++s) {
    if (!term_matches(terms_.front(), tokens[s].word)) {
      continue;
    }
    // Offsets (from s) where terms 0..i can end, term by term. Keeping the set of reachable
    // offsets instead of backtracking bounds the work to one pass over the span per term, and
    // the smallest offset reached by the last term is the shortest match from s.
    std::bitset<max_span> reach;
    reach.set(0);
    std::size_t lo = 0;
    std::size_t hi = 0;
    const std::size_t limit = std::min(n - s, max_span) - 1;
    bool failed = false;
    for (std::size_t t = 1; t < k && !failed; ++t) {
      const Term& term = terms_[t];
      const std::size_t g = term.gap_before;
      std::bitset<max_span> next;
      std::size_t next_lo = max_span;
      std::size_t next_hi = 0;
      std::size_t window = 0; // reachable offsets in [off - 1 - g, off - 1]
      for (std::size_t off = lo + 1; off <= std::min(hi + 1 + g, limit); ++off) {
        window += reach[off - 1] ? 1 : 0;
        if (off >= g + 2 && reach[off - 2 - g]) {
          --window;
        }
        if (window != 0 && term_matches(term, tokens[s + off].word)) {
          next.set(off);
          next_lo = std::min(next_lo, off);
          next_hi = off;
        }
      }
      failed = next_lo == max_span;
      reach = next;
      lo = next_lo;
      hi = next_hi;
    }
    if (!failed) {
      return Span{s, s + lo};
    }
  }
  return std::nullopt;
}

bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens) {
  return std::ranges::any_of(cues, [tokens](const CuePattern& cue) { return cue.matches(tokens); });
}

} // namespace appeald::appeals
