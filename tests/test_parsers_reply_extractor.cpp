// extract_reply: only the sender's own new words survive; the quoted notice never leaks into
// `text`, inline answers keep the question they answer as `context`.
#include "parsers/attribution_lines.hpp"
#include "parsers/reply_extractor.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

using appeald::parsers::extract_reply;
using appeald::parsers::ParserLimits;
using appeald::parsers::ReplyBlock;
using appeald::parsers::ReplyText;
using appeald::parsers::Warnings;

namespace {

// The enforcement notice the customers answer. Its words ("prevent", "unsubscribe", "opt in")
// are exactly what a careless checker would mistake for an answer.
const std::string notice = "Hello,\n"
                           "\n"
                           "Your sending account is on probation because of bounces and "
                           "complaints.\n"
                           "\n"
                           "Please reply to this message and explain:\n"
                           "1. How and why the problem occurred.\n"
                           "2. The changes you have already made.\n"
                           "3. Why these changes will prevent it from happening again.\n"
                           "\n"
                           "In addition, please tell us:\n"
                           "- How recipients opt in to your mail.\n"
                           "- Whether every message you send is specifically requested by its "
                           "recipients.\n"
                           "- How recipients unsubscribe.\n"
                           "\n"
                           "Thank you,\n"
                           "SES Enforcement\n";

// Phrases that only the notice contains.
const std::vector<std::string> notice_only = {
    "probation", "unsubscribe", "prevent", "specifically requested", "opt in", "SES Enforcement"};

// `text` with every line prefixed by `prefix` ("> "), blank lines as a bare '>'.
std::string quoted(const std::string& text, const std::string& prefix = "> ") {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    const std::string line = text.substr(pos, nl - pos);
    out += line.empty() ? prefix.substr(0, prefix.find_last_not_of(' ') + 1) : prefix + line;
    out += '\n';
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

const std::string answer = "We imported a 2019 list without re-confirming it.\n"
                           "\n"
                           "We deleted that list and added double opt-in to the signup form.\n";
const std::string answer_text = "We imported a 2019 list without re-confirming it.\n"
                                "\n"
                                "We deleted that list and added double opt-in to the signup form.";

const std::string outlook_headers = "From: SES Enforcement <enforcement@example.com>\n"
                                    "Sent: Monday, November 2, 2026 3:00 PM\n"
                                    "To: ops@example.com\n"
                                    "Subject: Your sending account is on probation\n"
                                    "\n";

struct Row {
  std::string what;
  std::string input;
  std::string expected;
};

std::vector<Row> top_posted_rows() {
  const std::string gmail_attr =
      "On Mon, Nov 2, 2026 at 3:00\xE2\x80\xAFPM SES Enforcement <enforcement@example.com> "
      "wrote:\n";
  return {
      {"gmail top-posted, notice quoted below", answer + "\n" + gmail_attr + quoted(notice),
       answer_text},
      {"gmail attribution wrapped, 'wrote:' quoted on the next line",
       answer +
           "\nOn Mon, 2 Nov 2026 at 15:00, SES Enforcement <enforcement@example.com\n"
           "> wrote:\n" +
           quoted(notice),
       answer_text},
      {"gmail attribution wrapped, 'wrote:' unquoted on the next line",
       answer +
           "\nOn Mon, 2 Nov 2026 at 15:00, SES Enforcement <enforcement@example.com>\n"
           "wrote:\n\n" +
           quoted(notice),
       answer_text},
      {"apple mail with iPhone tag",
       answer +
           "\nSent from my iPhone\n\nOn 3 Nov 2026, at 15:00, SES Enforcement "
           "<enforcement@example.com> wrote:\n\n" +
           quoted(notice),
       answer_text},
      {"thunderbird without address",
       answer + "\nOn 11/2/26 3:00 PM, SES Enforcement wrote:\n" + quoted(notice), answer_text},
      {"a date without a time or address",
       answer + "\nOn Thu, 26 Nov 2026, SES Enforcement wrote:\n" + quoted(notice), answer_text},
      {"french, date only",
       answer + "\nLe 26 nov. 2026, SES Enforcement a écrit :\n" + quoted(notice), answer_text},
      {"german gmail",
       "Wir haben die Liste gelöscht.\n\nAm 02.11.2026 um 15:00 schrieb SES Enforcement "
       "<enforcement@example.com>:\n" +
           quoted(notice),
       "Wir haben die Liste gelöscht."},
      {"french gmail with non-breaking space before the colon",
       "Nous avons supprimé la liste.\n\nLe lun. 2 nov. 2026 à 15:00, SES Enforcement "
       "<enforcement@example.com> a écrit\xC2\xA0:\n" +
           quoted(notice),
       "Nous avons supprimé la liste."},
      {"spanish gmail",
       "Hemos borrado la lista.\n\nEl lun, 2 nov 2026 a las 15:00, SES Enforcement "
       "(<enforcement@example.com>) escribió:\n" +
           quoted(notice),
       "Hemos borrado la lista."},
      {"dutch gmail",
       "We hebben de lijst verwijderd.\n\nOp ma 2 nov. 2026 om 15:00 schreef SES Enforcement "
       "<enforcement@example.com>:\n" +
           quoted(notice),
       "We hebben de lijst verwijderd."},
      {"portuguese gmail",
       "Apagamos a lista.\n\nEm seg., 2 de nov. de 2026 às 15:00, SES Enforcement "
       "<enforcement@example.com> escreveu:\n" +
           quoted(notice),
       "Apagamos a lista."},
      {"outlook desktop: Original Message and unprefixed history",
       answer + "\n-----Original Message-----\n" + outlook_headers + notice, answer_text},
      {"outlook web: underscore rule, header block, unprefixed history",
       answer + "\n________________________________\n" + outlook_headers + notice, answer_text},
      {"outlook header block with no separator", answer + "\n" + outlook_headers + notice,
       answer_text},
      {"outlook bold keys from HTML conversion",
       answer +
           "\n*From:* SES Enforcement <enforcement@example.com>\n*Sent:* Monday, November "
           "2, 2026 3:00 PM\n*To:* ops@example.com\n*Subject:* Probation\n\n" +
           notice,
       answer_text},
      {"german outlook",
       "Wir haben die Liste gelöscht.\n\n-----Ursprüngliche Nachricht-----\nVon: SES "
       "Enforcement <enforcement@example.com>\nGesendet: Montag, 2. November 2026 15:00\nAn: "
       "ops@example.de\nBetreff: Probation\n\n" +
           notice,
       "Wir haben die Liste gelöscht."},
      {"french outlook with spaces before colons",
       "Nous avons supprimé la liste.\n\n________________________________\nDe : SES "
       "Enforcement <enforcement@example.com>\nEnvoyé : lundi 2 novembre 2026 15:00\nÀ : "
       "ops@example.fr\nObjet : Probation\n\n" +
           notice,
       "Nous avons supprimé la liste."},
      {"apple forward",
       "Please see below.\n\nBegin forwarded message:\n\n" + outlook_headers + notice,
       "Please see below."},
      {"gmail forward",
       "FYI, our answer is below the forward.\n\n---------- Forwarded message ---------\nFrom: "
       "SES Enforcement <enforcement@example.com>\nDate: Mon, Nov 2, 2026 at 3:00 PM\nSubject: "
       "Probation\nTo: <ops@example.com>\n\n" +
           notice,
       "FYI, our answer is below the forward."},
      {"ticketing tool reply marker",
       "We fixed the signup form.\n\n##- Please type your reply above this line -##\n\n" + notice,
       "We fixed the signup form."},
      {"helpdesk dashed reply marker",
       "We fixed the signup form.\n-- Reply above this line --\n" + notice,
       "We fixed the signup form."},
      {"quoted with '>' and no space", answer + "\n" + gmail_attr + quoted(notice, ">"),
       answer_text},
      {"quoted twice, '> > ' and '>>' mixed",
       answer + "\n" + gmail_attr + quoted(quoted(notice), "> ") + quoted(notice, ">>"),
       answer_text},
      {"CRLF line ends",
       "We removed the list.\r\n\r\nOn Mon, Nov 2, 2026 at 3:00 PM SES Enforcement "
       "<enforcement@example.com> wrote:\r\n> Your sending account is on probation.\r\n",
       "We removed the list."},
      {"old client: name and address, no date",
       "We removed the list.\n\nSES Enforcement <enforcement@example.com> wrote:\n" +
           quoted(notice),
       "We removed the list."},
  };
}

std::vector<Row> trap_rows() {
  return {
      {"colon lines are the sender's",
       "Cause: our signup form had no confirmation step.\nChanges made: we added double opt-in.\n"
       "From now on we only email confirmed subscribers.",
       "Cause: our signup form had no confirmation step.\nChanges made: we added double opt-in.\n"
       "From now on we only email confirmed subscribers."},
      {"a lone From: inside a list of answers",
       "Where the addresses came from:\nFrom: the CRM export\nTo: be reviewed by hand\nDate: "
       "unknown\n\nWe stopped using it.",
       "Where the addresses came from:\nFrom: the CRM export\nTo: be reviewed by hand\nDate: "
       "unknown\n\nWe stopped using it."},
      {"From:/Subject: without a dated Sent: line",
       "From: our website only\nSubject: to double opt-in\n\nThat is all.",
       "From: our website only\nSubject: to double opt-in\n\nThat is all."},
      {"a sentence ending in 'wrote:' without a date is not an attribution",
       "On our side, the team wrote:\nwe will re-confirm every address.",
       "On our side, the team wrote:\nwe will re-confirm every address."},
      {"'On <date> <time> our intern wrote:' is the sender's sentence",
       "On 2 Nov at 10:00 our intern wrote:\nthe offer went to the whole list.",
       "On 2 Nov at 10:00 our intern wrote:\nthe offer went to the whole list."},
      {"german 'Am ... schrieb ein Kollege ...:' is the sender's sentence",
       "Am 30.10. um 14:00 schrieb ein Kollege an die ganze Liste:\nein Angebot ohne Abmeldelink.",
       "Am 30.10. um 14:00 schrieb ein Kollege an die ganze Liste:\nein Angebot ohne "
       "Abmeldelink."},
      {"'On <date with a year> our intern wrote:' is the sender's sentence",
       "On 2 Nov 2026 our intern wrote:\nthe offer went to the whole list.",
       "On 2 Nov 2026 our intern wrote:\nthe offer went to the whole list."},
      {"a sentence with a year that ends in 'wrote:' but has no lead word",
       "In 2025 SES Enforcement wrote:\nour list was fine.",
       "In 2025 SES Enforcement wrote:\nour list was fine."},
      {"a sentence starting with 'On' and a number",
       "On Monday we removed 5,000 addresses.\nWe also wrote to every customer.",
       "On Monday we removed 5,000 addresses.\nWe also wrote to every customer."},
      {"an address followed by 'wrote:' without brackets",
       "I asked support@example.net and they wrote:\nthe list was bought in 2019.",
       "I asked support@example.net and they wrote:\nthe list was bought in 2019."},
      {"underscores used as a signature rule are not history",
       "We fixed it.\n__________\nSee our policy page.",
       "We fixed it.\n__________\nSee our policy page."},
      {"bullets and numbering keep their indentation",
       "1. Cause:\n   - an old list\n2. Changes:\n   - double opt-in",
       "1. Cause:\n   - an old list\n2. Changes:\n   - double opt-in"},
      {"runs of blank lines collapse, edges trimmed", "\n\n  \nFirst.\n\n\n\nSecond.\n\n\n",
       "First.\n\nSecond."},
      {"trailing spaces removed, non-breaking-space line is blank",
       "First.   \n\xC2\xA0\nSecond.\t", "First.\n\nSecond."},
      {"'Thanks for ...' is content", "Thanks for your patience, we have fixed the issue.",
       "Thanks for your patience, we have fixed the issue."},
      {"sign-off followed by a sentence is content",
       "We fixed it.\n\nThanks,\nwe will keep bounces under 2% from now on.",
       "We fixed it.\n\nThanks,\nwe will keep bounces under 2% from now on."},
      {"'The information contained in this list' is content",
       "The information contained in this list came from our signup form.",
       "The information contained in this list came from our signup form."},
      {"a final list introduced by a colon is not a name block",
       "We now use these tools:\n\nMailchimp\nZapier",
       "We now use these tools:\n\nMailchimp\nZapier"},
      {"a final lowercase line is not a name", "We fixed it.\n\ndouble opt-in everywhere",
       "We fixed it.\n\ndouble opt-in everywhere"},
      {"a final short answer is not a name", "Did we buy the list?\n\nNo",
       "Did we buy the list?\n\nNo"},
      {"a german sentence starting like a device tag is content",
       "Wir haben es behoben.\nVon meinem Team wurde die Liste gelöscht.",
       "Wir haben es behoben.\nVon meinem Team wurde die Liste gelöscht."},
      {"a name block with 'we' is content", "We fixed it.\n\nWe Care Team",
       "We fixed it.\n\nWe Care Team"},
  };
}

std::vector<Row> signature_rows() {
  return {
      {"'-- ' delimiter", "We fixed it.\n-- \nSam Ortiz\nExample Co", "We fixed it."},
      {"'--' delimiter", "We fixed it.\n\n--\nSam", "We fixed it."},
      {"Sent from my iPhone", "We fixed it.\n\nSent from my iPhone", "We fixed it."},
      {"Get Outlook for iOS", "We fixed it.\n\nGet Outlook for iOS", "We fixed it."},
      {"Sent from Mail for Windows", "We fixed it.\n\nSent from Mail for Windows", "We fixed it."},
      {"Sent from Yahoo Mail", "We fixed it.\n\nSent from Yahoo Mail on Android", "We fixed it."},
      {"sign-off with a five-line name block",
       "We fixed it.\n\nThanks,\nSam Ortiz\nHead of Email, Example Co\n+1 555 0100\n"
       "sam@example.com\nhttps://example.com",
       "We fixed it."},
      {"Best regards, blank line, name", "We fixed it.\n\nBest regards,\n\nSam Ortiz",
       "We fixed it."},
      {"Kind regards without comma", "We fixed it.\nKind regards\nSam", "We fixed it."},
      {"Regards on the same line as the name", "We fixed it.\n\nCheers, Sam", "We fixed it."},
      {"Many thanks, name and company", "We fixed it.\n\nMany thanks,\nSam\nExample Co.",
       "We fixed it."},
      {"Sincerely, name", "We fixed it.\n\nSincerely,\nSam Ortiz", "We fixed it."},
      {"Thank you, alone", "We fixed it.\n\nThank you!", "We fixed it."},
      {"german device tag", "Wir haben es behoben.\n\nVon meinem iPhone gesendet",
       "Wir haben es behoben."},
      {"spanish outlook mobile tag", "Lo hemos corregido.\n\nObtener Outlook para Android",
       "Lo hemos corregido."},
      {"german sign-off",
       "Wir haben es behoben.\n\nMit freundlichen Grüßen\nJonas Weber\n"
       "Beispiel GmbH",
       "Wir haben es behoben."},
      {"french sign-off", "Nous avons corrigé.\n\nCordialement,\nClaire Martin",
       "Nous avons corrigé."},
      {"spanish sign-off", "Lo hemos corregido.\n\nSaludos,\nAna García", "Lo hemos corregido."},
      {"sign-off then iPhone tag", "We fixed it.\n\nBest,\nSam\n\nSent from my iPhone",
       "We fixed it."},
      {"bare trailing name block", "We fixed it.\n\nSam Ortiz\nExample Co", "We fixed it."},
      {"bare trailing name with phone", "We fixed it.\n\nSam Ortiz\n+1 555 0100", "We fixed it."},
      {"CONFIDENTIALITY NOTICE with everything after it",
       "We fixed it.\n\nSam\n\nCONFIDENTIALITY NOTICE: This message may contain privileged "
       "information.\nIf you are not the intended recipient, delete it.",
       "We fixed it."},
      {"This email and any attachments",
       "We fixed it.\n\nThis email and any attachments are confidential and intended solely for "
       "the addressee.",
       "We fixed it."},
      {"This e-mail (including any attachments) is confidential",
       "We fixed it.\n\nThis e-mail (including any attachments) is confidential.", "We fixed it."},
      {"DISCLAIMER", "We fixed it.\n\nDISCLAIMER\nThe views expressed are the sender's own.",
       "We fixed it."},
      {"The information contained in this e-mail",
       "We fixed it.\n\nThe information contained in this e-mail is confidential.", "We fixed it."},
      {"This message is intended only for",
       "We fixed it.\n\nThis message is intended only for the named recipient.", "We fixed it."},
      {"Please consider the environment",
       "We fixed it.\n\nPlease consider the environment before printing this email.",
       "We fixed it."},
      {"only a signature: nothing left", "Thanks,\nSam\n\nSent from my iPhone", ""},
      // An all-capitals acronym in a title is not the pronoun "it"/"us".
      {"title with IT under a sign-off (outlook-desktop-html-cp1252-qp)",
       "We fixed it.\n\nKind regards,\nTom Okafor\nHead of IT, Parcelhub", "We fixed it."},
      {"titles with HR, CEO, VP and US",
       "We fixed it.\n\nThanks,\nSam Ortiz\nVP Sales US\nHR & CEO office", "We fixed it."},
      {"bare trailing name with an acronym title", "We fixed it.\n\nTom Okafor\nHead of IT",
       "We fixed it."},
      {"lower-case 'it' after a sign-off is still a sentence",
       "We fixed it.\n\nThanks,\nit was the old CRM export",
       "We fixed it.\n\nThanks,\nit was the old CRM export"},
      {"a shouted answer is not a name", "Did we fix it?\n\nYES", "Did we fix it?\n\nYES"},
      {"a shouted answer after a sign-off stays", "We checked.\n\nThanks,\nDONE",
       "We checked.\n\nThanks,\nDONE"},
      // Sign-offs in the languages customers write in.
      {"polish Z poważaniem (polish-iso-8859-2-qp)",
       "Poprawiliśmy formularz.\n\nZ poważaniem\nMarta Wiśniewska", "Poprawiliśmy formularz."},
      {"polish Pozdrawiam", "Poprawiliśmy formularz.\n\nPozdrawiam,\nMarta",
       "Poprawiliśmy formularz."},
      {"korean 감사합니다 and a 드림 line (korean-ks-c-5601-outlook-html-base64)",
       "오래된 명단은 모두 삭제했습니다.\n\n감사합니다.\n김민준 드림",
       "오래된 명단은 모두 삭제했습니다."},
      {"korean 드림 line alone", "오래된 명단은 모두 삭제했습니다.\n\n김민준 드림",
       "오래된 명단은 모두 삭제했습니다."},
      {"italian Cordiali saluti", "Abbiamo corretto.\n\nCordiali saluti,\nMarco Rossi",
       "Abbiamo corretto."},
      {"italian Distinti saluti", "Abbiamo corretto.\n\nDistinti saluti\nMarco Rossi\nRossi Srl",
       "Abbiamo corretto."},
      {"italian Saluti", "Abbiamo corretto.\n\nSaluti,\nMarco", "Abbiamo corretto."},
      {"portuguese Atenciosamente", "Corrigimos.\n\nAtenciosamente,\nJoão Silva", "Corrigimos."},
      {"portuguese Cumprimentos", "Corrigimos.\n\nCumprimentos,\nJoão Silva", "Corrigimos."},
      {"portuguese Obrigada", "Corrigimos.\n\nObrigada!\nMaria Souza", "Corrigimos."},
      {"dutch Met vriendelijke groet",
       "We hebben het opgelost.\n\nMet vriendelijke groet,\nJan de Vries",
       "We hebben het opgelost."},
      {"dutch Groeten", "We hebben het opgelost.\n\nGroeten,\nJan", "We hebben het opgelost."},
      {"spanish Un saludo", "Lo hemos corregido.\n\nUn saludo,\nAna García", "Lo hemos corregido."},
      {"spanish Atentamente", "Lo hemos corregido.\n\nAtentamente,\nAna García",
       "Lo hemos corregido."},
      {"spanish Saludos cordiales", "Lo hemos corregido.\n\nSaludos cordiales\nAna García",
       "Lo hemos corregido."},
      {"german Viele Grüße", "Wir haben es behoben.\n\nViele Grüße\nJonas",
       "Wir haben es behoben."},
      {"german Beste Grüße", "Wir haben es behoben.\n\nBeste Grüße,\nJonas Weber",
       "Wir haben es behoben."},
      {"german MfG", "Wir haben es behoben.\n\nMfG\nJonas Weber", "Wir haben es behoben."},
      {"french Bien à vous", "Nous avons corrigé.\n\nBien à vous,\nClaire Martin",
       "Nous avons corrigé."},
      {"japanese よろしくお願いします", "修正しました。\n\nよろしくお願いします。\n山田太郎",
       "修正しました。"},
      {"japanese よろしくお願いいたします",
       "修正しました。\n\nよろしくお願いいたします。\n山田太郎\n山田商事", "修正しました。"},
      {"chinese 谢谢", "我们已经修复了。\n\n谢谢！\n王伟", "我们已经修复了。"},
      {"chinese 此致敬礼 on one line", "我们已经修复了。\n\n此致敬礼\n王伟", "我们已经修复了。"},
      {"chinese 此致 + 敬礼 on two lines", "我们已经修复了。\n\n此致\n敬礼！\n王伟",
       "我们已经修复了。"},
      {"chinese 祝好", "我们已经修复了。\n\n祝好，\n王伟", "我们已经修复了。"},
      {"a line that starts like an italian sign-off is content",
       "Saluti a tutti, abbiamo corretto il modulo.",
       "Saluti a tutti, abbiamo corretto il modulo."},
      {"a polish sign-off followed by a sentence is content",
       "Pozdrawiam\nusunęliśmy też stare adresy i poprawiliśmy formularz zapisu.",
       "Pozdrawiam\nusunęliśmy też stare adresy i poprawiliśmy formularz zapisu."},
      // Mailing-list footers are boilerplate, and do not make the closing name an inner block.
      {"google groups: closing name above the quotes and a list footer (google-groups-list-id)",
       "Hi,\n\nWe fixed it.\n\nAlex\n\nOn Mon, Nov 2, 2026 at 10:00 AM SES Enforcement "
       "<enforcement@example.com> wrote:\n\n" +
           quoted(notice) +
           "\n--\nYou received this message because you are subscribed to the Google Groups "
           "\"ops\" group.\nTo unsubscribe from this group and stop receiving emails from it, "
           "send an email to ops+unsubscribe@example.com.\n",
       "Hi,\n\nWe fixed it."},
      {"list footer under a '---' rule, no '--' delimiter",
       "We fixed it.\n\nAlex\n\n> Question?\n\n---\nYou received this message because you "
       "are subscribed to the Google Groups \"ops\" group.\nView this discussion at "
       "https://groups.example/d/msgid/ops/abc",
       "We fixed it."},
      {"list footer directly under the reply",
       "We fixed it.\n\n---\nTo unsubscribe from this group and stop receiving emails from it, "
       "send an email to ops+unsubscribe@example.com.\nTo view this discussion on the web visit "
       "https://groups.example/d/msgid/ops/abc",
       "We fixed it."},
      {"a trailing rule line is dropped", "We fixed it.\n\n__________", "We fixed it."},
  };
}

std::vector<Row> hostile_rows() {
  return {
      {"empty input", "", ""},
      {"only newlines", "\n\n\r\n\n", ""},
      {"only quotes", quoted(notice), ""},
      {"only an attribution",
       "On Mon, Nov 2, 2026 at 3:00 PM SES Enforcement <enforcement@example.com> wrote:", ""},
      {"a lone '>'", ">", ""},
      {"quote markers without text", ">\n> \n>>\n> > >\n", ""},
      {"no line end at the end", "We fixed it.", "We fixed it."},
      {"a bare carriage return line", "We fixed it.\r\n\r\r\nAgain.", "We fixed it.\n\nAgain."},
      {"invalid UTF-8 is kept as bytes", "We fixed it \xFF\xFE.", "We fixed it \xFF\xFE."},
      {"a line of 200k '>' markers", std::string(200000, '>'), ""},
  };
}

// Zendesk's outgoing update, as sent when a customer answers from their own helpdesk.
const std::string zendesk_banner = "##- Please type your reply above this line -##\n";
const std::string zendesk_preamble =
    "Your request (48213) has been updated. To add additional comments, reply to this email.\n"
    "----------------------------------------------\n\n";
const std::string zendesk_comment_header =
    "Priya Natarajan (Northwind Tickets)\n\nNov 3, 2026, 11:05 GMT+1\n\n";
const std::string zendesk_older_comments = "\n----------------------------------------------\n\n"
                                           "SES Enforcement\n\nNov 2, 2026, 10:00 GMT+1\n\n" +
                                           notice +
                                           "\n--------------------------------\nThis email is a "
                                           "service from Northwind Tickets.\n\n[8LQ2KD-R7X1]\n";

std::vector<Row> helpdesk_rows() {
  return {
      {"zendesk update: banner, preamble, author, date, comment, older comments "
       "(zendesk-agent-update-reply-marker)",
       zendesk_banner + "\n" + zendesk_preamble + zendesk_comment_header + answer +
           "\nRegards,\nPriya\n" + zendesk_older_comments,
       answer_text},
      {"banner then author and date, no preamble",
       zendesk_banner + "\n" + zendesk_comment_header + answer + zendesk_older_comments,
       answer_text},
      {"banner then the comment, no framing", zendesk_banner + "\n" + answer, answer_text},
      {"blank lines before the banner", "\n\n" + zendesk_banner + "\n" + answer, answer_text},
      {"german zendesk banner",
       "##- Bitte geben Sie Ihre Antwort oberhalb dieser Zeile ein. -##\n\nWir haben die Liste "
       "gelöscht.\n",
       "Wir haben die Liste gelöscht."},
      {"the customer's reply above the marker still ends at the marker",
       "We fixed the signup form.\n\n" + zendesk_banner + "\n" + zendesk_preamble +
           zendesk_comment_header + notice,
       "We fixed the signup form."},
      {"a comment paragraph with a blank line before the rule is not a preamble",
       zendesk_banner + "\nWe stopped the campaign.\n\n----------\n\nOlder comment.\n",
       "We stopped the campaign."},
      {"a greeting and a dated sentence are not an author and a date",
       zendesk_banner + "\nHi,\n\nOn 3 Nov 2026 at 11:05 we stopped the campaign.\n",
       "Hi,\n\nOn 3 Nov 2026 at 11:05 we stopped the campaign."},
      {"without a leading banner a dash rule is content",
       "We fixed it.\n----------\nWe also re-confirmed the list.",
       "We fixed it.\n----------\nWe also re-confirmed the list."},
      {"a second banner after the comment ends it",
       zendesk_banner + "\nWe fixed it.\n\n" + zendesk_banner + "\nOlder text.\n", "We fixed it."},
      {"only a banner", zendesk_banner, ""},
  };
}

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    const ReplyText reply = extract_reply(row.input);
    CHECK(reply.text == row.expected);
    // The text is the blocks' texts joined by blank lines, none of them empty.
    std::string joined;
    for (const ReplyBlock& b : reply.blocks) {
      CHECK_FALSE(b.text.empty());
      joined += (joined.empty() ? "" : "\n\n") + b.text;
    }
    CHECK(joined == reply.text);
  }
}

} // namespace

