#include "parsers/signature_trimmer.hpp"

#include "parsers/reply_line_text.hpp"

#include <array>

namespace appeald::parsers {

namespace {

using namespace reply_text;

// Case-insensitive line starts. "The information contained in this" needs its noun: a sender
// may well write "The information contained in this list came from our signup form."
constexpr std::array<std::string_view, 17> disclaimer_starts = {
    "confidentiality notice",
    "this email and any attachments",
    "this e-mail and any attachments",
    "this email and any files",
    "this e-mail and any files",
    "this e-mail (including any attachments) is confidential",
    "this email (including any attachments) is confidential",
    "the information contained in this e-mail",
    "the information contained in this email",
    "the information contained in this message",
    "the information contained in this communication",
    "the information contained in this transmission",
    "this message is intended only for",
    "this email is intended only for",
    "this e-mail is intended only for",
    "please consider the environment before printing",
    "disclaimer:"};

// Footers mailing-list software (Google Groups) appends to every post. Case-insensitive line
// starts; like a disclaimer, everything from one on is the list's, not the sender's.
constexpr auto list_footer_starts = std::to_array<std::string_view>(
    {"you received this message because you are subscribed to", "to unsubscribe from this group",
     "to view this discussion", "view this discussion", "to post to this group, send",
     "for more options, visit"});

// Tags mail apps append. Case-insensitive line starts, on a line of at most 80 bytes among the
// block's last few lines; the non-English ones name the device so "Von meinem Team ..." stays.
constexpr std::array<std::string_view, 24> mobile_tags = {"sent from my ",
                                                          "sent from mail for windows",
                                                          "sent from yahoo mail",
                                                          "sent from outlook",
                                                          "sent with proton mail",
                                                          "get outlook for ",
                                                          "obtener outlook para ",
                                                          "holen sie sich outlook für ",
                                                          "télécharger outlook pour ",
                                                          "envoyé de mon iphone",
                                                          "envoyé de mon ipad",
                                                          "envoyé de mon smartphone",
                                                          "envoyé depuis mon ",
                                                          "von meinem iphone",
                                                          "von meinem ipad",
                                                          "von meinem samsung",
                                                          "von meinem smartphone",
                                                          "enviado desde mi iphone",
                                                          "enviado desde mi smartphone",
                                                          "enviado do meu iphone",
                                                          "enviado do meu smartphone",
                                                          "verzonden vanaf mijn ",
                                                          "verstuurd vanaf mijn ",
                                                          "inviato da iphone"};

// Whole-line sign-offs (after closing punctuation is removed), ASCII case-insensitive. English,
// German, French, Spanish, Dutch, Portuguese, Italian, Polish, Korean, Japanese, Chinese: the
// languages customers write in.
constexpr auto sign_offs = std::to_array<std::string_view>(
    {// English
     "thanks", "thank you", "thanks again", "thanks so much", "thank you so much",
     "thank you very much", "many thanks", "thanks in advance", "thanks and regards",
     "thanks & regards", "regards", "best regards", "kind regards", "kindest regards",
     "warm regards", "warmest regards", "with regards", "with best regards", "best", "all the best",
     "best wishes", "cheers", "sincerely", "yours sincerely", "sincerely yours", "yours truly",
     "respectfully",
     // German
     "mit freundlichen grüßen", "mit freundlichen gruessen", "freundliche grüße", "viele grüße",
     "beste grüße", "liebe grüße", "grüße", "gruß", "mfg",
     // French
     "cordialement", "bien cordialement", "bien à vous", "salutations", "merci",
     // Spanish
     "saludos", "saludos cordiales", "un saludo", "atentamente", "gracias",
     // Dutch
     "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "groeten",
     // Portuguese
     "atenciosamente", "cumprimentos", "obrigado", "obrigada",
     // Italian
     "cordiali saluti", "distinti saluti", "saluti", "grazie",
     // Polish
     "z poważaniem", "pozdrawiam", "pozdrawiam serdecznie", "serdecznie pozdrawiam",
     "z wyrazami szacunku", "dziękuję",
     // Korean ("thank you", formal and plain)
     "감사합니다", "고맙습니다",
     // Japanese ("please treat this favourably", the usual closing)
     "よろしくお願いします", "よろしくお願いいたします", "よろしくお願い致します",
     "宜しくお願いします", "宜しくお願いいたします",
     // Chinese ("thanks", "with respect" on one line or the first half of two, "all the best")
     "谢谢", "此致敬礼", "此致", "祝好"});

// Korean letters close with "<name> 드림" ("given by <name>"): a sign-off and a name in one.
constexpr std::string_view korean_from_suffix = " \xEB\x93\x9C\xEB\xA6\xBC"; // " 드림"

// Words that make a line a sentence or an answer rather than a name, title or company. Written
// in capitals ("IT", "US"), a pronoun or verb is an acronym in a title ("Head of IT").
constexpr auto not_name_words = std::to_array<std::string_view>(
    {"we",   "our",  "ours",  "us",   "i",    "i'm",   "i've",    "me",    "my",      "you",
     "your", "they", "their", "them", "he",   "she",   "it",      "is",    "are",     "was",
     "were", "be",   "been",  "have", "has",  "had",   "would",   "can",   "could",   "do",
     "does", "did",  "use",   "used", "send", "added", "removed", "fixed", "changed", "stopped"});
// Answers: shouted or not, a line with one of these is the sender's answer ("YES", "DONE").
constexpr auto answer_words = std::to_array<std::string_view>(
    {"yes", "no", "none", "ok", "okay", "done", "correct", "never", "always", "not"});

constexpr std::array<std::string_view, 12> name_particles = {"de", "van", "von", "da",  "del", "la",
                                                             "le", "di",  "du",  "der", "den", "&"};

constexpr std::size_t max_name_block_lines = 5;
constexpr std::size_t mobile_tag_window = 4; // the tag is the last thing a client appends

// The bytes, in either case, that some phrase of `list` starts with: every line of every block
// is tried against these lists, and most lines are ruled out by their first byte.
template <std::size_t N>
constexpr std::array<bool, 256> first_bytes(const std::array<std::string_view, N>& list) {
  std::array<bool, 256> first{};
  for (std::string_view p : list) {
    const auto c = static_cast<unsigned char>(p.front());
    first[c] = true;
    if (c >= 'a' && c <= 'z') {
      first[c - 'a' + 'A'] = true;
    }
  }
  return first;
}
constexpr auto disclaimer_first_bytes = first_bytes(disclaimer_starts);
constexpr auto list_footer_first_bytes = first_bytes(list_footer_starts);

bool is_disclaimer_start(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || !disclaimer_first_bytes[static_cast<unsigned char>(t.front())]) {
    return false;
  }
  if (t.starts_with("DISCLAIMER")) {
    return true;
  }
  for (std::string_view p : disclaimer_starts) {
    if (istarts_with(t, p)) {
      return true;
    }
  }
  return false;
}

bool is_list_footer_start(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || !list_footer_first_bytes[static_cast<unsigned char>(t.front())]) {
    return false;
  }
  for (std::string_view p : list_footer_starts) {
    if (istarts_with(t, p)) {
      return true;
    }
  }
  return false;
}

