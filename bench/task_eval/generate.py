"""Generate the routing evaluation set: Spec-Bench's six task kinds, other topics, other phrasings.

    python -m bench.task_eval.generate            # rewrites bench/task_eval/prompts.jsonl
    python -m bench.task_eval.generate --set test # the held-out test set (bench/task_eval/test_set.py)
    python -m bench.task_eval.generate --set final # the hand-written final set (final_bank.py)
    python -m bench.task_eval.generate --set blind # the hand-written blind set (blind_bank.py)
    python -m bench.task_eval.generate --set holdout # the hand-written holdout set (holdout_bank.py)
    python -m bench.task_eval.generate --set fresh # the hand-written fresh set (fresh_bank.py)

Deterministic (one seeded ``random.Random``): templates and topic word lists written for
this file, apart from Spec-Bench (no Spec-Bench prompt, passage or topic list was copied;
the passages are assembled from the sentence templates below). It is generated, not
human-written: the phrasings are as varied as these templates, no more. Six groups of
100 prompts, as Spec-Bench names them (translation, summarization, qa, math_reasoning,
rag, mt_bench), plus 60 out-of-distribution prompts (group ``ood``: data dumps, logs,
noise and text with no request at all) that no sub-task should claim. Used only to
evaluate routing (``specq bench tasks --eval``), never to train a router.
"""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.task_eval.bank import Bank
from bench.task_eval.blind_bank import BLIND_OUT, write_blind
from bench.task_eval.dev_bank import DEV_BANK, DEV_OUT, DEV_SEED
from bench.task_eval.final_bank import FINAL_OUT, write_final
from bench.task_eval.fresh_bank import FRESH_OUT, write_fresh
from bench.task_eval.hand_written import write_rows
from bench.task_eval.holdout_bank import HOLDOUT_OUT, write_holdout
from bench.task_eval.test_set import TEST_OUT, TEST_SEED, generate_test

OUT = Path(__file__).with_name("prompts.jsonl")
PER_GROUP = 100
OOD = 60
SEED = 20261201

# ------------------------------------------------------------------------------ translation

DE_SUBJ = [
    "Die Ärztin",
    "Unser Bürgermeister",
    "Der Fischer",
    "Die Studentin",
    "Mein Großvater",
    "Die Firma",
    "Der Gärtner",
    "Die Feuerwehr",
    "Das Orchester",
    "Die Bäuerin",
    "Der Pilot",
    "Die Regierung",
]
DE_VERB = ["repariert", "besucht", "verkauft", "beobachtet", "plant", "beschreibt", "erklärt", "öffnet"]
DE_OBJ = [
    "die alte Mühle",
    "ein neues Krankenhaus",
    "den Wochenmarkt",
    "die Brücke über den Fluss",
    "eine kleine Bibliothek",
    "das Fußballstadion",
    "den Bahnhof",
    "die Windräder am Deich",
]
DE_TAIL = [
    "trotz des starken Regens",
    "seit drei Jahren",
    "jeden Sonntag im Sommer",
    "nach langer Diskussion",
    "gemeinsam mit den Nachbarn",
    "zum ersten Mal seit dem Krieg",
    "ohne staatliche Hilfe",
]
FR_SUBJ = ["Le boulanger", "La maire", "Mon voisin", "Les étudiants", "La chanteuse", "Le médecin"]
FR_VERB = ["ouvre", "visite", "répare", "vend", "décrit", "prépare"]
FR_OBJ = ["une nouvelle école", "le vieux marché", "la gare centrale", "un petit jardin", "le musée d'art"]
FR_TAIL = ["chaque matin", "depuis l'hiver dernier", "malgré la grève", "avec beaucoup de patience"]
ES_SUBJ = ["La profesora", "El alcalde", "Mi hermana", "Los vecinos", "El cocinero", "La empresa"]
ES_VERB = ["construye", "visita", "vende", "explica", "limpia", "organiza"]
ES_OBJ = ["un puente nuevo", "la plaza mayor", "el mercado de flores", "una biblioteca pública"]
ES_TAIL = ["cada domingo", "desde hace dos años", "a pesar de la lluvia", "con ayuda del pueblo"]
TRANSLATE_ASKS = [
    "Translate into English: {s}",
    "Please translate the following {lang} sentence into English.\n{s}",
    "{lang} to English: {s}",
    "What is the English translation of this sentence? {s}",
    'Translate this from {lang}: "{s}"',
    "Could you render this {lang} text in English for me?\n\n{s}",
    "English translation, please: {s}",
    "{s}\nTranslate the sentence above into English.",
    "Translate {lang} -> English: {s}",
    "I need this in English: {s}",
]