TEST_CASE("top-posted replies keep only the words above the quoted notice") {
  check_rows(top_posted_rows());
}

TEST_CASE("the quoted notice's words never leak into the text") {
  for (const Row& row : top_posted_rows()) {
    CAPTURE(row.what);
    const std::string text = extract_reply(row.input).text;
    for (const std::string& phrase : notice_only) {
      CAPTURE(phrase);
      CHECK(text.find(phrase) == std::string::npos);
    }
  }
}

TEST_CASE("lines with colons, 'From' and 'On' stay the sender's") {
  check_rows(trap_rows());
}

TEST_CASE("signatures, sign-offs and disclaimers are removed") {
  check_rows(signature_rows());
}

TEST_CASE("a helpdesk's reply-above banner on the first line is skipped, not history") {
  check_rows(helpdesk_rows());
}

TEST_CASE("helpdesk_header_length finds only the tool's framing") {
  using appeald::parsers::helpdesk_header_length;
  struct HeaderRow {
    std::string what;
    std::vector<std::string_view> lines;
    std::size_t expected;
  };
  const std::vector<HeaderRow> rows = {
      {"preamble, rule, author, date",
       {"", "Your request (48213) has been updated.", "----------", "", "Priya (Northwind)", "",
        "Nov 3, 2026, 11:05 GMT+1", "", "Hello"},
       7},
      {"author and date only", {"Priya (Northwind)", "Nov 3, 2026, 11:05"}, 2},
      {"a preamble without author and date under the rule",
       {"Your request was updated.", "----------", "Hello,", "We fixed it."},
       0},
      {"a greeting is not an author", {"Hi,", "", "Nov 3, 2026, 11:05"}, 0},
      {"a date needs a time", {"Priya (Northwind)", "", "Nov 3, 2026"}, 0},
      {"a dated sentence is not a date line", {"Priya", "", "We stopped it at 11:05."}, 0},
      {"three blank lines between author and date are too many",
       {"Priya", "", "", "", "Nov 3, 2026, 11:05"},
       0},
      {"empty", {}, 0},
  };
  for (const HeaderRow& row : rows) {
    CAPTURE(row.what);
    CHECK(helpdesk_header_length(row.lines) == row.expected);
  }
}

