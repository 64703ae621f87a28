"""Generate the routing test set: held out for a final evaluation, written after the router's design.

    python -m bench.task_eval.generate --set test     # rewrites bench/task_eval/test.jsonl

A third labelled set beside the evaluation set (``prompts.jsonl``) and the dev set
(``dev.jsonl``), both of which were used while designing the router. This one was written
after that design, from a bank of its own (``test_bank.py``): other templates, topics,
passage genres (news stories, annual reports with markdown headings, board minutes,
interviews, encyclopedia entries, emails, blog posts), source languages, RAG layouts
(including several retrieved documents) and prompt wrappers (system-prompt preambles,
instruction formats, closing lines). It is generated, not human-written, and deterministic
(one seeded ``random.Random``). Six groups of prompts as Spec-Bench names them
(translation, summarization, qa, math_reasoning, rag, mt_bench), plus out-of-distribution
prompts (group ``ood``: stack traces, access logs, SQL dumps, certificates, configuration,
markup, lists with no request, noise, CSV). Used only to evaluate, once, at the end: never
to train, tune or choose anything. No Spec-Bench prompt, passage or topic list was copied,
nor anything from the evaluation or dev banks.
"""

from __future__ import annotations

import base64
import random
import string
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from pathlib import Path

from bench.task_eval import test_bank as tb

TEST_OUT = Path(__file__).with_name("test.jsonl")
TEST_SEED = 90417

Genre = Callable[[random.Random, dict[str, str], list[str]], str]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _paragraphs(rng: random.Random, sentences: list[str], lo: int = 2, hi: int = 4) -> str:
    """Sentences grouped into paragraphs of ``lo`` to ``hi``."""
    paras, i = [], 0
    while i < len(sentences):
        n = rng.randint(lo, hi)
        paras.append(" ".join(sentences[i : i + n]))
        i += n
    return "\n\n".join(paras)


def _split(rng: random.Random, items: list[str], parts: int) -> list[list[str]]:
    """``items`` cut into ``parts`` consecutive runs of random lengths (some may be empty)."""
    cuts = sorted(rng.randint(0, len(items)) for _ in range(parts - 1))
    bounds = [0, *cuts, len(items)]
    return [items[a:b] for a, b in pairwise(bounds)]


def _facts(rng: random.Random, topic: tb.Topic) -> dict[str, str]:
    """One organisation's facts: the values every document about it states."""
    town, town2 = rng.sample(tb.TOWNS, 2)
    founder, director, p1, p2, p3, p4 = rng.sample(tb.FOLK, 6)
    year = rng.randint(1952, 2012)
    report_year = rng.randint(2019, 2025)
    facts = {
        "name": topic.name,
        "Name": _cap(topic.name),
        "short": topic.short,
        "Short": _cap(topic.short),
        "kind": topic.kind,
        "town": town,
        "Town": town,
        "founder": founder,
        "founder_last": founder.split()[-1],
        "founder_job": rng.choice(tb.FOUNDER_JOBS),
        "year": str(year),
        "director": director,
        "director_last": director.split()[-1],
        "since": str(rng.randint(max(year + 3, 1995), 2023)),
        "issue": topic.issue,
        "staff": topic.staff,
        "site": topic.site,
        "product": topic.product,
        "count": topic.count.format(n=f"{rng.randint(*topic.n):,}"),
        "count_q": topic.count_q.format(name=topic.name),
        "plan": rng.choice(tb.PLANS).format(town2=town2),
        "budget": f"{rng.choice(tb.CURRENCIES)}{rng.randint(12, 950) * 1000:,}",
        "n2": str(rng.randint(30, 400)),
        "small": str(rng.randint(2, 9)),
        "report_year": str(report_year),
        "date": f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} {report_year}",
        "p1": p1,
        "p2": p2,
        "p3": p3,
        "p4": p4,
    }
    return facts


# ------------------------------------------------------------------------------ genres
# Each writes one document from the facts and some filler sentences (already filled in),
# and states every fact RAG_QUESTIONS can ask about.