# ------------------------------------------------------------------------------ shared topics

TOPICS = [
    ("a regional water utility", "the reservoir", "drought", "engineers"),
    ("a volcanic island", "the crater", "eruption", "geologists"),
    ("a medieval monastery", "the library", "manuscripts", "monks"),
    ("a small robotics startup", "the warehouse", "automation", "investors"),
    ("a coral reef reserve", "the lagoon", "bleaching", "divers"),
    ("a mountain railway", "the tunnel", "avalanches", "conductors"),
    ("a public chess club", "the tournament hall", "openings", "grandmasters"),
    ("an apple orchard cooperative", "the cider press", "frost", "growers"),
    ("a jazz festival", "the main stage", "improvisation", "saxophonists"),
    ("a lighthouse on the coast", "the lamp room", "storms", "keepers"),
    ("a city bicycle program", "the docking stations", "congestion", "commuters"),
    ("a glacier research station", "the ice core lab", "melting", "climatologists"),
    ("a textile mill", "the dye house", "cotton", "weavers"),
    ("a children's hospital", "the new wing", "vaccination", "nurses"),
    ("an amateur astronomy society", "the observatory", "comets", "stargazers"),
    ("a high-speed ferry line", "the harbor", "fuel costs", "captains"),
]
PLACES = [
    "Valparaíso",
    "Tromsø",
    "Tasmania",
    "Kraków",
    "Hokkaido",
    "Nairobi",
    "Patagonia",
    "Quebec",
    "Sardinia",
    "Manitoba",
    "Kerala",
    "the Faroe Islands",
    "Ljubljana",
    "Oaxaca",
]
PEOPLE = [
    "Ingrid Halvorsen",
    "Tomasz Nowak",
    "Amara Okafor",
    "Luis Ferreira",
    "Mei Tanaka",
    "Priya Raman",
    "Jonas Lindqvist",
    "Fatima Benali",
    "Oskar Brandt",
    "Elena Marchetti",
]
YEARS = list(range(1871, 2024, 7))

PASSAGE_SENTENCES = [
    "{Org} in {place} was founded in {year} by {person}, who had studied {thing} for many years.",
    "In its first decade, {org} struggled with {problem} and came close to closing twice.",
    "Today {place_obj} is visited by thousands of people every year, most of them in late summer.",
    "According to {person}, the hardest part was convincing local officials that {thing} mattered.",
    "{Group} from several countries now work at {place_obj}, sharing data on {problem}.",
    "A report published in {year2} found that {problem} had cost the region about {num} million dollars.",
    "The organization relies on volunteers, donations and a small grant from the provincial government.",
    "Critics argue that the money would be better spent elsewhere, but supporters point to rising "
    "visitor numbers.",
    "In {year2}, a fire damaged part of {place_obj}, and repairs took nearly {small} years.",
    "{Person_last} later wrote that the project taught her more about people than about {thing}.",
    "The site was added to a national heritage list in {year2}, which brought new rules and new funding.",
    "Local schools organize trips there, and many students say it was the first time they "
    "understood {problem}.",
    "Measurements taken over {small} decades show a slow but steady change that worries {group}.",
    "A documentary about {org} won a regional award and doubled the number of applications for "
    "volunteer posts.",
    "Not everyone agrees on what should happen next: some want expansion, others want to keep it small.",
    "The current director, appointed in {year2}, has promised to publish all of the collected data online.",
]


SUMMARY_ASKS_BEFORE = [
    "Summarize the following article in three sentences.\n\n{p}",
    "TL;DR this for me:\n{p}",
    "Give a brief summary of the text below.\n\n{p}",
    "Write a short summary (under 60 words) of this news story:\n\n{p}",
    "Condense the following report into a few bullet points.\n\n{p}",
    "Summary needed. Text:\n{p}",
]
SUMMARY_ASKS_AFTER = [
    "{p}\n\nSummarize the article above.",
    "{p}\n\nCan you sum up the main points of this text?",
    "{p}\n\nTL;DR:",
    "{p}\n\nIn two sentences, what is this article about?",
]
RAG_QUESTIONS = [
    "Who founded {org}?",
    "When was {org} founded?",
    "What problem did {org} struggle with?",
    "Where is {org} located?",
    "who started {org}",
    "In what year was {org} established, and by whom?",
    "What did {person} say was the hardest part?",
]
RAG_ASKS = [
    "{p}\n{q}",
    "{p}\n\n{q}",
    "Context:\n{p}\n\nQuestion: {q}",
    "Use the passage below to answer the question.\n\nPassage: {p}\n\nQuestion: {q}",
    "{p}\n\nBased only on the text above, {ql}",
    "Document:\n{p}\n\nAnswer using the document: {q}",
]