// "---", "___", "===": a rule left at the end separated the footer just cut, nothing else.
bool is_rule(std::string_view line) {
  const std::string_view t = trim(line);
  return t.size() >= 2 && t.find_first_not_of(t.front()) == t.npos &&
         std::string_view("-_=*").find(t.front()) != std::string_view::npos;
}

bool is_mobile_tag(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() > 80) {
    return false;
  }
  for (std::string_view p : mobile_tags) {
    if (istarts_with(t, p)) {
      return true;
    }
  }
  return false;
}

// A sentence ends in "!?:;" or in '.' after a long word; "Inc." and "Co." are not sentences.
bool ends_sentence(std::string_view t) {
  if (t.empty()) {
    return false;
  }
  if (std::string_view("!?:;").find(t.back()) != std::string_view::npos) {
    return true;
  }
  if (t.back() != '.') {
    return false;
  }
  const std::size_t space = t.find_last_of(" \t");
  const std::size_t last_word = space == t.npos ? t.size() : t.size() - space - 1;
  return last_word > 4;
}

// "IT", "HR", "CEO": two or more letters, all capitals.
bool is_acronym(std::string_view w) {
  if (w.size() < 2) {
    return false;
  }
  for (char c : w) {
    if (!is_upper(c)) {
      return false;
    }
  }
  return true;
}

bool has_not_name_word(std::string_view t) {
  bool found = false;
  for_each_word(t, [&](std::string_view w) {
    found = found || in_list_icase(w, answer_words) ||
            (!is_acronym(w) && in_list_icase(w, not_name_words));
  });
  return found;
}

bool is_bullet(std::string_view t) {
  if (t.starts_with('-') || t.starts_with('*') || t.starts_with("\xE2\x80\xA2")) {
    return true;
  }
  std::size_t i = 0;
  while (i < t.size() && is_digit(t[i])) {
    ++i;
  }
  return i > 0 && i < t.size() && (t[i] == '.' || t[i] == ')');
}

bool is_short_line(std::string_view t, std::size_t max_bytes, std::size_t max_words) {
  return !t.empty() && t.size() <= max_bytes && word_count(t) <= max_words && !ends_sentence(t) &&
         !has_not_name_word(t);
}

// "Sam Ortiz", "Example Co", "Ana de la Cruz": short, every word capitalised (or a particle).
bool looks_like_name(std::string_view line, std::size_t max_words) {
  const std::string_view t = trim(line);
  if (!is_short_line(t, 40, max_words) || is_bullet(t)) {
    return false;
  }
  bool capitalised = true;
  for_each_word(t, [&](std::string_view w) {
    const bool upper = is_upper(w.front()) || static_cast<unsigned char>(w.front()) >= 0x80;
    capitalised = capitalised && (upper || in_list_icase(w, name_particles));
  });
  return capitalised;
}

// Ideographic full stop and comma, fullwidth '!' and ',': CJK sign-offs end in them.
constexpr auto wide_closing_punctuation = std::to_array<std::string_view>(
    {"\xE3\x80\x82", "\xE3\x80\x81", "\xEF\xBC\x81", "\xEF\xBC\x8C"});

std::size_t closing_punctuation_length(std::string_view t) {
  if (!t.empty() && (t.back() == ',' || t.back() == '.' || t.back() == '!')) {
    return 1;
  }
  for (std::string_view p : wide_closing_punctuation) {
    if (t.ends_with(p)) {
      return p.size();
    }
  }
  return trailing_space_length(t);
}

std::string_view strip_closing_punctuation(std::string_view t) {
  for (std::size_t n = closing_punctuation_length(t); n != 0; n = closing_punctuation_length(t)) {
    t.remove_suffix(n);
  }
  return t;
}

// "Thanks,", "Best regards", "Mit freundlichen Grüßen", or "Thanks, Sam" on one line.
bool is_sign_off(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || t.size() > 60) {
    return false;
  }
  const std::string_view bare = strip_closing_punctuation(t);
  if (in_list_icase(bare, sign_offs)) {
    return true;
  }
  if (bare.size() > korean_from_suffix.size() && bare.ends_with(korean_from_suffix) &&
      word_count(bare) <= 4) {
    return true; // "김민준 드림"
  }
  const std::size_t comma = t.find(',');
  return comma != t.npos && in_list_icase(trim(t.substr(0, comma)), sign_offs) &&
         looks_like_name(strip_closing_punctuation(t.substr(comma + 1)), 3);
}

bool is_name_block_line(std::string_view line) {
  return is_short_line(trim(line), 72, 8);
}

void trim_trailing_blank(std::vector<std::string_view>& lines) {
  while (!lines.empty() && (is_blank(lines.back()) || is_rule(lines.back()))) {
    lines.pop_back();
  }
}

void strip_sign_off(std::vector<std::string_view>& lines) {
  const std::size_t n = lines.size();
  // A sign-off, up to five name lines and the blank lines between them.
  for (std::size_t i = n > 2 * max_name_block_lines + 2 ? n - 2 * max_name_block_lines - 2 : 0;
       i < n; ++i) {
    if (!is_sign_off(lines[i])) {
      continue;
    }
    std::size_t name_lines = 0;
    bool name_block = true;
    for (std::size_t j = i + 1; j < n && name_block; ++j) {
      if (!is_blank(lines[j])) {
        name_block = ++name_lines <= max_name_block_lines && is_name_block_line(lines[j]);
      }
    }
    if (name_block) {
      lines.resize(i);
      return;
    }
  }
}

void strip_bare_name(std::vector<std::string_view>& lines) {
  std::size_t blank = lines.size();
  for (std::size_t i = lines.size(); i-- > 0;) {
    if (is_blank(lines[i])) {
      blank = i;
      break;
    }
  }
  if (blank == lines.size() || blank == 0) {
    return;
  }
  const std::size_t tail = lines.size() - blank - 1;
  if (tail < 1 || tail > 3 || trim(lines[blank - 1]).ends_with(':')) {
    return; // a list introduced by "...:" is an answer, not a signature
  }
  if (!looks_like_name(lines[blank + 1], 4)) {
    return;
  }
  for (std::size_t i = blank + 2; i < lines.size(); ++i) {
    const std::string_view t = trim(lines[i]);
    if (!is_short_line(t, 40, 4) || is_bullet(t)) {
      return;
    }
  }
  lines.resize(blank);
}

} // namespace

void trim_signature(std::vector<std::string_view>& lines, BlockPlace place) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_disclaimer_start(lines[i]) || is_list_footer_start(lines[i])) {
      lines.resize(i);
      break;
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i]) == "--") {
      lines.resize(i);
      break;
    }
  }
  for (std::size_t i = lines.size() > mobile_tag_window ? lines.size() - mobile_tag_window : 0;
       i < lines.size(); ++i) {
    if (is_mobile_tag(lines[i])) {
      lines.resize(i);
      break;
    }
  }
  trim_trailing_blank(lines);
  strip_sign_off(lines);
  trim_trailing_blank(lines);
  if (place == BlockPlace::last) {
    strip_bare_name(lines);
    trim_trailing_blank(lines);
  }
}

} // namespace appeald::parsers