def _news(rng: random.Random, f: dict[str, str], fill: list[str]) -> str:
    founder, town, issue, count, director, plan, budget = (s.format(**f) for s in tb.NEWS_FACTS)
    quote = rng.choice(tb.NEWS_QUOTES).format(**f)
    a, b, c = _split(rng, fill, 3)
    body = [count, director, quote, founder, town, *a, issue, *b, budget, plan, *c]
    text = f"{f['town'].upper()} - " + _paragraphs(rng, body)
    if rng.random() < 0.6:
        text = rng.choice(tb.NEWS_HEADLINES).format(**f) + "\n\n" + text
    return text


def _report(rng: random.Random, f: dict[str, str], fill: list[str]) -> str:
    line = {k: v.format(**f) for k, v in tb.REPORT_LINES.items()}
    who, year, challenges, leadership, ahead = tb.REPORT_HEADINGS
    a, b, c = _split(rng, fill, 3)
    return "\n\n".join(
        [
            line["title"],
            who,
            " ".join([line["who"], *a]),
            year,
            "\n".join([line["count"], line["budget"], line["people"]]),
            challenges,
            " ".join([line["issue"], *b]),
            leadership,
            line["director"],
            ahead,
            " ".join([line["plan"], *c]),
        ]
    )


def _minutes(rng: random.Random, f: dict[str, str], fill: list[str]) -> str:
    lines = [s.format(**f) for s in tb.MINUTES_LINES]
    figures, risks, other = (
        next(i for i, s in enumerate(lines) if s.startswith(f"{k}. ")) for k in (2, 3, 6)
    )
    a, b, c = _split(rng, fill, 3)
    lines[figures] = " ".join([lines[figures], *a])
    lines[risks] = " ".join([lines[risks], *b])
    lines[other] = " ".join([lines[other], *c]) if c else lines[other] + " None."
    return "\n".join(lines[:4]) + "\n\n" + "\n\n".join(lines[4:])


def _interview(rng: random.Random, f: dict[str, str], fill: list[str]) -> str:
    asker, answerer = rng.choice([("Interviewer", f["director_last"]), ("Q", "A")])
    parts = [tb.INTERVIEW_INTRO.format(**f)]
    extra = _split(rng, fill, len(tb.INTERVIEW_TURNS))
    for (question, answer), more in zip(tb.INTERVIEW_TURNS, extra, strict=True):
        parts.append(f"{asker}: {question}\n{answerer}: " + " ".join([answer.format(**f), *more]))
    return "\n\n".join(parts)


def _encyclopedia(rng: random.Random, f: dict[str, str], fill: list[str]) -> str:
    kind, founded, led, issue, count, budget, plan = (s.format(**f) for s in tb.ENCYCLOPEDIA_FACTS)
    a, b = _split(rng, fill, 2)
    return "\n\n".join(
        [
            f["Name"],
            " ".join([kind, founded, led]),
            "History",
            _paragraphs(rng, [*a, issue], 2, 5),
            "Activities",
            _paragraphs(rng, [count, budget, *b, plan], 2, 5),
        ]
    )


def _email(rng: random.Random, f: dict[str, str], fill: list[str]) -> str:
    line = {k: v.format(**f) for k, v in tb.EMAIL_LINES.items()}
    a, b = _split(rng, fill, 2)
    body = [
        line["history"] + " " + line["count"],
        " ".join([line["budget"], *a]),
        " ".join([line["issue"], *b]),
        line["plan"],
    ]
    return "\n\n".join([line["subject"], line["greeting"], *body, line["sign"]])


def _blog(rng: random.Random, f: dict[str, str], fill: list[str]) -> str:
    opening, history, director, count, budget, issue, plan = (s.format(**f) for s in tb.BLOG_LINES)
    a, b = _split(rng, fill, 2)
    return _paragraphs(rng, [opening, history, director, *a, count, budget, issue, *b, plan], 2, 4)


GENRES: list[Genre] = [_news, _report, _minutes, _interview, _encyclopedia, _email, _blog]
PROSE: list[Genre] = [_news, _encyclopedia, _blog]  # the genres retrieved snippets are drawn from


def _document(
    rng: random.Random, genre: Genre, fillers: int, topic: tb.Topic | None = None
) -> tuple[str, dict[str, str]]:
    """One document of ``genre`` about ``topic`` (a random one if None), with ``fillers`` filler sentences."""
    facts = _facts(rng, topic or rng.choice(tb.TOPICS))
    # Each filler its own numbers, so that one document does not repeat a year or a count.
    fill = []
    for sentence in rng.sample(tb.FILLER, fillers):
        numbers = {"year2": rng.randint(int(facts["year"]) + 1, 2023), "small": rng.randint(2, 9)}
        fill.append(sentence.format(**{**facts, **numbers, "n2": rng.randint(30, 400)}))
    return genre(rng, facts, fill), facts


# ------------------------------------------------------------------------------ groups


def _translation(rng: random.Random, i: int) -> str:
    lang = tb.SOURCE_CYCLE[i % len(tb.SOURCE_CYCLE)]
    if lang == "English":
        target = rng.choice(tb.TARGETS)
    elif rng.random() < 0.15:
        target = rng.choice([t for t in tb.TARGETS if t != lang])
    else:
        target = "English"
    form = rng.random()
    if form < 0.15:
        bullet = rng.choice(["- ", "* ", ""])
        lines = "\n".join(bullet + s for s in rng.sample(tb.SENTENCES[lang], rng.randint(2, 4)))
        return rng.choice(tb.TRANSLATE_LIST_ASKS).format(lines=lines, lang=lang, target=target)
    s = rng.choice(tb.MESSAGES[lang]) if form < 0.4 else rng.choice(tb.SENTENCES[lang])
    asks = list(tb.TRANSLATE_ASKS)
    if lang == "English":
        asks += tb.TRANSLATE_FROM_ENGLISH_ASKS * 2
    elif target == "English":
        asks += tb.TRANSLATE_TO_ENGLISH_ASKS
    return rng.choice(asks).format(s=s, lang=lang, target=target, relation=rng.choice(tb.RELATIONS))


def _summarization(rng: random.Random) -> str:
    document, _ = _document(rng, rng.choice(GENRES), rng.randint(8, 20))
    asks = tb.SUMMARY_BEFORE if rng.random() < 0.55 else tb.SUMMARY_AFTER
    return rng.choice(asks).format(p=document)


def _rag(rng: random.Random) -> str:
    fact = rng.choice(list(tb.RAG_QUESTIONS))
    if rng.random() < 0.2:  # several retrieved snippets, one about the organisation asked after
        gold, other, other2 = rng.sample(tb.TOPICS, 3)
        docs = [_document(rng, rng.choice(PROSE), rng.randint(0, 3), t) for t in (gold, other, other2)]
        facts = docs[0][1]
        texts = [d for d, _ in docs]
        rng.shuffle(texts)
        q = rng.choice(tb.RAG_QUESTIONS[fact]).format(**facts)
        joined = "\n\n".join(f"[{k}] {d}" for k, d in enumerate(texts, 1))
        return rng.choice(tb.RAG_MULTI_ASKS).format(docs=joined, q=q)
    document, facts = _document(rng, rng.choice(GENRES), rng.randint(3, 14))
    q = rng.choice(tb.RAG_QUESTIONS[fact]).format(**facts)
    return rng.choice(tb.RAG_ASKS).format(p=document, q=q, ql=q[0].lower() + q[1:])


def _qa(rng: random.Random) -> str:
    template, fills = rng.choice(tb.QA)
    q = template.format(x=rng.choice(fills))
    return rng.choice(tb.QA_FRAMES).format(q=q, Q=_cap(q))


def _math(rng: random.Random) -> str:
    template, draw = rng.choice(tb.MATH)
    n1, n2 = rng.sample(tb.MATH_NAMES, 2)
    problem = template.format(n1=n1, n2=n2, **draw(rng))
    return rng.choice(tb.MATH_FRAMES).format(t=problem) + rng.choice(tb.MATH_SUFFIX)


def _mt_bench(rng: random.Random) -> str:
    """An open task, or a multi-turn chat as the router sees it: the turns' texts in one prompt, undressed."""
    if rng.random() < 0.12:
        opener, reply, followups = rng.choice(tb.CHATS)
        return rng.choice(tb.CHAT_LAYOUTS).format(a=opener, b=reply, c=rng.choice(followups))
    template, fills = rng.choice(tb.MT)
    return _dress(rng, template.format(**{k: rng.choice(v) for k, v in fills.items()}))


def _dress(rng: random.Random, prompt: str) -> str:
    """Now and then a system-prompt preamble or instruction format around the prompt, and a closing line."""
    if rng.random() < 0.1:
        prompt += rng.choice(tb.SUFFIXES)
    if rng.random() < 0.12:
        prompt = rng.choice(tb.PREAMBLES).format(x=prompt)
    return prompt


# ------------------------------------------------------------------------------ out of distribution


def _traceback(rng: random.Random) -> str:
    mods = ["billing/invoice", "api/handlers", "core/cache", "jobs/export", "utils/dates"]
    funcs = ["render_pdf", "get_user", "refresh", "run", "parse_window", "handle"]
    frames = [
        f'  File "/srv/app/{rng.choice(mods)}.py", line {rng.randint(12, 900)}, in {rng.choice(funcs)}\n'
        f"    {rng.choice(['result = self._load(key)', 'return fn(*args, **kwargs)', 'row = rows[idx]'])}"
        for _ in range(rng.randint(2, 6))
    ]
    error = rng.choice(
        [
            "KeyError: 'customer_id'",
            "IndexError: list index out of range",
            "TypeError: unsupported operand type(s) for +: 'int' and 'NoneType'",
            "ConnectionResetError: [Errno 104] Connection reset by peer",
        ]
    )
    return "Traceback (most recent call last):\n" + "\n".join(frames) + "\n" + error


def _java_trace(rng: random.Random) -> str:
    classes = ["OrderService", "PaymentGateway", "InventoryRepository", "ReportScheduler", "TokenFilter"]
    head = rng.choice(
        [
            'Exception in thread "main" java.lang.NullPointerException',
            "java.lang.IllegalStateException: Connection pool exhausted",
            "java.util.ConcurrentModificationException",
        ]
    )
    frames = [
        f"\tat com.acme.{c.lower()}.{c}.{rng.choice(['process', 'load', 'apply', 'doFilter'])}({c}.java:"
        f"{rng.randint(20, 640)})"
        for c in (rng.choice(classes) for _ in range(rng.randint(3, 9)))
    ]
    return "\n".join([head, *frames, f"\t... {rng.randint(5, 60)} more"])


def _access_log(rng: random.Random) -> str:
    paths = ["/", "/login", "/api/v2/orders", "/static/app.js", "/favicon.ico", "/search?q=", "/health"]
    agents = ["Mozilla/5.0 (X11; Linux x86_64)", "curl/8.4.0", "python-requests/2.31", "Googlebot/2.1"]
    return "\n".join(
        f"198.51.100.{rng.randint(1, 254)} - - [{rng.randint(10, 28)}/Feb/2026:{rng.randint(10, 23)}:"
        f"{rng.randint(10, 59)}:{rng.randint(10, 59)} +0100] "
        f'"{rng.choice(["GET", "GET", "POST", "HEAD"])} {rng.choice(paths)} HTTP/1.1" '
        f'{rng.choice([200, 200, 200, 301, 404, 500])} {rng.randint(0, 48000)} "-" "{rng.choice(agents)}"'
        for _ in range(rng.randint(4, 14))
    )


def _sql_dump(rng: random.Random) -> str:
    cities = ["Lyon", "Osaka", "Denver", "Gent", "Perth", "Recife"]
    rows = [
        f"({k},'PKG-{rng.randint(10000, 99999)}','{rng.choice(cities)}',{rng.uniform(0.2, 30):.2f},"
        f"'2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}')"
        for k in range(1, rng.randint(4, 16))
    ]
    return (
        "-- Dump completed\nLOCK TABLES `parcels` WRITE;\n"
        "INSERT INTO `parcels` VALUES " + ",".join(rows) + ";\nUNLOCK TABLES;"
    )


def _pem(rng: random.Random) -> str:
    raw = base64.b64encode(rng.randbytes(rng.randint(300, 900))).decode()
    body = "\n".join(raw[k : k + 64] for k in range(0, len(raw), 64))
    label = rng.choice(["CERTIFICATE", "PUBLIC KEY", "RSA PRIVATE KEY"])
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----"


