#include "parsers/attribution_lines.hpp"

#include "parsers/reply_line_text.hpp"

#include <algorithm>
#include <array>

namespace appeald::parsers {

namespace {

using namespace reply_text;

// Words an attribution starts with: English, German, French, Spanish, Dutch, Portuguese,
// Italian. Case-sensitive: clients capitalise them, and a sender's "on" mid-sentence is not one.
constexpr std::array<std::string_view, 7> lead_words = {"On ", "Am ", "Le ", "El ",
                                                        "Op ", "Em ", "Il "};

// "wrote" as the last words before the ':'.
constexpr std::array<std::string_view, 9> verbs_at_end = {"wrote",    "writes",   "a écrit",
                                                          "escribió", "escreveu", "ha scritto",
                                                          "schrieb",  "schreef",  "skrev"};

// German and Dutch put the name after the verb: "Am ... schrieb X <x>:".
constexpr std::array<std::string_view, 2> verbs_before_name = {" schrieb ", " schreef "};

constexpr std::array<std::string_view, 15> separator_titles = {
    "original message",     "ursprüngliche nachricht", "message d'origine",
    "mensaje original",     "mensagem original",       "oorspronkelijk bericht",
    "messaggio originale",  "forwarded message",       "weitergeleitete nachricht",
    "message transféré",    "mensaje reenviado",       "doorgestuurd bericht",
    "mensagem encaminhada", "messaggio inoltrato",     "original-nachricht"};

constexpr std::array<std::string_view, 7> forward_intros = {
    "begin forwarded message",    "anfang der weitergeleiteten nachricht",
    "début du message réexpédié", "inicio del mensaje reenviado",
    "begin doorgestuurd bericht", "início da mensagem reencaminhada",
    "inizio messaggio inoltrato"};

// "Reply above this line" as ticketing tools (Zendesk, Freshdesk, Help Scout) localise it.
constexpr auto reply_above_phrases = std::to_array<std::string_view>(
    {"above this line", "oberhalb dieser zeile", "über dieser zeile", "au-dessus de cette ligne",
     "encima de esta línea", "boven deze regel", "boven deze lijn", "acima desta linha",
     "sopra questa riga", "sopra questa linea"});

constexpr std::size_t shortest_reply_above_phrase =
    std::ranges::min(reply_above_phrases, {}, &std::string_view::size).size();

// The phrases' first two bytes, as a bit set over all byte pairs: a word whose start is not one
// of them is rejected with one lookup.
constexpr std::size_t pair_index(unsigned char first, unsigned char second) {
  return (std::size_t{first} << 8) | second;
}
constexpr auto reply_above_pairs = [] {
  std::array<unsigned char, 65536 / 8> bits{};
  for (std::string_view phrase : reply_above_phrases) {
    const std::size_t i =
        pair_index(static_cast<unsigned char>(phrase[0]), static_cast<unsigned char>(phrase[1]));
    bits[i / 8] = static_cast<unsigned char>(bits[i / 8] | (1U << (i % 8)));
  }
  return bits;
}();

// Letters, digits and UTF-8 bytes continue a word; anything else ("##-", spaces) ends one.
constexpr auto word_bytes = [] {
  std::array<bool, 256> word{};
  for (std::size_t c = 0; c < word.size(); ++c) {
    word[c] =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  }
  return word;
}();

// Limits of the helpdesk framing: its preamble paragraph, the author and date lines.
constexpr std::size_t max_helpdesk_preamble_lines = 4;
constexpr std::size_t max_helpdesk_author_bytes = 120;
constexpr std::size_t max_helpdesk_date_bytes = 60;
constexpr std::size_t max_helpdesk_blank_lines = 2;

constexpr std::array<std::string_view, 5> from_keys = {"from", "de", "von", "van", "da"};
constexpr std::array<std::string_view, 13> date_keys = {
    "sent",    "date",      "gesendet", "datum", "envoyé",  "enviado",    "enviado el",
    "enviada", "verzonden", "data",     "fecha", "inviato", "gesendet am"};
constexpr std::array<std::string_view, 18> recipient_keys = {
    "to",    "cc",   "bcc",    "subject", "an",  "betreff",   "à",       "À",     "a",
    "objet", "para", "asunto", "assunto", "aan", "onderwerp", "oggetto", "kopie", "cci"};

bool has_time(std::string_view s) {
  for (std::size_t i = 0; i + 3 < s.size(); ++i) {
    if (is_digit(s[i]) && s[i + 1] == ':' && is_digit(s[i + 2]) && is_digit(s[i + 3])) {
      return true;
    }
  }
  return false;
}

// A four-digit year 1970-2099 standing alone ("26 Nov 2026,", "2026-11-26" counts too).
bool has_year(std::string_view s) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    const bool alone_before = i == 0 || !is_digit(s[i - 1]);
    const bool alone_after = i + 4 == s.size() || !is_digit(s[i + 4]);
    if (alone_before && alone_after && is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
        is_digit(s[i + 3])) {
      const std::string_view century = s.substr(i, 2);
      if (century == "20" || (century == "19" && s[i + 2] >= '7')) {
        return true;
      }
    }
  }
  return false;
}