# ------------------------------------------------------------------------------ qa

QA = [
    "who painted the ceiling of the {x}",
    "what is the capital of {country}",
    "when did {country} join the united nations",
    "how many moons does {planet} have",
    "who won the {year} {cup}",
    "what language is spoken in {country}",
    "where is the {river} river",
    "who invented the {invention}",
    "what year did the {invention} come out",
    "how tall is mount {mountain}",
    "who sang {song}",
    "what is the currency of {country}",
    "who was the first president of {country}",
    "when was the {invention} invented",
    "which ocean is {country} next to",
    "who directed the movie {film}",
    "what does {acronym} stand for",
]
COUNTRIES = [
    "Peru",
    "Mongolia",
    "Ghana",
    "Iceland",
    "Vietnam",
    "Uruguay",
    "Nepal",
    "Estonia",
    "Namibia",
    "Laos",
]
PLANETS = ["Neptune", "Mars", "Uranus", "Saturn", "Jupiter"]
CUPS = [
    "cricket world cup",
    "tour de france",
    "stanley cup",
    "davis cup",
    "copa america",
    "world chess championship",
]
RIVERS = ["Mekong", "Orinoco", "Danube", "Zambezi", "Volga", "Murray"]
INVENTIONS = ["telephone", "bicycle", "printing press", "microwave oven", "barcode", "jet engine", "zipper"]
MOUNTAINS = ["Kilimanjaro", "Elbrus", "Aconcagua", "Denali", "Fuji"]
SONGS = ["bohemian rhapsody", "hotel california", "dancing queen", "purple rain", "wonderwall", "hallelujah"]
FILMS = ["jaws", "the godfather", "spirited away", "amelie", "casablanca", "parasite"]
ACRONYMS = ["NASA", "UNESCO", "DNA", "GPS", "HTML", "NATO"]
CHAPELS = ["sistine chapel", "paris opera", "st peter's basilica"]

# ------------------------------------------------------------------------------ math

NAMES = ["Keiko", "Rafael", "Zanele", "Björn", "Lucía", "Omar", "Ines", "Dmitri", "Aisha", "Tobias"]
MATH = [
    "{n1} runs a bakery. She bakes {a} loaves every morning and sells {b} of them before noon. "
    "In the afternoon she sells half of what is left. How many loaves are left at the end of the day?",
    "A bus leaves the depot with {a} passengers. At the first stop {b} get off and {c} get on. "
    "At the second stop twice as many get on as got on at the first stop. How many passengers are "
    "on the bus now?",
    "{n1} saves ${a} each week. After {c} weeks she spends ${b} on a bicycle. How much money does "
    "she have left?",
    "A garden has {a} rows of tulips with {c} tulips in each row. {n1} picks {b} tulips for a bouquet. "
    "How many tulips remain in the garden?",
    "{n1} reads {c} pages on Monday and three times as many on Tuesday. If the book has {a} pages more than "
    "that, how many pages does the book have in total?",
    "A farmer has {a} chickens and {b} cows. How many legs do the animals have altogether?",
    "Tickets to the museum cost ${c} for adults and half price for children. {n1} buys {small} adult tickets "
    "and {small2} child tickets. How much does {n1} pay?",
    "{n1} and {n2} share {a} marbles so that {n2} gets {b} more than {n1}. How many marbles does {n1} get?",
    "A train travels at {c} miles per hour for {small} hours and then at {b} miles per hour for "
    "{small2} hours. "
    "What is the total distance it travels?",
    "A shop sells pencils in packs of {small}. {n1} needs {a} pencils for her class. "
    "How many packs must she buy?",
    "{n1} earns ${c} per hour and works {small} hours a day, {small2} days a week. "
    "How much does {n1} earn in {small} weeks?",
    "A tank holds {a} liters of water. It leaks {small} liters every hour. After {c} hours, "
    "{n2} adds {b} liters. How much water is in the tank now?",
]
MATH_SUFFIX = [
    "",
    "",
    "",
    " Show your work.",
    " Explain your reasoning step by step.",
    " Give the final answer.",
]

