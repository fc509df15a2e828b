"""Sentence pools and body composition for the benchmark dump generator.

Contract: every function takes the generator's random.Random and draws from it only, so the
same seed gives the same words. Bodies are returned as a list of blocks, independent of MIME:
  ("p", text)        a paragraph, wrapped when rendered as plain text
  ("quote", [lines]) quoted lines, rendered with "> "
  ("lines", [lines]) lines kept as they are (signatures, numbered lists, foreign text)
Templates use {a|b|c} for a choice and $X slots (see SLOTS).
"""

import re

_CHOICE = re.compile(r"\{([^{}]*)\}")
_SLOT = re.compile(r"\$([A-Z])")

SLOTS = {
    "M": ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"],
    "Y": ["2017", "2018", "2019", "2020", "2021", "2022"],
    "D": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "3 March", "12 May",
          "the 8th", "the 21st", "Saturday morning"],
    "P": ["Mailchimp", "our shop platform", "the new CRM", "Brevo", "our own mail server",
          "the booking system", "HubSpot", "a WordPress plugin", "Shopify"],
    "T": ["marketing team", "sales team", "support staff", "web agency", "IT contractor",
          "office manager", "developers"],
    "K": ["two", "three", "four", "five", "a dozen", "several"],
    "S": ["CSV export", "spreadsheet", "old customer list", "trade-fair contact list",
          "loyalty-card export", "lead list", "database dump"],
}


def _compile(template):
    parts, pos = [], 0
    for m in _CHOICE.finditer(template):
        if m.start() > pos:
            parts.append(template[pos:m.start()])
        parts.append(m.group(1).split("|"))
        pos = m.end()
    if pos < len(template):
        parts.append(template[pos:])
    return parts


def expand(rng, compiled):
    text = "".join(p if isinstance(p, str) else rng.choice(p) for p in compiled)
    if "$" in text:
        text = _SLOT.sub(lambda m: rng.choice(SLOTS[m.group(1)]), text)
    text = text.replace("  ", " ").replace(" ,", ",").replace(" .", ".")
    return text[0].upper() + text[1:]


def _pool(templates):
    return [_compile(t) for t in templates]