TEST_CASE("hostile inputs give an empty or exact answer") {
  check_rows(hostile_rows());
}

namespace {

struct InlineRow {
  std::string what;
  std::string input;
  std::vector<ReplyBlock> blocks; // {context, text}
};

std::vector<InlineRow> inline_rows() {
  const std::string attr =
      "On Mon, Nov 2, 2026 at 3:00 PM SES Enforcement <enforcement@example.com> wrote:\n";
  return {
      {"every question answered inline under the quoted notice",
       attr + "> Hello,\n>\n> Your sending account is on probation because of bounces and "
              "complaints.\n>\n> Please reply to this message and explain:\n> 1. How and why the "
              "problem occurred.\n\nWe imported an old list.\n\n> 2. The changes you have already "
              "made.\n\nWe deleted it.\n\n> 3. Why these changes will prevent it from happening "
              "again.\n\nOnly confirmed subscribers get mail now.\n\n> In addition, please tell "
              "us:\n> - How recipients opt in to your mail.\n\nDouble opt-in on the signup "
              "form.\n\n> - Whether every message you send is specifically requested by its "
              "recipients.\n\nYes.\n\n> - How recipients unsubscribe.\n\nOne-click link in every "
              "footer.\n\n> Thank you,\n> SES Enforcement\n",
       {{"Please reply to this message and explain:\n1. How and why the problem occurred.",
         "We imported an old list."},
        {"2. The changes you have already made.", "We deleted it."},
        {"3. Why these changes will prevent it from happening again.",
         "Only confirmed subscribers get mail now."},
        {"In addition, please tell us:\n- How recipients opt in to your mail.",
         "Double opt-in on the signup form."},
        {"- Whether every message you send is specifically requested by its recipients.", "Yes."},
        {"- How recipients unsubscribe.", "One-click link in every footer."}}},
      {"greeting on top, answers inline, sign-off at the end",
       "Hi,\n\nAnswers inline.\n\n" + attr +
           "> 1. How and why the problem occurred.\n\nAn old list.\n\n> 2. The changes you have "
           "already made.\n\nDeleted it.\n\nThanks,\nSam\n",
       {{"", "Hi,\n\nAnswers inline."},
        {"1. How and why the problem occurred.", "An old list."},
        {"2. The changes you have already made.", "Deleted it."}}},
      {"bottom-posted under the whole notice (thunderbird)",
       "On 11/2/26 3:00 PM, SES Enforcement wrote:\n" + quoted(notice) +
           "\nOur answers:\n1. An old list.\n2. We deleted it.\n3. Only confirmed subscribers get "
           "mail now.\n\n-- \nSam\n",
       {{"Thank you,\nSES Enforcement",
         "Our answers:\n1. An old list.\n2. We deleted it.\n3. Only confirmed subscribers get "
         "mail now."}}},
      {"a depth change starts a new paragraph",
       ">> Is the list confirmed?\n> It is not, please explain.\n\nWe re-confirmed it.",
       {{"It is not, please explain.", "We re-confirmed it."}}},
      {"a quoted attribution is not the context",
       "> Thanks for the update.\n> On Sun, Nov 1, 2026 at 9:00 AM Sam <sam@example.com> "
       "wrote:\n>> Is the list confirmed?\n\nYes, since October.",
       {{"Is the list confirmed?", "Yes, since October."}}},
      {"'>' without a space",
       ">1. How and why?\n>\nAn old list.",
       {{"1. How and why?", "An old list."}}},
      {"'> > ' nested",
       "> > 1. How and why?\n> >\n\nAn old list.",
       {{"1. How and why?", "An old list."}}},
      {"indented quote marker",
       "  > 1. How and why?\nAn old list.",
       {{"1. How and why?", "An old list."}}},
      {"an unquoted blank line ends the quoted paragraph",
       "> First paragraph.\n\n> Second paragraph?\nAnswer.",
       {{"Second paragraph?", "Answer."}}},
      {"trailing blank quote lines are skipped",
       "> Question?\n>\n>\n\nAnswer.",
       {{"Question?", "Answer."}}},
      {"outlook separator and header block above '>' lines",
       "See inline.\n\n-----Original Message-----\n" + outlook_headers +
           "> 1. How and why the problem occurred.\nAn old list.\n",
       {{"", "See inline."}, {"1. How and why the problem occurred.", "An old list."}}},
      {"wrapped attribution then inline answers",
       "On Mon, 2 Nov 2026 at 15:00, SES Enforcement <enforcement@example.com\n> wrote:\n> "
       "1. How and why the problem occurred.\n\nAn old list.\n",
       {{"1. How and why the problem occurred.", "An old list."}}},
      {"signature under the last inline answer",
       "> 1. How and why?\nAn old list.\n\nBest regards,\nSam Ortiz\nExample Co",
       {{"1. How and why?", "An old list."}}},
      {"an answer that is only a sign-off is dropped",
       "> 1. How and why?\nAn old list.\n> 2. Changes?\nThanks,\nSam",
       {{"1. How and why?", "An old list."}}},
      {"a 'From:' answer under a question",
       "> - How recipients opt in to your mail.\nFrom: the CRM export, then a confirmation "
       "email.\nSent: within a minute.",
       {{"- How recipients opt in to your mail.",
         "From: the CRM export, then a confirmation email.\nSent: within a minute."}}},
      {"CRLF inline", "> Question?\r\n>\r\n\r\nAnswer.\r\n", {{"Question?", "Answer."}}},
      {"top-posted answer followed by the quoted notice has no context",
       "We fixed it.\n\n" + attr + quoted(notice),
       {{"", "We fixed it."}}},
  };
}

} // namespace