# ------------------------------------------------------------------------------ MT-bench style

MT = [
    "Write a short poem about {thing} in the style of a sea shanty.",
    "Draft a polite email to a landlord asking to fix a broken {appliance} before the weekend.",
    "Compose a persuasive speech for a school board meeting arguing for more {subject} classes.",
    "Imagine you are a tour guide in {place}. Welcome a group of tourists and describe what they "
    "will see today.",
    "Act as a career coach. A client wants to switch from {job} to software testing. What advice do "
    "you give?",
    "Pretend you are a medieval knight who has just seen a {invention} for the first time. Describe "
    "your reaction.",
    "Write a Python function that checks whether a string is a palindrome, ignoring spaces and punctuation.",
    "Implement a JavaScript function that debounces another function. Explain how it works.",
    "Write a SQL query that returns the three customers with the highest total order value.",
    "Explain the difference between {concept1} and {concept2} to a high-school student.",
    "Describe how {concept1} works and give one real-world example.",
    "Discuss the causes and consequences of the {event}.",
    "What were the main cultural effects of the {event}? Give at least three.",
    "Extract every person's name and the year mentioned in the following text and return them as JSON: "
    "{person} moved to {place} in {year}, where she met {person2}.",
    "Rewrite the following paragraph so that it sounds more formal: hey, the {appliance} is kinda broken, "
    "can u take a look asap?",
    "Give me five creative names for a {business} and a one-line slogan for each.",
    "Create a weekly training plan for a beginner who wants to run a 10 km race.",
    "Suppose a friend asks you whether it is ethical to {dilemma}. Present both sides and your view.",
    "Write a limerick about a {animal} who wants to become a chef.",
    "Plan a three-day itinerary for {place}, with one museum, one hike and one local dish each day.",
]
MT_FILL = {
    "thing": ["autumn leaves", "a lost umbrella", "the night train", "old photographs", "the printer"],
    "appliance": ["heater", "dishwasher", "washing machine", "window latch"],
    "subject": ["music", "woodworking", "computer science", "financial literacy"],
    "job": ["nursing", "accounting", "retail management", "teaching"],
    "concept1": ["photosynthesis", "inflation", "a vaccine", "compound interest", "plate tectonics"],
    "concept2": ["respiration", "deflation", "an antibiotic", "simple interest", "erosion"],
    "event": ["printing revolution", "Silk Road trade", "invention of the railway", "space race"],
    "business": ["bicycle repair shop", "vegan bakery", "dog-walking service", "board game café"],
    "dilemma": ["read a partner's messages", "lie to protect a friend", "keep a wallet found on the street"],
    "animal": ["penguin", "hedgehog", "giraffe", "octopus"],
}
CHAT_OPENERS = [
    "I've been thinking about learning an instrument.",
    "My team keeps missing deadlines.",
    "I want to start a small vegetable garden on my balcony.",
]
CHAT_REPLIES = [
    "That sounds like a great idea! What would you like to know?",
    "I can help with that. Can you tell me a bit more?",
]
CHAT_FOLLOWUPS = [
    "Which one would you recommend for someone with little free time?",
    "How should I start, concretely, this week?",
    "What mistakes do beginners usually make?",
]

# ------------------------------------------------------------------------------ out of distribution


def _ood(rng: random.Random, i: int) -> str:
    kind = i % 6
    if kind == 0:
        return base64.b64encode(rng.randbytes(rng.randint(60, 300))).decode()
    if kind == 1:
        header = "id,timestamp,sensor,value,status"
        rows = [
            f"{rng.randint(1, 9999)},2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T0{rng.randint(0, 9)}:00,"
            f"s{rng.randint(1, 40)},{rng.uniform(-20, 80):.2f},{rng.choice(['ok', 'warn', 'err'])}"
            for _ in range(rng.randint(5, 20))
        ]
        return "\n".join([header, *rows])
    if kind == 2:
        levels = ["INFO", "WARN", "ERROR", "DEBUG"]
        return "\n".join(
            f"2026-11-{rng.randint(10, 30)} 12:{rng.randint(10, 59)}:{rng.randint(10, 59)} "
            f"{rng.choice(levels)} worker-{rng.randint(1, 8)} pid={rng.randint(100, 9999)} "
            f"latency_ms={rng.randint(1, 900)}"
            for _ in range(rng.randint(4, 15))
        )
    if kind == 3:
        return " ".join(
            "".join(rng.choice("qwrtzpsdfghjklxcvbnm") for _ in range(rng.randint(3, 9)))
            for _ in range(rng.randint(3, 25))
        )
    if kind == 4:
        obj = {
            f"k{j}": rng.choice([rng.randint(0, 999), rng.random(), None, True, "x" * rng.randint(1, 6)])
            for j in range(rng.randint(3, 14))
        }
        return json.dumps(obj)
    return " ".join(str(rng.randint(0, 10 ** rng.randint(1, 6))) for _ in range(rng.randint(5, 60)))


