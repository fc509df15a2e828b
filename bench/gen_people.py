"""Cases and people for the benchmark dump generator.

Contract: make_cases(rng, n) returns case dicts whose contract fields (CASE_FIELDS) go to
cases.jsonl as they are; the other keys (sent_dt, lang, name, company, domain, ...) drive the
messages. Cases are ordered by notice date. About one customer in twenty has two cases.
"""

import datetime as dt

DESK = {"address": "appeals@enforcement.example", "authserv": "mx.enforcement.example"}
CASE_FIELDS = ["case", "account", "address", "kind", "issue", "notice_message_id", "sent_at",
               "deadline", "representative"]
FIRST_NOTICE = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)
DEADLINE_DAYS = 14

NAMES = {
    "en": ["Nadia Karim", "James Walker", "Olivia Bennett", "Priya Shah", "Tom Hughes",
           "Grace Reid", "Marcus Okafor", "Hannah Clarke", "Leo Turner", "Aisha Patel",
           "Daniel Price", "Chloe Martin"],
    "de": ["Jürgen Müller", "Lena Schäfer", "Björn Weiß", "Anna Köhler", "Stefan Groß",
           "Katrin Böhm"],
    "fr": ["Zoë Lefèvre", "Hélène Girard", "François Dubois", "Amélie Renaud", "Jérôme Lambert"],
    "ru": ["Дмитрий Соколов", "Анна Иванова", "Сергей Кузнецов", "Ольга Смирнова"],
    "ja": ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲"],
}
LANGS = [("en", 55), ("de", 15), ("fr", 12), ("ru", 8), ("ja", 10)]
COMPANY_A = ["Harbour", "Kestrel", "Paper", "Nordlicht", "Maison", "Blue", "Copper", "Willow",
             "Granite", "Lantern", "Atlas", "Juniper", "Sakura", "Volga", "Alpen", "Cedar"]
COMPANY_B = ["Bakery", "Tools", "Lantern", "Versand", "Verte", "Fox Media", "Kettle", "Books",
             "Outdoor", "Travel", "Studio", "Cycles", "Trading", "Pharma", "Events", "Foods"]
LOCALS = ["ops", "mail", "info", "marketing", "newsletter", "admin", "hello", "office",
          "team", "shop"]
ISSUES = [("bounce", 35), ("complaint", 30), ("unsolicited", 25), ("other", 10)]


def _weighted(rng, table):
    r = rng.random() * sum(w for _, w in table)
    for value, w in table:
        r -= w
        if r < 0:
            return value
    return table[-1][0]


def _customer(rng, i):
    lang = _weighted(rng, LANGS)
    name = rng.choice(NAMES[lang])
    company = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
    slug = company.lower().replace(" ", "-")
    domain = f"{slug}{i}.example"
    if lang == "en" and rng.random() < 0.5:
        local = name.lower().replace(" ", ".")
    else:
        local = rng.choice(LOCALS)
    return {"lang": lang, "name": name, "company": company, "domain": domain,
            "address": f"{local}@{domain}", "website": f"https://www.{domain}/"}


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_cases(rng, n):
    cases = []
    span = dt.timedelta(days=330) / max(1, n)
    for i in range(n):
        if cases and rng.random() < 0.05:
            earlier = cases[rng.randrange(len(cases))]
            who = {k: earlier[k]
                   for k in ("lang", "name", "company", "domain", "address", "website")}
        else:
            who = _customer(rng, i)
        sent = FIRST_NOTICE + span * i + dt.timedelta(minutes=rng.randint(0, 600))
        sent = sent.replace(microsecond=0)
        case_id = f"C-{10000 + i}"
        kind = "probation" if rng.random() < 0.7 else "suspension"
        rep = None
        if rng.random() < 0.2:
            rep = f"{rng.choice(['partner', 'legal', 'support'])}@reseller{rng.randint(1, 40)}.example"
        deadline = iso(sent + dt.timedelta(days=DEADLINE_DAYS)) if rng.random() < 0.85 else None
        verb = "is on probation" if kind == "probation" else "is suspended"
        account = f"{rng.randint(10**11, 10**12 - 1)}"
        case = {
            "case": case_id, "account": account, "address": who["address"], "kind": kind,
            "issue": _weighted(rng, ISSUES),
            "notice_message_id": f"<n-{10000 + i}.{rng.getrandbits(24):06x}@enforcement.example>",
            "sent_at": iso(sent), "deadline": deadline, "representative": rep,
            "sent_dt": sent, "subject": f"[{case_id}] Your sending account {account} {verb}",
            "notice_date": sent.strftime("%a, %d %b %Y %H:%M:%S +0000"),
            "notice_when": sent.strftime("%a, %d %b %Y at %H:%M"),
        }
        case.update(who)
        cases.append(case)
    return cases


def stranger(rng):
    lang = _weighted(rng, LANGS)
    name = rng.choice(NAMES[lang])
    host = rng.choice(["gmail", "outlook", "yahoo", "gmx", "orange", "yandex", "docomo"])
    local = f"{rng.choice(LOCALS)}{rng.randint(1, 9999)}"
    return {"lang": lang, "name": name, "domain": f"{host}.example",
            "address": f"{local}@{host}.example"}


def case_json(case):
    import json
    return json.dumps({k: case[k] for k in CASE_FIELDS}, ensure_ascii=False)