# Per element: issue -> templates ("*" applies to every issue).
POOLS = {
    "cause": {
        "bounce": _pool([
            "{When|After} we {moved|migrated} to $P in $M, {an old|a stale|a years-old} $S from $Y was {imported|synced|uploaded} into the {newsletter|main} audience by mistake.",
            "{The problem|The issue} {started|began} when a {cron job|sync script|plugin} {resent|re-sent} the $M campaign to {every contact|the whole database}, including addresses nobody had mailed since $Y.",
            "Our signup form had no {confirmation step|double opt-in|captcha}, so {bots|typos|fake sign-ups} {filled|polluted} the list with addresses that do not exist.",
            "{Many|Most} of those mailboxes no longer existed because the list was collected at a trade fair in $Y.",
            "We {mistakenly|accidentally} sent the {spring|autumn|winter} offer to the {inactive|archived} segment, which had not been cleaned for {years|a long time}.",
            "The bounces {came from|stemmed from} a $S that the $T {uploaded|pasted} into $P without checking it.",
        ]),
        "complaint": _pool([
            "We {mailed|sent the promotion to} {everyone|all customers} who had ever bought from us, {including|even} people who had never asked for the newsletter.",
            "A {misconfigured|broken} {automation|integration} sent the same offer $K times in one day, which {led to|resulted in} the complaints.",
            "The unsubscribe link in our template was {broken|pointing to a dead page} for $K weeks after a redesign, so people {marked us as spam|hit the spam button} instead.",
            "{The complaints|This} happened because the $T {imported|added} {event attendees|webinar guests} to the newsletter without asking them.",
            "We {think|believe} the complaints were caused by a {welcome series|reminder flow} that {kept sending|fired} after people had unsubscribed.",
        ]),
        "unsolicited": _pool([
            "A {sales rep|new colleague|contractor} {imported|uploaded} a {purchased|rented} lead list from {a broker|a vendor} and mailed it {without checking|without asking anyone}.",
            "Our account {was compromised|got hacked} through a {reused|weak|leaked} password, and an attacker sent {spam|phishing} from it {over the weekend|overnight}.",
            "{An intern|The $T} {scraped|copied} addresses from a {business directory|trade-show catalogue} and sent them our brochure, which is how this happened.",
            "The mail {came from|originated from} a {contact form|WordPress plugin} that {bots|spambots} abused to send messages to third parties.",
        ]),
        "other": _pool([
            "A {script|job|cron task} {looped|misfired} on $D and sent duplicate messages for {hours|most of the night}.",
            "An {integration|API key} {was leaked|got exposed} in a public repository, and it was abused to send mail.",
            "We {made a mistake|had a configuration error} in $P, which {resulted in|led to} {thousands of|duplicate} messages.",
        ]),
    },
    "changes": {
        "*": _pool([
            "On $D we {deleted|removed|purged} the $Y {export|list} and {re-confirmed|re-validated} the remaining {contacts|addresses}.",
            "We {added|introduced} a {double opt-in|confirmation email|captcha} to the signup form {last week|on $D|yesterday}.",
            "We {reset|changed|rotated} all {passwords|API keys|credentials} and {enabled|turned on} two-factor authentication for every user.",
            "The {sync script|cron job|automation} has been {disabled|shut down|retired}.",
            "We {trained|briefed} the $T on {our sending policy|consent rules|how to import contacts}.",
            "We {removed|dropped} every contact that had not opened a message in {12|18|24} months.",
        ]),
        "bounce": _pool([
            "We {switched on|enabled|turned on} the {bounce webhook|bounce handling} in $P, and hard-bounced addresses are now suppressed {automatically|at once}.",
            "We {cleaned|verified} the whole list with a validation service and {deleted|removed} {about|roughly} {4,000|1,200|900|15 percent of the} invalid addresses.",
        ]),
        "complaint": _pool([
            "We {fixed|repaired} the unsubscribe link and {added|set up} a one-click List-Unsubscribe header.",
            "We {removed|unsubscribed} everyone who {had not opted in|never asked for the newsletter}.",
        ]),
        "unsolicited": _pool([
            "We {deleted|purged} the purchased list {and all data from it|completely} and {ended|cancelled} the contract with the vendor.",
            "We {removed|disabled} the contact form plugin and {replaced|rebuilt} it with one that {has a captcha|cannot send to third parties}.",
        ]),
    },
    "planned": {
        "*": _pool([
            "We will {delete|remove} the old {export|list} {next week|by the end of the month}.",
            "We are {working on|in the process of} {adding|setting up} a {double opt-in|confirmation step} for the signup form.",
            "Next {sprint|month} we plan to {enable|switch on} the bounce webhook.",
            "Our $T is going to {reset|rotate} every password {tomorrow|on Monday|next week}.",
            "We intend to {clean|audit} the list {soon|in the coming weeks}.",
            "We hope to {replace|retire} the {plugin|script} {shortly|before the next campaign}.",
        ]),
    },
    "prevention": {
        "*": _pool([
            "{This|That} {means|ensures} {an old export|a stale list} can no longer be mailed by mistake, because only the subscriber list can be selected.",
            "From now on, every new address {must be confirmed|is confirmed} by its owner before anything is sent to it, so {typos and bots|fake addresses} never reach the list.",
            "{Even if|Even when} a password leaks again, nobody can log in without the second factor.",
            "{This|The approval step} prevents {the problem|a repeat} because {no campaign|nothing} can go out without a second person checking the audience.",
            "Because the job {is gone|no longer exists}, it cannot {fire|run} again.",
        ]),
        "bounce": _pool([
            "Because bounces are suppressed {automatically|within minutes}, no dead address can be mailed {twice|again}.",
        ]),
    },
    "bounce.list_source": {
        "*": _pool([
            "Our addresses come from {customers who create an account|the signup form on our website|people who book a table online}, and each one is confirmed with a verification email.",
            "{All|Every} subscriber {signed up|registered} {on our website|in our shop|at checkout} and {confirmed|verified} their address {through|via} {a confirmation link|double opt-in}.",
            "We check every address with an email validation service before it is added.",
        ]),
    },
    "bounce.removal": {
        "*": _pool([
            "Hard bounces are {removed|suppressed} {automatically|the same day} {by the|via the} {bounce webhook|suppression list}.",
            "Any address that bounces {twice|once} is {marked|flagged} as invalid and never mailed again.",
        ]),
    },
    "complaint.consent": {
        "*": _pool([
            "{Recipients|Subscribers|Customers} opt in {by ticking an unticked box|with a checkbox} at {checkout|registration} and confirm it by email.",
            "Only people who {signed up|subscribed} to the newsletter {on our website|in store} receive it.",
        ]),
    },
    "complaint.unsubscribe": {
        "*": _pool([
            "Every message has a one-click unsubscribe link{ and a List-Unsubscribe header|}, and opt-outs are {processed|honoured} immediately.",
            "We {joined|are on} the feedback loops of the big mailbox providers, and anyone who complains is unsubscribed {automatically|at once}.",
        ]),
    },
    "unsolicited.requested": {
        "*": _pool([
            "Yes, every message we send is {requested|triggered} by the recipient: {order confirmations|receipts|password resets} and the newsletter they ask for.",
            "We only send transactional mail{ such as| like} receipts and shipping notifications.",
        ]),
    },
    "unsolicited.acquisition": {
        "*": _pool([
            "Customers {enter|give us} their address when they create an account; we have never {bought|rented} a list.",
            "The addresses come from {our CRM|our shop|our booking form}, where customers register themselves.",
        ]),
    },
}