EVAL_BANK = Bank(
    languages={
        "German": (DE_SUBJ, DE_VERB, DE_OBJ, DE_TAIL),
        "French": (FR_SUBJ, FR_VERB, FR_OBJ, FR_TAIL),
        "Spanish": (ES_SUBJ, ES_VERB, ES_OBJ, ES_TAIL),
    },
    language_cycle=["German", "German", "German", "French", "Spanish"],
    translate_asks=TRANSLATE_ASKS,
    topics=TOPICS,
    places=PLACES,
    people=PEOPLE,
    years=YEARS,
    passage_sentences=PASSAGE_SENTENCES,
    summary_before=SUMMARY_ASKS_BEFORE,
    summary_after=SUMMARY_ASKS_AFTER,
    rag_questions=RAG_QUESTIONS,
    rag_asks=RAG_ASKS,
    qa=QA,
    qa_fill={
        "x": CHAPELS,
        "country": COUNTRIES,
        "planet": PLANETS,
        "year": range(1975, 2023),
        "cup": CUPS,
        "river": RIVERS,
        "invention": INVENTIONS,
        "mountain": MOUNTAINS,
        "song": SONGS,
        "film": FILMS,
        "acronym": ACRONYMS,
    },
    math=MATH,
    math_names=NAMES,
    math_suffix=MATH_SUFFIX,
    mt=MT,
    mt_fill=MT_FILL,
    mt_inventions=INVENTIONS,
    chat=(CHAT_OPENERS, CHAT_REPLIES, CHAT_FOLLOWUPS),
    ood=_ood,
)


def _passage(rng: random.Random, bank: Bank, sentences: int) -> tuple[str, dict[str, str]]:
    org, place_obj, problem, group = rng.choice(bank.topics)
    person = rng.choice(bank.people)
    year = rng.choice(bank.years)
    facts = {
        "org": org,
        "Org": org[0].upper() + org[1:],
        "place": rng.choice(bank.places),
        "place_obj": place_obj,
        "problem": problem,
        "thing": problem,
        "group": group,
        "Group": group[0].upper() + group[1:],
        "person": person,
        "Person_last": person.split()[-1],
        "year": str(year),
        "year2": str(min(year + rng.randint(10, 60), 2023)),
        "num": str(rng.randint(3, 400)),
        "small": str(rng.randint(2, 6)),
    }
    first = bank.passage_sentences[0]
    rest = rng.sample(bank.passage_sentences[1:], min(sentences - 1, len(bank.passage_sentences) - 1))
    body = [s.format(**facts) for s in [first, *rest]]
    # Paragraphs of three to five sentences.
    paras, i = [], 0
    while i < len(body):
        n = rng.randint(3, 5)
        paras.append(" ".join(body[i : i + n]))
        i += n
    return "\n\n".join(paras), facts


def _long_passage(rng: random.Random, bank: Bank, target_chars: int) -> tuple[str, dict[str, str]]:
    """Two or three template passages about different topics, as a retrieved or news text would mix."""
    text, facts = _passage(rng, bank, rng.randint(9, 15))
    while len(text) < target_chars:
        more, _ = _passage(rng, bank, rng.randint(6, 12))
        text += "\n\n" + more
    return text, facts