bool has_digit(std::string_view s) {
  for (char c : s) {
    if (is_digit(c)) {
      return true;
    }
  }
  return false;
}

bool starts_with_lead(std::string_view s) {
  for (std::string_view lead : lead_words) {
    if (s.starts_with(lead)) {
      return true;
    }
  }
  return false;
}

// The verb ending `body` ("... X wrote"), or "" when none does.
std::string_view verb_at_end(std::string_view body) {
  for (std::string_view verb : verbs_at_end) {
    if (body.size() > verb.size() && body.ends_with(verb) &&
        is_ascii_space(body[body.size() - verb.size() - 1])) {
      return verb;
    }
  }
  return {};
}

std::string_view last_word(std::string_view s) {
  const std::size_t space = s.find_last_of(" \t");
  return space == s.npos ? s : s.substr(space + 1);
}

std::string_view first_word(std::string_view s) {
  s = trim_left(s);
  return s.substr(0, s.find_first_of(" \t"));
}

// Who wrote: "Sam", "<x@y>", "(<x@y>)", "\"SES\"", "Müller". "On 2 Nov at 10:00 our intern wrote:"
// and "Am 30.10. um 14:00 schrieb ein Kollege an alle:" are the sender's own sentences.
bool is_name_word(std::string_view w) {
  if (w.empty()) {
    return false;
  }
  const unsigned char front = static_cast<unsigned char>(w.front());
  return is_upper(w.front()) || front >= 0x80 ||
         std::string_view("\"'<(").find(w.front()) != w.npos || w.find('@') != w.npos ||
         w.back() == '>' || w.back() == ')';
}

// "Priya Natarajan (Northwind Tickets)": one short line, no closing punctuation.
bool is_helpdesk_author(std::string_view line) {
  const std::string_view t = trim(line);
  return !t.empty() && t.size() <= max_helpdesk_author_bytes && !is_helpdesk_rule(t) &&
         std::string_view(".,;:!?").find(t.back()) == std::string_view::npos;
}

// "Nov 3, 2026, 11:05 GMT+1", "3. Nov. 2026, 11:05".
bool is_helpdesk_date(std::string_view line) {
  const std::string_view t = trim(line);
  return !t.empty() && t.size() <= max_helpdesk_date_bytes && has_time(t) && !t.ends_with('.');
}

// Index of the first line at or after `i` that is not blank, skipping at most
// max_helpdesk_blank_lines.
std::size_t skip_blank(std::span<const std::string_view> lines, std::size_t i) {
  for (std::size_t skipped = 0;
       i < lines.size() && skipped < max_helpdesk_blank_lines && is_blank(lines[i]); ++skipped) {
    ++i;
  }
  return i;
}

// End of an "author [blank] date" pair starting at lines[i], or 0.
std::size_t comment_header_end(std::span<const std::string_view> lines, std::size_t i) {
  if (i >= lines.size() || !is_helpdesk_author(lines[i])) {
    return 0;
  }
  const std::size_t date = skip_blank(lines, i + 1);
  return date < lines.size() && is_helpdesk_date(lines[date]) ? date + 1 : 0;
}

} // namespace

bool is_attribution(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() < 8 || t.size() > max_marker_bytes || t.back() != ':') {
    return false;
  }
  const bool has_at = t.find('@') != t.npos;
  // "On <date> <time>, X wrote:", "X <x@y> wrote:", and the date-only form some clients write
  // ("On Thu, 26 Nov 2026, X wrote:"): a lead word and a year stand in for the time.
  if (!has_at && !has_time(t) && !(starts_with_lead(t) && has_year(t))) {
    return false;
  }
  const std::string_view body = trim_right(t.substr(0, t.size() - 1));
  const std::string_view verb = verb_at_end(body);
  const std::string_view before_verb = trim_right(body.substr(0, body.size() - verb.size()));
  bool named = !verb.empty() && is_name_word(last_word(before_verb));
  for (std::string_view v : verbs_before_name) {
    const std::size_t at = body.find(v);
    named = named || (at != body.npos && is_name_word(first_word(body.substr(at + v.size()))));
  }
  if (!named) {
    return false;
  }
  if (starts_with_lead(t)) {
    return true;
  }
  // Older clients write just "X <x@y> wrote:"; demand the bracketed address right before the
  // verb so "I asked support@x.com and they wrote:" stays the sender's.
  return !verb.empty() && has_at && before_verb.ends_with('>');
}

bool may_start_wrapped_attribution(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() < 8 || t.size() > max_marker_bytes || !starts_with_lead(t)) {
    return false;
  }
  if (std::string_view(".!?:;").find(t.back()) != std::string_view::npos) {
    return false;
  }
  return t.find('@') != t.npos || has_time(t);
}