TEST_CASE("inline answers keep the quoted question above them as context") {
  for (const InlineRow& row : inline_rows()) {
    CAPTURE(row.what);
    CAPTURE(row.input);
    const ReplyText reply = extract_reply(row.input);
    REQUIRE(reply.blocks.size() == row.blocks.size());
    std::string joined;
    for (std::size_t i = 0; i < row.blocks.size(); ++i) {
      CAPTURE(i);
      CHECK(reply.blocks[i].context == row.blocks[i].context);
      CHECK(reply.blocks[i].text == row.blocks[i].text);
      joined += (i == 0 ? "" : "\n\n") + row.blocks[i].text;
    }
    CHECK(reply.text == joined);
  }
}

TEST_CASE("context keeps the last 40 lines of a long quoted paragraph") {
  std::string input;
  for (int i = 0; i < 50; ++i) {
    input += "> line " + std::to_string(i) + "\n";
  }
  input += "Answer.";
  const ReplyText reply = extract_reply(input);
  REQUIRE(reply.blocks.size() == 1);
  CHECK(reply.blocks[0].context.starts_with("line 10\nline 11\n"));
  CHECK(reply.blocks[0].context.ends_with("\nline 49"));
  CHECK(reply.blocks[0].text == "Answer.");
}

namespace {

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

// Runs extract_reply and checks it stays far from quadratic (seconds, even under sanitizers).
ReplyText timed_extract(const std::string& input, Warnings& warnings) {
  const auto start = std::chrono::steady_clock::now();
  ReplyText reply = extract_reply(input, ParserLimits{}, warnings);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(20));
  return reply;
}

} // namespace

TEST_CASE("hostile sizes stay linear and bounded") {
  const ParserLimits limits;
  SUBCASE("100k lines of '>'") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat(">\n", 100000), w);
    CHECK(reply.text.empty());
    CHECK(reply.blocks.empty());
  }
  SUBCASE("100k lines of '>' then an answer: the blank quote gives no context") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat(">\n", 100000) + "Answer.", w);
    REQUIRE(reply.blocks.size() == 1);
    CHECK(reply.blocks[0].context.empty());
    CHECK(reply.text == "Answer.");
  }
  SUBCASE("1 MB single line is cut to max_line_bytes") {
    Warnings w;
    const ReplyText reply = timed_extract(std::string(1024 * 1024, 'a'), w);
    CHECK(reply.text == std::string(limits.max_line_bytes, 'a'));
    CHECK(w.has("reply-line-truncated"));
  }
  SUBCASE("a long line of 3-byte characters is cut at a character boundary") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat("\xE2\x82\xAC", 100000), w);
    CHECK(reply.text.size() == limits.max_line_bytes / 3 * 3);
    CHECK(reply.text.ends_with("\xE2\x82\xAC"));
  }
  SUBCASE("a 1 MB quote marker line then an answer") {
    Warnings w;
    const ReplyText reply = timed_extract(std::string(1024 * 1024, '>') + "\nAnswer.", w);
    CHECK(reply.text == "Answer.");
  }
  SUBCASE("10 MB of megabyte-long lines") {
    Warnings w;
    const std::string line = std::string(1024 * 1024, 'x') + "\n";
    const ReplyText reply = timed_extract(repeat(line, 10), w);
    CHECK(reply.text.size() == 10 * limits.max_line_bytes + 9);
  }
  SUBCASE("10 MB of short new lines stops at max_text_bytes") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat("We fixed it.\n", 800000), w);
    CHECK(reply.text.size() <= limits.max_text_bytes);
    CHECK(reply.text.starts_with("We fixed it.\nWe fixed it.\n"));
    CHECK(w.has("reply-truncated"));
  }
  SUBCASE("2.8 MB of quoted lines") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat("> quoted text\n", 200000) + "Answer.", w);
    CHECK(reply.text == "Answer.");
    CHECK(reply.blocks.at(0).context.starts_with("quoted text\n"));
  }
  SUBCASE("many lone From: lines") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat("From: x\n", 50000), w);
    CHECK(reply.text.starts_with("From: x\nFrom: x\n"));
  }
  SUBCASE("many wrapped-attribution starts") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat("On 1 Nov at 10:00 we\n", 60000), w);
    CHECK(reply.text.starts_with("On 1 Nov at 10:00 we\nOn 1 Nov"));
  }
  SUBCASE("a helpdesk banner, then 100k short lines of a comment") {
    Warnings w;
    const ReplyText reply =
        timed_extract("##- Please type your reply above this line -##\n" +
                          repeat("Priya (Northwind)\n\nNov 3, 2026, 11:05\n\n", 100000),
                      w);
    CHECK(reply.text.starts_with("Priya (Northwind)\n\nNov 3, 2026, 11:05\n\nPriya"));
  }
  SUBCASE("100k quoted paragraphs, each answered") {
    Warnings w;
    const ReplyText reply = timed_extract(repeat("> Question?\n>\n> Why?\nBecause.\n", 100000), w);
    REQUIRE_FALSE(reply.blocks.empty());
    CHECK(reply.blocks.back().context == "Why?");
  }
  SUBCASE("a separator, a million blank lines, then quoted text and an answer") {
    Warnings w;
    const ReplyText reply = timed_extract(
        "-----Original Message-----\n" + std::string(1000000, '\n') + "> Question?\nAnswer.", w);
    REQUIRE(reply.blocks.size() == 1);
    CHECK(reply.blocks[0].context == "Question?");
    CHECK(reply.text == "Answer.");
  }
}