def _yaml(rng: random.Random) -> str:
    return "\n".join(
        [
            "services:",
            f"  {rng.choice(['web', 'worker', 'scheduler'])}:",
            f"    image: registry.local/{rng.choice(['shop', 'crm', 'wiki'])}:{rng.randint(1, 9)}."
            f"{rng.randint(0, 20)}",
            f"    replicas: {rng.randint(1, 6)}",
            "    env:",
            f"      LOG_LEVEL: {rng.choice(['debug', 'info', 'warn'])}",
            f"      POOL_SIZE: {rng.randint(2, 64)}",
            "    ports:",
            f'      - "{rng.randint(3000, 9000)}:80"',
        ][: rng.randint(5, 9)]
    )


def _markup(rng: random.Random) -> str:
    items = rng.sample(["Walnut desk lamp", "Linen apron", "Enamel mug", "Canvas tote", "Cork board"], 3)
    cards = []
    for name in items[: rng.randint(1, 3)]:
        price = f"{rng.randint(9, 89)}.{rng.choice(['00', '50', '99'])}"
        cards.append(
            f'  <li class="card"><h3>{name}</h3><span class="price">{price}</span>'
            f'<button data-sku="{rng.randint(1000, 9999)}">Add</button></li>'
        )
    return '<ul class="grid">\n' + "\n".join(cards) + "\n</ul>"


def _list_without_request(rng: random.Random) -> str:
    things = [
        "oat milk",
        "2 lemons",
        "bin bags",
        "AA batteries",
        "rice (5kg)",
        "dog food",
        "sunscreen",
        "phone charger",
        "passport!!",
        "birthday card for Jo",
        "lightbulbs E27",
        "coffee filters",
    ]
    bullet = rng.choice(["- ", "* ", "[ ] ", ""])
    head = rng.choice(["", "shopping\n", "todo sat\n", "packing:\n"])
    return head + "\n".join(bullet + t for t in rng.sample(things, rng.randint(3, 9)))


def _noise(rng: random.Random) -> str:
    pool = string.ascii_lowercase + ";';[]/.,!?" + "😂🙃✨🔥"
    return " ".join(
        "".join(rng.choice(pool) for _ in range(rng.randint(1, 10))) for _ in range(rng.randint(4, 30))
    )


def _price_csv(rng: random.Random) -> str:
    rows = []
    for _ in range(rng.randint(4, 15)):
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        opening = rng.uniform(5, 300)
        close = opening * rng.uniform(0.95, 1.05)
        ticker = rng.choice(["KRZ", "VLTA", "NMB", "OPQ"])
        # European CSV: decimal commas, semicolon separators.
        rows.append(f"{day};{ticker};{opening:.2f};{close:.2f};{rng.randint(1000, 900000)}".replace(".", ","))
    return "\n".join(["date;ticker;open;close;volume", *rows])


OOD_KINDS: list[Callable[[random.Random], str]] = [
    _traceback,
    _java_trace,
    _access_log,
    _sql_dump,
    _pem,
    _yaml,
    _markup,
    _list_without_request,
    _noise,
    _price_csv,
]


def generate_test(per_group: int, ood: int, seed: int = TEST_SEED) -> list[dict[str, str]]:
    """The test set's labelled prompts: ``per_group`` of each of the six groups, then ``ood`` others.

    A prompt drawn twice is drawn again, so that no prompt counts twice in a group's accuracy.
    """
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(group: str, draw: Callable[[], str], dress: bool = True) -> None:
        for _ in range(100):
            prompt = _dress(rng, draw()) if dress else draw()
            if prompt not in seen:
                break
        else:
            raise RuntimeError(f"group {group}: 100 draws in a row repeated earlier prompts; add templates")
        seen.add(prompt)
        n = sum(r["group"] == group for r in rows)
        rows.append({"custom_id": f"{group}-{n:03d}", "group": group, "prompt": prompt})

    for i in range(per_group):
        add("translation", partial(_translation, rng, i))
    for group, draw in (
        ("summarization", _summarization),
        ("qa", _qa),
        ("math_reasoning", _math),
        ("rag", _rag),
        ("mt_bench", _mt_bench),
    ):
        for _ in range(per_group):
            add(group, partial(draw, rng), dress=group != "mt_bench")  # _mt_bench dresses its own
    for i in range(ood):
        add("ood", partial(OOD_KINDS[i % len(OOD_KINDS)], rng), dress=False)
    return rows
