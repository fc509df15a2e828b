#pragma once
// Splitting a reply's text into the sentences the assessor judges one by one.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace appeald::appeals {

struct Sentence {
  std::string text;    // one sentence, wrapped lines joined by a space, trimmed, label removed;
                       // runs of whitespace (tabs, non-breaking spaces) are one space
  std::string label;   // "Cause" for "Cause: ..." (the lead-in of its paragraph or list item,
                       // inherited by every sentence of that item); "" when none
  int item_number = 0; // 2 for a sentence of the list item "2. ..." / "2) ..." / "(2)"; 0 when
                       // none (bullets and letter markers "a)" carry no number)
  std::size_t paragraph = 0; // index of the paragraph or list item the sentence belongs to,
                             // counting only those that yield sentences (0, 1, 2, ...)
};

// Splits `text` ('\n' or "\r\n" line ends):
// - blank lines end paragraphs; a line starting with a bullet ("- ", "* ", "• ", "– ") or a
//   number/letter marker ("1.", "2)", "(3)", "a)", "(b)"; numbers of one or two digits) followed
//   by whitespace or the end of the line starts a new item, and each item is at least one
//   sentence, with or without a final full stop; other lines are joined to the one above
//   (mail wraps at 72-78 columns, and continuation lines of an item may or may not be indented);
// - within a paragraph or item, a sentence ends at '.', '!', '?' or '…' (possibly repeated,
//   possibly followed by quotes, ')' or ']') followed by whitespace and then an uppercase letter
//   (ASCII or Latin-1), a digit or an opening quote; not after common abbreviations (e.g., i.e.,
//   eg., ie., etc., vs., cf., Mr., Mrs., Ms., Dr., Inc., Ltd., Co., approx., Jan.-Dec. month
//   abbreviations, single capital initials, and "No." before a digit: "No. 5", but "No. We ..."
//   is an answer) nor inside numbers, URLs or times ("0.4%", "example.com/x", "10:00": no space);
// - a lead-in label is up to five words followed by ':' and whitespace (or the end) at the very
//   start of a paragraph or item. Its characters are letters, spaces, '/', '-', '\'', '&' and
//   one parenthesised group that may hold a date ("Update (Nov 5)"); no digits outside it, so
//   "At 10:00 we ..." is no label. The label names a topic, so words the assessor must judge keep
//   the line a sentence: the first word may not be a pronoun, determiner, connective, greeting
//   or answer ("We changed this:", "This week:", "So:", "Yes:"), and no word may be a negation
//   or a time word ("Not yet:", "Next week:", "Going forward:", "Planned:"), unless the label is
//   a question (first word why/what/how/where/which/who: "Why it won't happen again:"). A false
//   label costs little: the assessor checks labels against the rubric's label cues, and the text
//   after the colon is always kept as the sentence. "Re:" and "Note:" are labels too.
// - A paragraph or item that is only "Label:" labels the paragraph that follows it, or every
//   item of the list that follows it (until the next paragraph that is not an item); an item
//   that is only "2." or "2. Cause:" passes its number to a following paragraph too. Labels
//   and numbers never cross into items that have their own.
// - A heading-like line without ':' ("Root cause" then text lines) is not a label (too
//   ambiguous): it is joined to the text like any wrapped line.
// - sentences without a word (tokenize(): "...", "----", "* * *") are dropped. Never fails;
//   linear in the input (every lookback is bounded).
std::vector<Sentence> split_sentences(std::string_view text);

} // namespace appeald::appeals