SeparatorKind separator_kind(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || t.size() > max_marker_bytes) {
    return SeparatorKind::none;
  }
  if (t.size() >= 10 && t.find_first_not_of('_') == t.npos) {
    return SeparatorKind::rule;
  }
  if (t.starts_with("--")) {
    std::string_view inner = t;
    while (!inner.empty() && (inner.front() == '-' || is_ascii_space(inner.front()))) {
      inner.remove_prefix(1);
    }
    while (!inner.empty() && (inner.back() == '-' || is_ascii_space(inner.back()))) {
      inner.remove_suffix(1);
    }
    if (in_list_icase(inner, separator_titles)) {
      return SeparatorKind::history;
    }
  }
  std::string_view intro = t;
  if (intro.ends_with(':')) {
    intro = trim_right(intro.substr(0, intro.size() - 1));
  }
  if (in_list_icase(intro, forward_intros)) {
    return SeparatorKind::history;
  }
  if (is_reply_above_marker(t)) {
    return SeparatorKind::history;
  }
  return SeparatorKind::none;
}

HeaderLine header_line(std::string_view line) {
  std::string_view t = trim(line);
  if (t.size() > max_marker_bytes) {
    return {};
  }
  // Outlook's HTML bolds the keys; the converter leaves them as "*From:*".
  while (t.starts_with('*')) {
    t.remove_prefix(1);
  }
  const std::size_t colon = t.find(':');
  if (colon == t.npos || colon == 0 || colon > 24) {
    return {};
  }
  std::string_view key = t.substr(0, colon);
  while (key.ends_with('*')) {
    key.remove_suffix(1);
  }
  key = trim(key); // French puts a (non-breaking) space before the colon: "De : X"
  std::string_view value = t.substr(colon + 1);
  while (value.starts_with('*')) {
    value.remove_prefix(1);
  }
  value = trim(value);
  if (in_list_icase(key, from_keys)) {
    return {HeaderKey::from, value};
  }
  if (in_list_icase(key, date_keys)) {
    return {HeaderKey::date, value};
  }
  if (in_list_icase(key, recipient_keys)) {
    return {HeaderKey::recipient_or_subject, value};
  }
  return {};
}

std::size_t header_block_length(std::span<const std::string_view> lines) {
  if (lines.empty() || header_line(lines[0]).key != HeaderKey::from) {
    return 0;
  }
  bool date = false;
  bool recipient = false;
  std::size_t last = 0;
  for (std::size_t j = 1; j < lines.size() && j <= max_header_block_lines; ++j) {
    if (is_blank(lines[j])) {
      break;
    }
    const HeaderLine h = header_line(lines[j]);
    if (h.key == HeaderKey::from) {
      break; // another message's block
    }
    if (h.key == HeaderKey::date && has_digit(h.value)) {
      date = true;
      last = j;
    } else if (h.key == HeaderKey::recipient_or_subject) {
      recipient = true;
      last = j;
    }
  }
  return date && recipient ? last + 1 : 0;
}

bool is_reply_above_marker(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() < shortest_reply_above_phrase || t.size() > 120) {
    return false;
  }
  // Runs on every line of every message, so one pass: the phrases are tried only at a word start
  // whose first two bytes begin one of them, and only where one still fits.
  const std::size_t last_start = t.size() - shortest_reply_above_phrase;
  bool in_word = false;
  for (std::size_t i = 0; i <= last_start; ++i) {
    const bool word = word_bytes[static_cast<unsigned char>(t[i])];
    if (word && !in_word) {
      const std::size_t pair = pair_index(static_cast<unsigned char>(ascii_lower(t[i])),
                                          static_cast<unsigned char>(ascii_lower(t[i + 1])));
      if ((reply_above_pairs[pair / 8] >> (pair % 8)) & 1U) {
        for (std::string_view phrase : reply_above_phrases) {
          if (istarts_with(t.substr(i), phrase)) {
            return true;
          }
        }
      }
    }
    in_word = word;
  }
  return false;
}

bool is_helpdesk_rule(std::string_view line) {
  const std::string_view t = trim(line);
  return t.size() >= 10 && t.size() <= max_marker_bytes &&
         (t.find_first_not_of('-') == t.npos || t.find_first_not_of('_') == t.npos);
}

std::size_t helpdesk_header_length(std::span<const std::string_view> lines) {
  const std::size_t start = skip_blank(lines, 0);
  if (const std::size_t end = comment_header_end(lines, start); end != 0) {
    return end;
  }
  // A preamble paragraph ("Your request (48213) has been updated.") closed by a rule right under
  // it; a blank line before the rule means the paragraph is a comment, not the tool's preamble.
  std::size_t rule = start;
  while (rule < lines.size() && rule - start < max_helpdesk_preamble_lines &&
         !is_blank(lines[rule]) && !is_helpdesk_rule(lines[rule])) {
    ++rule;
  }
  if (rule == start || rule >= lines.size() || !is_helpdesk_rule(lines[rule])) {
    return 0;
  }
  return comment_header_end(lines, skip_blank(lines, rule + 1));
}

} // namespace appeald::parsers
