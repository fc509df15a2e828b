#include "parsers/attribution_lines.hpp"

#include "parsers/reply_line_text.hpp"

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

} // namespace

bool is_attribution(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() < 8 || t.size() > max_marker_bytes || t.back() != ':') {
    return false;
  }
  const bool has_at = t.find('@') != t.npos;
  if (!has_at && !has_time(t)) {
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
  // Ticketing tools: "##- Please type your reply above this line -##".
  if (t.size() <= 120 && icontains(t, "above this line")) {
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

} // namespace appeald::parsers