ISSUE_ELEMENTS = {
    "bounce": ["bounce.list_source", "bounce.removal"],
    "complaint": ["complaint.consent", "complaint.unsubscribe"],
    "unsolicited": ["unsolicited.requested", "unsolicited.acquisition"],
    "other": [],
}

QUESTIONS = {
    "cause": "How and why the problem occurred.",
    "changes": "The changes you have already made to correct it.",
    "prevention": "Why those changes will prevent it from happening again.",
    "bounce.list_source": "Where your recipients' addresses come from and how they are validated.",
    "bounce.removal": "How bounced addresses are removed or suppressed.",
    "complaint.consent": "How your recipients opted in.",
    "complaint.unsubscribe": "How recipients unsubscribe, and how you act on complaints.",
    "unsolicited.requested": "Whether every message you send is specifically requested by its recipient.",
    "unsolicited.acquisition": "How the recipient addresses were acquired.",
}

LABELS = {"cause": "Root cause", "changes": "What we changed", "prevention": "Why it will not happen again",
          "bounce.list_source": "Where the addresses come from", "bounce.removal": "Bounce handling",
          "complaint.consent": "Opt-in", "complaint.unsubscribe": "Unsubscribe",
          "unsolicited.requested": "Requested mail", "unsolicited.acquisition": "Address acquisition"}

CHATTER = _pool([
    "We have been {customers|with you} for {six|eight|eleven} years and this is the first problem of this kind.",
    "Our business depends on these emails, so we take this {seriously|very seriously}.",
    "I am the {owner|IT manager|marketing lead} at {our company|the shop} and handle our email.",
    "Sorry for the {inconvenience|trouble} this caused.",
    "Thank you for {the notice|explaining the process|your patience}.",
    "Please let us know if you need anything else.",
    "I {hope|trust} this answers your questions.",
    "{Our newsletter|The mailing} goes out {every two weeks|once a month} to about {3,000|12,000|800} people.",
])
VAGUE = _pool([
    "We {don't know|are not sure} what happened and are still investigating.",
    "We did nothing wrong and would like our account {restored|back to normal} {as soon as possible|today}.",
    "Why was our account {blocked|suspended}? {Our customers need|We need} these emails.",
    "Can you tell us which messages {bounced|were reported}?",
])
NO_CHANGES = _pool([
    "No changes have been made yet{, as we wanted to hear from you first|}.",
    "We have not changed anything so far.",
])
GREETINGS = ["Hello,", "Hi,", "Hi team,", "Dear Enforcement Team,", "Good morning,", "Dear Sir or Madam,"]
CLOSINGS = ["Kind regards,", "Best regards,", "Thanks,", "Regards,", "Best,", "Many thanks,"]

