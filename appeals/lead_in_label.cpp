#include "appeals/lead_in_label.hpp"

#include "appeals/sentence_text.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace appeald::appeals {

namespace {

using namespace sentence_text;

// Words that make a lead-in a clause rather than a topic (appeals/sentences.hpp says why).
bool stops_first(std::string_view w) {
  return in(w, {"i",      "we",      "you",      "they",   "he",    "she",     "it",     "this",
                "that",   "these",   "those",    "there",  "here",  "and",     "but",    "so",
                "or",     "because", "since",    "as",     "if",    "when",    "once",   "then",
                "also",   "however", "although", "though", "while", "after",   "before", "until",
                "unless", "yes",     "yeah",     "yep",    "nope",  "correct", "right",  "true",
                "false",  "indeed",  "agreed",   "ok",     "okay",  "sure",    "please", "thanks",
                "thank",  "hi",      "hello",    "dear"});
}
bool stops_anywhere(std::string_view w) {
  return w.ends_with("n't") ||
         in(w, {"not",       "no",      "never",  "nothing", "none",      "nobody",   "yet",
                "without",   "cannot",  "now",    "today",   "tonight",   "tomorrow", "yesterday",
                "currently", "already", "soon",   "later",   "next",      "last",     "since",
                "until",     "till",    "future", "forward", "meanwhile", "planned",  "pending",
                "upcoming",  "ongoing", "monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday",  "sunday"});
}
bool is_question_word(std::string_view w) {
  return in(w, {"why", "what", "how", "where", "which", "who"});
}

} // namespace

std::optional<LeadInLabel> lead_in_label(std::string_view text) {
  const std::size_t limit = std::min(text.size(), max_label_bytes);
  std::size_t colon = 0;
  bool had_group = false;
  std::array<std::string, max_label_words> words;
  std::size_t count = 0;
  bool in_word = false;
  for (std::size_t i = 0;; ++i) {
    if (i >= limit) {
      return std::nullopt;
    }
    const char c = text[i];
    if (c == ':') {
      colon = i;
      break;
    }
    if (c == '(' && !had_group) {
      const std::size_t close = text.substr(0, limit).find(')', i);
      if (close == std::string_view::npos) {
        return std::nullopt;
      }
      for (std::size_t j = i + 1; j < close; ++j) {
        const char d = text[j];
        if (!is_letter(d) && !is_digit(d) &&
            std::string_view(" /-.,:").find(d) == std::string_view::npos) {
          return std::nullopt;
        }
      }
      had_group = true;
      in_word = false;
      if (++count > max_label_words) {
        return std::nullopt;
      }
      i = close;
      continue;
    }
    if (c == ' ') {
      in_word = false;
      continue;
    }
    if (!is_letter(c) && c != '/' && c != '-' && c != '\'' && c != '&') {
      return std::nullopt;
    }
    if (!in_word) {
      if (count == max_label_words) {
        return std::nullopt;
      }
      in_word = true;
      ++count;
    }
    if (text.substr(i, 3) == "\xE2\x80\x99") {
      words[count - 1] += '\''; // "won’t" is "won't"
      i += 2;
      continue;
    }
    words[count - 1] += lower(c);
  }
  const std::string_view head = trim(text.substr(0, colon));
  const std::string_view rest = text.substr(colon + 1);
  if (head.empty() || !is_letter(head.front()) || (!rest.empty() && rest.front() != ' ')) {
    return std::nullopt;
  }
  auto before_apostrophe = [](std::string_view w) { return w.substr(0, w.find('\'')); };
  const std::string_view first = words[0];
  if (!is_question_word(first)) {
    if (stops_first(before_apostrophe(first))) {
      return std::nullopt;
    }
    for (std::size_t k = 0; k < count; ++k) {
      if (stops_anywhere(words[k])) {
        return std::nullopt;
      }
    }
  }
  return LeadInLabel{head, trim(rest)};
}

} // namespace appeald::appeals