def generate(seed: int = SEED, bank: Bank = EVAL_BANK) -> list[dict[str, str]]:
    """The labelled prompts of one set: ``PER_GROUP`` per group, then ``OOD`` out-of-distribution ones."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []

    def add(group: str, prompt: str) -> None:
        rows.append(
            {
                "custom_id": f"{group}-{sum(r['group'] == group for r in rows):03d}",
                "group": group,
                "prompt": prompt,
            }
        )

    for i in range(PER_GROUP):
        lang = bank.language_cycle[i % len(bank.language_cycle)]
        subj, verb, obj, tail = bank.languages[lang]
        s = f"{rng.choice(subj)} {rng.choice(verb)} {rng.choice(obj)} {rng.choice(tail)}."
        add("translation", rng.choice(bank.translate_asks).format(s=s, lang=lang))
    for i in range(PER_GROUP):
        p, _ = _long_passage(rng, bank, rng.randint(1500, 3500))
        asks = bank.summary_before if i % 3 else bank.summary_after
        add("summarization", rng.choice(asks).format(p=p))
    for _ in range(PER_GROUP):
        template = rng.choice(bank.qa)
        q = template.format(**{k: rng.choice(v) for k, v in bank.qa_fill.items()})
        style = rng.random()
        q = q + "?" if style < 0.6 else (q[0].upper() + q[1:] + "?" if style < 0.85 else q)
        add("qa", q)
    for _ in range(PER_GROUP):
        a, b, c = rng.randint(20, 90), rng.randint(3, 19), rng.randint(4, 30)
        n1, n2 = rng.sample(bank.math_names, 2)
        text = rng.choice(bank.math).format(
            n1=n1, n2=n2, a=a, b=b, c=c, small=rng.randint(2, 6), small2=rng.randint(2, 6)
        )
        add("math_reasoning", text + rng.choice(bank.math_suffix))
    for _ in range(PER_GROUP):
        p, facts = _long_passage(rng, bank, rng.randint(1500, 3500))
        q = rng.choice(bank.rag_questions).format(**facts)
        add("rag", rng.choice(bank.rag_asks).format(p=p, q=q, ql=q[0].lower() + q[1:]))
    openers, replies, followups = bank.chat
    for i in range(PER_GROUP):
        if i % 10 == 9:  # a multi-turn chat, as the router sees it: the turns' texts joined by newlines
            text = "\n".join([rng.choice(openers), rng.choice(replies), rng.choice(followups)])
        else:
            fill = {k: rng.choice(v) for k, v in bank.mt_fill.items()}
            p1, p2 = rng.sample(bank.people, 2)
            template = rng.choice(bank.mt)
            text = template.format(
                **fill,
                place=rng.choice(bank.places),
                invention=rng.choice(bank.mt_inventions),
                person=p1,
                person2=p2,
                year=rng.choice(bank.years),
            )
        add("mt_bench", text)
    for i in range(OOD):
        add("ood", bank.ood(rng, i))
    return rows


# The sets written by hand, not drawn: --set NAME -> (its writer, its shipped file).
HAND_WRITTEN: dict[str, tuple[Callable[[Path], list[dict[str, str]]], Path]] = {
    "final": (write_final, FINAL_OUT),
    "blind": (write_blind, BLIND_OUT),
    "holdout": (write_holdout, HOLDOUT_OUT),
    "fresh": (write_fresh, FRESH_OUT),
}


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        choices=("eval", "dev", "test", "final", "blind", "holdout", "fresh"),
        default="eval",
        help="eval (prompts.jsonl), dev (dev.jsonl), test (test.jsonl, held out), "
        "final (final.jsonl, hand-written, for one final evaluation) "
        "blind (blind.jsonl, hand-written after final, for one blind evaluation) "
        "holdout (holdout.jsonl, hand-written after blind, for one evaluation) "
        "or fresh (fresh.jsonl, hand-written after holdout, for one evaluation)",
    )
    parser.add_argument("--seed", type=int, default=None, help="default: the set's own seed")
    parser.add_argument("--out", type=Path, default=None, help="default: the set's shipped file")
    args = parser.parse_args(argv)
    if args.set in HAND_WRITTEN:
        if args.seed is not None:
            parser.error(f"--seed does not apply to --set {args.set}: its prompts are written by hand")
        write, default_out = HAND_WRITTEN[args.set]
        out = args.out or default_out
        print(f"wrote {len(write(out))} prompts to {out}")
        return
    if args.set == "test":
        rows = generate_test(PER_GROUP, OOD, args.seed if args.seed is not None else TEST_SEED)
        out = TEST_OUT
    else:
        bank, seed, out = (DEV_BANK, DEV_SEED, DEV_OUT) if args.set == "dev" else (EVAL_BANK, SEED, OUT)
        rows = generate(args.seed if args.seed is not None else seed, bank)
    out = args.out or out
    print(f"wrote {len(write_rows(rows, out))} prompts to {out}")


if __name__ == "__main__":
    main()