FOREIGN = {
    "de": (["Sehr geehrte Damen und Herren,", "Guten Tag,"],
           ["Mit freundlichen Grüßen", "Viele Grüße aus München"],
           ["Wir entschuldigen uns für die Unannehmlichkeiten und haben die Liste bereinigt."]),
    "fr": (["Bonjour,", "Madame, Monsieur,"],
           ["Cordialement,", "Bien à vous,"],
           ["Nous avons supprimé les adresses invalides et ajouté une double confirmation."]),
    "ru": (["Здравствуйте,", "Добрый день,"],
           ["С уважением,", "Спасибо,"],
           ["Мы удалили старый список и включили подтверждение подписки."]),
    "ja": (["お世話になっております。", "ご担当者様"],
           ["よろしくお願いいたします。", "以上、よろしくお願い申し上げます。"],
           ["ご迷惑をおかけして申し訳ございません。古いリストは削除しました。"]),
}

DISCLAIMERS = [
    "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it. Any unauthorised use is prohibited.",
    "This message may contain privileged information. If you are not the intended recipient, you must not copy, forward or use it; please delete it and tell us at once.",
    "Please consider the environment before printing this email.",
]


def pick_sentences(rng, element, issue, count):
    pools = POOLS[element]
    cands = pools.get(issue, []) + pools.get("*", [])
    return [expand(rng, t) for t in rng.sample(cands, min(count, len(cands)))]


def notice_lines(case):
    what = {"bounce": "a high bounce rate", "complaint": "complaints from recipients",
            "unsolicited": "reports of unsolicited mail", "other": "a problem with your sending"}
    verb = "placed on probation" if case["kind"] == "probation" else "suspended"
    lines = ["Hello,", "",
             f"Your sending account {case['account']} has been {verb} because of",
             f"{what[case['issue']]}. To appeal, please reply to this message and explain:", ""]
    for n, el in enumerate(["cause", "changes", "prevention"] + ISSUE_ELEMENTS[case["issue"]], 1):
        lines.append(f"{n}. {QUESTIONS[el]}")
    lines += ["", "Please answer each point in your own words. If the problem is still being",
              "fixed, tell us what you have planned and write again once it is in place.",
              "While the account is under review, mail above your usual volume may be",
              "delayed, and an account that does not reply before the deadline may be",
              "suspended.", "", f"Case: {case['case']}", f"Account: {case['account']}",
              f"Deadline: {case['deadline'] or 'none'}", "", "Enforcement Team",
              "Example Mail Services - Trust & Safety",
              "This mailbox is read by people; replies are answered within two working days."]
    return lines


def _element_blocks(rng, element, issue, style, sentences, number):
    text = " ".join(sentences)
    if style == "labels":
        return [("p", f"{LABELS[element]}: {text}")]
    if style == "numbered":
        return [("p", f"{number}. {text}")]
    if style == "inline":
        return [("quote", [f"{number}. {QUESTIONS[element]}"]), ("p", text)]
    return [("p", text)]


def _quote_block(rng, ctx):
    """The quoted notice under a reply, in one of the common client styles."""
    lang, when, lines = ctx["lang"], ctx["notice_when"], ctx["notice_lines"]
    style = rng.random()
    if style < 0.12 or not lines:
        return []
    if style < 0.35:  # Outlook: unquoted original under a header block
        return [("lines", ["-----Original Message-----",
                           "From: Enforcement Team <enforcement@enforcement.example>",
                           f"Sent: {when}", f"Subject: {ctx['notice_subject']}", ""] + lines)]
    sent = ctx["case"]["sent_dt"]
    attribution = {
        "de": f"Am {sent:%d.%m.%Y} um {sent:%H:%M} schrieb Enforcement Team <enforcement@enforcement.example>:",
        "fr": f"Le {sent:%d/%m/%Y} à {sent:%H:%M}, Enforcement Team <enforcement@enforcement.example> a écrit :",
    }.get(lang, f"On {when}, Enforcement Team <enforcement@enforcement.example> wrote:")
    return [("lines", [attribution]), ("quote", lines)]


