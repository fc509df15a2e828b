#include "appeals/cue_pattern.hpp"

#include <algorithm>
#include <array>

namespace appeald::appeals {

namespace {

// The set bits of `s` in increasing order (a word at a time: a term has a few of 1,280).
std::vector<unsigned> set_bits(const WordSignature& s) {
  std::vector<unsigned> out;
  for (std::size_t w = 0; w < s.bits.size(); ++w) {
    for (std::uint64_t word = s.bits[w]; word != 0; word &= word - 1) {
      out.push_back(static_cast<unsigned>(w * 64 + static_cast<unsigned>(__builtin_ctzll(word))));
    }
  }
  return out;
}

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
      if (digits.empty() ||
          !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
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
        return std::unexpected("'*' must end a term (or start it, for a suffix): " + quoted(piece));
      }
      alternative.text = std::string(body);
      alternative.fit = star_back ? Fit::prefix : star_front ? Fit::suffix : Fit::exact;
      const std::string probe = star_back    ? alternative.text + "x"
                                : star_front ? "x" + alternative.text
                                             : alternative.text;
      if (auto reason = not_one_word(body, probe)) {
        return std::unexpected(*reason);
      }
      if (alternative.fit == Fit::exact) {
        alternative.bit = static_cast<std::uint16_t>(word_whole_bit(alternative.text));
        term.signature.set(alternative.bit);
      } else if (alternative.fit == Fit::prefix && alternative.text.size() >= 2) {
        alternative.bit = static_cast<std::uint16_t>(word_lead_bit(alternative.text));
        term.signature.set(alternative.bit);
      } else {
        term.signature = WordSignature::all();
      }
      term.alternatives.push_back(std::move(alternative));
    }
    list_bits(term);
    cue.terms_.push_back(std::move(term));
  }
  if (cue.terms_.empty()) {
    return std::unexpected("empty cue");
  }
  if (gap != 0) {
    return std::unexpected("gap at the end of a cue");
  }
  cue.choose_anchor();
  cue.fill_filter();
  return cue;
}

void CuePattern::fill_filter() {
  filter_size_ = 0;
  filter_complete_ = true;
  for (const Term& term : terms_) {
    if (term.any_word) {
      continue;
    }
    if (std::size_t{filter_size_} + 1 + term.bit_count > filter_capacity) {
      filter_complete_ = false; // may_match() reads the rest from terms_
      return;
    }
    filter_[filter_size_++] = term.bit_count;
    for (std::size_t i = 0; i < term.bit_count; ++i) {
      filter_[filter_size_++] = term.bit_list[i];
    }
  }
}

void CuePattern::choose_anchor() {
  // Words in nearly every sentence of an appeal: a term offering one is a poor anchor.
  static constexpr std::array<std::string_view, 40> common = {
      "a",    "an",  "and", "are",  "as",   "at",    "be",   "been", "by",   "for",
      "from", "had", "has", "have", "i",    "in",    "is",   "it",   "not",  "of",
      "on",   "our", "so",  "that", "the",  "their", "them", "they", "this", "to",
      "us",   "was", "we",  "were", "will", "with",  "you",  "your", "all",  "no"};
  constexpr std::size_t unusable = static_cast<std::size_t>(-1);
  std::size_t best_cost = unusable;
  const Term* best = nullptr;
  for (const Term& term : terms_) {
    std::size_t cost = 0;
    for (const Alternative& alt : term.alternatives) {
      if (alt.fit == Fit::suffix || (alt.fit == Fit::prefix && alt.text.size() < 2)) {
        cost = unusable;
        break;
      }
      // A two-byte lead bit is shared by more words than a whole-word bit.
      cost += alt.fit == Fit::exact ? 1 : 3;
      if (alt.fit == Fit::exact && std::ranges::find(common, alt.text) != common.end()) {
        cost += 100;
      }
    }
    if (cost < best_cost) {
      best_cost = cost;
      best = &term;
    }
  }
  anchor_size_ = 0;
  if (best == nullptr) {
    return;
  }
  for (unsigned bit : set_bits(best->signature)) {
    if (anchor_size_ == max_anchor_bits) {
      anchor_size_ = 0; // too many words to be worth testing first
      return;
    }
    anchor_bits_[anchor_size_++] = static_cast<std::uint16_t>(bit);
  }
}

bool CuePattern::term_matches(const Term& term, const Token& token) {
  // Rejects most words with two bit tests, inline, before any call or string compare.
  return !token.word.empty() &&
         (term.signature.test(token.lead_bit) || term.signature.test(token.whole_bit)) &&
         alternative_matches(term, token);
}

bool CuePattern::alternative_matches(const Term& term, const Token& token) {
  const std::string_view word = token.word;
  for (const Alternative& alt : term.alternatives) {
    switch (alt.fit) {
    case Fit::exact:
      if (alt.bit == token.whole_bit && word == alt.text) {
        return true;
      }
      break;
    case Fit::prefix:
      if ((alt.text.size() < 2 || alt.bit == token.lead_bit) && word.starts_with(alt.text)) {
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
  // Fast rejection: most cues' first term appears in no clause, and term_matches() rejects
  // most words with a signature bit test before any string compare.
  const Term& head = terms_.front();
  std::size_t first = 0;
  for (; first + k <= n; ++first) {
    if (term_matches(head, tokens[first])) {
      break;
    }
  }
  if (first + k > n) {
    return std::nullopt;
  }
  if (k == 1) {
    return Span{first, first};
  }
  // One pass from there on. starts[t][p % window] is the leftmost start of a match of terms
  // 0..t whose term t is token p (none if there is none); term t reads term t-1's values for
  // the last gap_before+1 tokens, so rows are ring buffers and terms are updated from the last
  // to the first at each token. No backtracking: every token costs at most k term tests.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  constexpr std::size_t window = max_gap + 1;
  std::array<std::array<std::size_t, window>, max_terms> starts;
  std::array<std::size_t, max_terms> last_seen; // last token where row t was not none
  for (std::size_t t = 0; t < k; ++t) {
    starts[t].fill(none);
    last_seen[t] = none;
  }
  std::size_t best_first = none;
  std::size_t best_last = none;
  for (std::size_t p = first; p < n; ++p) {
    if (best_first != none && p - best_first >= max_span) {
      break; // any later match starts later than the one found
    }
    const Token& word = tokens[p];
    for (std::size_t t = k; t-- > 0;) {
      std::size_t start = none;
      if (t == 0) {
        start = term_matches(terms_[0], word) ? p : none;
      } else if (const std::size_t g = terms_[t].gap_before;
                 last_seen[t - 1] != none && p - last_seen[t - 1] <= g + 1) {
        for (std::size_t q = std::max(p - 1 - std::min(g, p - 1), first); q < p; ++q) {
          start = std::min(start, starts[t - 1][q % window]);
        }
        if (start != none && !term_matches(terms_[t], word)) {
          start = none;
        }
      }
      starts[t][p % window] = start;
      if (start != none) {
        last_seen[t] = p;
      }
    }
    const std::size_t start = starts[k - 1][p % window];
    if (start != none && start < best_first) {
      best_first = start;
      best_last = p;
    }
  }
  if (best_first == none) {
    return std::nullopt;
  }
  return Span{best_first, best_last};
}

void CuePattern::list_bits(Term& term) {
  term.bit_count = 0;
  term.any_word = false;
  for (unsigned bit : set_bits(term.signature)) {
    if (term.bit_count == Term::max_term_bits) {
      term.any_word = true;
      term.bit_count = 0;
      return;
    }
    term.bit_list[term.bit_count++] = static_cast<std::uint16_t>(bit);
  }
}

bool CuePattern::may_match(const WordSignature& signature) const {
  if (terms_.empty()) {
    return false;
  }
  for (std::size_t at = 0; at < filter_size_;) {
    const std::size_t count = filter_[at++];
    bool any = false;
    for (std::size_t i = 0; i < count; ++i) {
      any |= signature.test(filter_[at + i]);
    }
    if (!any) {
      return false;
    }
    at += count;
  }
  return filter_complete_ || std::ranges::all_of(terms_, [&signature](const Term& term) {
           return term.may_be_in(signature);
         });
}

WordSignature word_signature(std::span<const Token> tokens) {
  WordSignature signature;
  for (const Token& token : tokens) {
    if (!token.word.empty()) {
      signature.set(token.lead_bit);
      signature.set(token.whole_bit);
    }
  }
  return signature;
}

bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens) {
  return any_matches(cues, tokens, word_signature(tokens));
}

bool any_matches(const std::vector<CuePattern>& cues, std::span<const Token> tokens,
                 const WordSignature& signature) {
  return std::ranges::any_of(
      cues, [&](const CuePattern& cue) { return cue.find(tokens, signature).has_value(); });
}

} // namespace appeald::appeals