TEST_CASE("golden replies under tests/data/replies") {
  namespace fs = std::filesystem;
  std::size_t count = 0;
  for (const fs::directory_entry& e :
       fs::directory_iterator(appeald::test::data_dir() / "replies")) {
    if (e.path().extension() != ".txt") {
      continue;
    }
    CAPTURE(e.path().filename().string());
    fs::path expected_path = e.path();
    expected_path.replace_extension(".expected.json");
    const nlohmann::json expected = nlohmann::json::parse(appeald::test::read_file(expected_path));
    const ReplyText reply = extract_reply(appeald::test::read_file(e.path()));
    CHECK(reply.text == expected.at("text").get<std::string>());
    REQUIRE(reply.blocks.size() == expected.at("blocks").size());
    for (std::size_t i = 0; i < reply.blocks.size(); ++i) {
      CAPTURE(i);
      CHECK(reply.blocks[i].context == expected["blocks"][i].at("context").get<std::string>());
      CHECK(reply.blocks[i].text == expected["blocks"][i].at("text").get<std::string>());
    }
    for (const std::string& absent : expected.value("absent", std::vector<std::string>{})) {
      CAPTURE(absent);
      CHECK(reply.text.find(absent) == std::string::npos);
    }
    ++count;
  }
  CHECK(count >= 4);
}

TEST_CASE("context is capped at 16 KiB, keeping the end of the paragraph") {
  const std::string long_line(40 * 1024, 'q');
  SUBCASE("whole lines that fit") {
    const ReplyText reply = extract_reply("> " + long_line + "\n> 1. How and why?\nAn old list.");
    REQUIRE(reply.blocks.size() == 1);
    CHECK(reply.blocks[0].context == "1. How and why?");
    CHECK(reply.text == "An old list.");
  }
  SUBCASE("the end of a single longer line") {
    const ReplyText reply = extract_reply("> " + long_line + "?\nYes.");
    REQUIRE(reply.blocks.size() == 1);
    CHECK(reply.blocks[0].context == std::string(16 * 1024 - 1, 'q') + "?");
    CHECK(reply.text == "Yes.");
  }
  SUBCASE("forty long quoted lines do not exhaust the text budget") {
    std::string input;
    for (int i = 0; i < 40; ++i) {
      input += "> " + std::string(60 * 1024, 'q') + "\n";
    }
    const ReplyText reply = extract_reply(input + "Our answer.");
    CHECK(reply.text == "Our answer.");
  }
}