def compose_reply(rng, ctx):
    """Blocks of an appeal reply. ctx: case, elements (ids to answer), mode, lang, name,
    company, notice_when, notice_subject, notice_lines, smart_quotes."""
    case, lang, mode = ctx["case"], ctx["lang"], ctx["mode"]
    issue = case["issue"]
    foreign = FOREIGN.get(lang)
    blocks = []
    greet = rng.choice(foreign[0]) if foreign and rng.random() < 0.7 else rng.choice(GREETINGS)
    blocks.append(("lines", [greet]))
    if rng.random() < 0.6:
        blocks.append(("p", " ".join(expand(rng, t)
                                     for t in rng.sample(CHATTER, rng.randint(1, 3)))))
    style = rng.choice(["prose", "prose", "prose", "labels", "numbered", "inline"])
    if style == "inline" and not ctx["notice_lines"]:
        style = "numbered"  # nothing to answer inline in a fresh message
    if mode == "vague":
        blocks.append(("p", " ".join(expand(rng, t)
                                     for t in rng.sample(VAGUE, rng.randint(1, 3)))))
    else:
        order = ["cause", "changes", "prevention"] + ISSUE_ELEMENTS[issue]
        for number, element in enumerate(order, 1):
            if element not in ctx["elements"]:
                continue
            n = rng.choice([1, 2, 2, 3, 3])
            if element == "changes" and mode == "planned":
                sentences = pick_sentences(rng, "planned", issue, n)
            elif element == "changes" and mode == "no_changes":
                sentences = [expand(rng, rng.choice(NO_CHANGES))]
            else:
                sentences = pick_sentences(rng, element, issue, n)
            if element == "prevention" and rng.random() < 0.25:
                # A paragraph opening "From now on": mboxrd must escape it.
                sentences[0] = "From now on, " + sentences[0][0].lower() + sentences[0][1:]
            blocks += _element_blocks(rng, element, issue, style, sentences, number)
    if foreign and rng.random() < 0.4:
        blocks.append(("lines", [rng.choice(foreign[2])]))
    if rng.random() < 0.4:
        blocks.append(("p", expand(rng, rng.choice(CHATTER))))
    close = rng.choice(foreign[1]) if foreign and rng.random() < 0.6 else rng.choice(CLOSINGS)
    blocks.append(("lines", [close, ctx["name"]]))
    tail = []
    if rng.random() < 0.6:
        tail.append(("sig", [ctx["name"], f"{rng.choice(['Owner', 'IT', 'Marketing', 'Operations'])}, {ctx['company']}",
                             f"Phone +44 20 7946 {rng.randint(0, 9999):04d}", ctx["website"]]))
    elif rng.random() < 0.3:
        tail.append(("lines", [rng.choice(["Sent from my iPhone", "Sent from my iPad",
                                           "Get Outlook for Android"])]))
    if rng.random() < 0.4:
        tail.append(("p", rng.choice(DISCLAIMERS)))
    if style != "inline":
        tail += _quote_block(rng, ctx)
    blocks += tail
    if ctx.get("smart_quotes"):
        blocks = [(k, v.replace("'", "\u2019")) if k == "p" else (k, v) for k, v in blocks]
    return blocks


def compose_auto_reply(rng, lang):
    text = {
        "de": "Ich bin bis zum {} nicht im Büro und habe nur eingeschränkten Zugriff auf E-Mails.",
        "fr": "Je suis absent du bureau jusqu'au {} avec un accès limité à mes e-mails.",
    }.get(lang, "I am out of the office until {} with limited access to email.")
    day = rng.randint(2, 28)
    return [("lines", [text.format(f"{day}.{rng.randint(1, 12)}.")]),
            ("p", "For urgent matters please contact our office on +44 20 7946 0000. "
                  "Your message will not be forwarded.")]


def compose_stranger(rng):
    return [("lines", [rng.choice(GREETINGS)]),
            ("p", " ".join(expand(rng, t) for t in rng.sample(VAGUE, rng.randint(1, 3)))),
            ("p", expand(rng, rng.choice(CHATTER))),
            ("lines", [rng.choice(CLOSINGS), "A customer"])]


def render_plain(blocks, width=72):
    """Plain text with \\n line ends; paragraphs wrapped at width."""
    out = []
    for kind, value in blocks:
        if kind == "p":
            out.append("\n".join(wrap(value, width)))
        elif kind == "quote":
            out.append("\n".join("> " + line if line else ">" for line in value))
        elif kind == "sig":
            out.append("-- \n" + "\n".join(value))
        else:
            out.append("\n".join(value))
    return "\n\n".join(out) + "\n"


def wrap(text, width):
    if len(text) <= width:
        return [text]
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines
