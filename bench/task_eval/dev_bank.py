"""The development set's templates: the six task kinds again, in phrasings and topics of their own.

    python -m bench.task_eval.generate --set dev      # rewrites bench/task_eval/dev.jsonl

Router design choices (features, thresholds, the slow path's margin) are made on this set,
never on the evaluation set (``prompts.jsonl``). Every template and word list here was
written apart from the evaluation set's: the same six kinds of request, asked in other
words, in other positions, about other topics, with two source languages the evaluation
set does not have (Italian, Dutch), so a choice that only fits the evaluation set's
phrasings cannot be made here. No Spec-Bench prompt, passage or topic list was copied.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

from bench.task_eval.bank import Bank

DEV_OUT = Path(__file__).with_name("dev.jsonl")
DEV_SEED = 7031

LANGUAGES = {
    "German": (
        ["Meine Schwester", "Der Lehrer", "Die Nachbarin", "Ein alter Mann", "Die Stadtverwaltung"],
        ["kauft", "baut", "malt", "findet", "zeigt", "sucht"],
        ["einen roten Mantel", "das Gartenhaus", "ein Bild vom See", "die verlorenen Schlüssel"],
        ["am frühen Morgen", "vor dem Abendessen", "im nächsten Frühjahr", "ohne jede Eile"],
    ),
    "French": (
        ["Ma tante", "Le facteur", "Les enfants du village", "Notre professeur"],
        ["cherche", "achète", "dessine", "nettoie", "attend"],
        ["un vélo bleu", "la lettre de sa mère", "les fleurs du balcon", "un billet de train"],
        ["tous les jours", "avant la nuit", "pendant les vacances", "sans rien dire"],
    ),
    "Spanish": (
        ["Mi abuelo", "La doctora", "Nuestros amigos", "El panadero"],
        ["pinta", "compra", "encuentra", "prepara", "cuida"],
        ["la casa de la playa", "un pastel de manzana", "los libros viejos", "el jardín del colegio"],
        ["por la mañana", "después de la cena", "todos los veranos", "sin ayuda"],
    ),
    "Italian": (
        ["La nonna", "Il sindaco", "I ragazzi", "Mio fratello"],
        ["prepara", "compra", "dipinge", "ripara", "visita"],
        ["una torta al limone", "la vecchia fontana", "il ponte sul fiume", "un regalo per la mamma"],
        ["ogni domenica", "prima di cena", "con molta calma", "durante l'estate"],
    ),
    "Dutch": (
        ["De bakker", "Mijn moeder", "Het meisje", "Onze buren"],
        ["verkoopt", "schildert", "zoekt", "repareert", "bezoekt"],
        ["de oude molen", "een nieuwe fiets", "het huis aan de gracht", "de tuin achter de school"],
        ["elke ochtend", "na het werk", "in de zomer", "zonder hulp"],
    ),
}
LANGUAGE_CYCLE = ["German", "French", "Spanish", "German", "Italian", "German", "Spanish", "Dutch"]
TRANSLATE_ASKS = [
    "Can you translate this into English? {s}",
    "How would you say this in English: {s}",
    "{s}\n\nWhat does this mean in English?",
    "Translate the text below to English.\n\n{s}",
    "Render in English: {s}",
    "Give me an English version of the following {lang} sentence: {s}",
    "{lang} sentence: {s}\nEnglish translation:",
    "Please provide an English translation.\n{s}",
    "Translate from {lang} to English:\n{s}",
    "Help me understand this {lang} sentence by translating it: {s}",
    "{s} -- translate to English please",
    "Convert this {lang} into natural English:\n\n{s}",
]

TOPICS = [
    ("a night market in the old town", "the food stalls", "noise complaints", "vendors"),
    ("a seed bank in the highlands", "the cold vault", "power cuts", "botanists"),
    ("a community radio station", "the studio", "shrinking audiences", "presenters"),
    ("a wildlife rescue center", "the bird hospital", "oil spills", "veterinarians"),
    ("a rural bus company", "the depot", "driver shortages", "mechanics"),
    ("a municipal swimming pool", "the diving tower", "rising energy prices", "lifeguards"),
    ("a bookbinding workshop", "the print room", "cheap imports", "apprentices"),
    ("a desert solar farm", "the control building", "sandstorms", "technicians"),
    ("a fishing cooperative", "the ice plant", "overfishing", "skippers"),
    ("a puppet theater", "the rehearsal room", "falling ticket sales", "puppeteers"),
    ("a volunteer fire brigade", "the station", "wildfires", "firefighters"),
    ("a university herbarium", "the drying room", "mold", "curators"),
]
PLACES = [
    "Porto",
    "Gdańsk",
    "Tbilisi",
    "Cusco",
    "Dunedin",
    "Halifax",
    "Galway",
    "Zanzibar",
    "Bergen",
    "Izmir",
]
PEOPLE = [
    "Hana Kowalczyk",
    "Diego Almeida",
    "Nadia Haddad",
    "Viktor Sørensen",
    "Chiara Romano",
    "Kwame Mensah",
    "Aiko Yamamoto",
    "Paul Dubois",
]
YEARS = list(range(1888, 2020, 9))
PASSAGE_SENTENCES = [
    "{Org} near {place} opened in {year}, when {person} persuaded the town council to lend it an empty "
    "building.",
    "For years the biggest worry was {problem}, which at one point halved the number of visitors.",
    "{Group} say that {place_obj} is the heart of the whole operation.",
    "Funding comes mostly from membership fees, with occasional help from a national foundation.",
    "In {year2} a flood closed {place_obj} for {small} months and destroyed much of the equipment.",
    "{Person_last} stepped down in {year2} and handed the project to a committee of {group}.",
    "A survey of residents found that {num} percent had used the service at least once.",
    "Newspapers covered the story widely after a television crew spent a week at {place_obj}.",
    "Some neighbours object to the traffic it brings, and a petition against expansion gathered signatures.",
    "The organizers now train {group} from other regions who want to copy the model.",
    "Every spring there is an open day with guided tours of {place_obj}.",
    "Experts warn that {problem} will get worse over the next {small} decades unless more is invested.",
    "The annual budget is roughly {num} thousand dollars, less than a single new delivery van.",
    "Old photographs of {place_obj} were collected into a small exhibition in {year2}.",
    "{Person_last} still visits every week and keeps a handwritten diary of what has changed.",
    "The next plan is to add a second site on the other side of {place}.",
]
SUMMARY_BEFORE = [
    "Please summarize this passage:\n\n{p}",
    "Provide a one-paragraph summary of the following text.\n\n{p}",
    "Sum up this article in a few lines:\n{p}",
    "Write an abstract for the following text.\n\n{p}",
    "What are the key points of the following article?\n\n{p}",
    "Briefly recap the story below.\n\n{p}",
    "I don't have time to read all of this. Give me the short version:\n\n{p}",
]
SUMMARY_AFTER = [
    "{p}\n\nPlease give me a short summary.",
    "{p}\n\nWhat's the gist of this?",
    "{p}\n\nSummarize in one sentence.",
    "{p}\n\nBoil this down to three bullet points.",
    "{p}\n\nWrite a headline and a two-line summary for the story above.",
    "{p}\n\nSummary:",
]
RAG_QUESTIONS = [
    "Who persuaded the town council?",
    "In which year did {org} open?",
    "What was the biggest worry for {org}?",
    "Who took over after {person} stepped down",
    "what damaged {place_obj}",
    "Which city is {org} close to?",
    "How is {org} funded?",
]
RAG_ASKS = [
    "{p}\n\nAccording to the passage, {ql}",
    "Read the following text and answer the question at the end.\n\n{p}\n\n{q}",
    "Passage:\n{p}\nQ: {q}\nA:",
    "{p}\n\nQ: {q}",
    "Answer the question using only the information in this article.\nArticle: {p}\nQuestion: {q}",
    "{p}\n\nFrom the text: {ql}",
    "Here is some background.\n\n{p}\n\nNow tell me: {ql}",
]
QA = [
    "who wrote the novel {book}",
    "what is the largest city in {country}",
    "how long is the {river} river",
    "what is the chemical symbol for {element}",
    "who discovered {discovery}",
    "how many players are on a {sport} team",
    "when did {country} become independent",
    "what is the national animal of {country}",
    "which country hosted the {games}",
    "who composed {music}",
    "what is the boiling point of {element}",
    "in which continent is {country}",
    "who was the lead singer of {band}",
]
QA_FILL: dict[str, list[str]] = {
    "book": ["moby dick", "pride and prejudice", "one hundred years of solitude", "the trial", "dracula"],
    "country": ["Chile", "Kenya", "Finland", "Malaysia", "Portugal", "Bolivia", "Croatia", "Bhutan"],
    "river": ["Amazon", "Rhine", "Nile", "Yangtze", "Mississippi"],
    "element": ["gold", "mercury", "nitrogen", "tungsten", "helium"],
    "discovery": ["penicillin", "radium", "the electron", "insulin", "pulsars"],
    "sport": ["rugby union", "volleyball", "water polo", "baseball", "handball"],
    "games": ["1968 summer olympics", "1994 world cup", "2010 winter olympics", "1982 commonwealth games"],
    "music": ["the four seasons", "the nutcracker", "the planets", "bolero", "the moldau"],
    "band": ["queen", "the doors", "nirvana", "abba", "the police"],
}
MATH = [
    "{n1} buys {small} notebooks at ${c} each and a pen for ${small2}. She pays with a ${a} bill. "
    "How much change does she get?",
    "A library had {a} books. It lent out {b} on Monday and got {small} back on Tuesday. How many books "
    "are in the library now?",
    "There are {a} students in a school trip. Each minibus seats {small2} students. How many minibuses "
    "are needed?",
    "{n1} is {c} years old. Her father is {small} times as old as she is. How old will her father be in "
    "{b} years?",
    "A recipe uses {small} eggs for every {small2} cakes. How many eggs are needed for {a} cakes?",
    "{n1} cycles {c} km on each weekday and twice that on Saturday. How far does {n1} cycle in a week?",
    "A rectangle is {c} cm long and {b} cm wide. What is its perimeter, and what is its area?",
    "{n1} had {a} stickers. She gave a third of them to {n2} and lost {small} more. How many stickers does "
    "she have?",
    "A phone plan costs ${c} a month plus ${small} for every gigabyte above {small2}. {n1} used {b} "
    "gigabytes. What is her bill?",
    "Two pipes fill a pool. One fills {small} liters a minute, the other {small2}. How long do they take "
    "together to fill {a}0 liters?",
]
MATH_NAMES = ["Sofia", "Kenji", "Amina", "Lars", "Priscila", "Yusuf", "Greta", "Ravi"]
MATH_SUFFIX = [
    "",
    "",
    " Think it through before answering.",
    " What is the answer?",
    " Please show each step.",
]
MT = [
    "Write a bedtime story about a {animal} that is afraid of the dark.",
    "Compose a haiku sequence about {season} in {place}.",
    "You are a museum curator. Explain to a visitor why a {artifact} is worth preserving.",
    "Role-play as a job interviewer for a {job} position and ask me your first three questions.",
    "Write a bash script that renames every .txt file in a folder to include today's date.",
    "Write a function in Rust that merges two sorted vectors into one sorted vector.",
    "Fix the bug in this Python code: def mean(xs): return sum(xs) / len(xs) + 1",
    "Explain {concept} using an analogy a ten-year-old would understand.",
    "Compare {concept} and {concept2}: how are they alike and how do they differ?",
    "Argue for and against a four-day work week from the point of view of a {job}.",
    "From the sentence '{person} sold {small} bikes in {place} in {year}', list the person, the number, "
    "the place and the year as a table.",
    "Make this sentence friendlier: 'Your request has been denied due to missing documents.'",
    "Brainstorm ten names for a podcast about {hobby}.",
    "Outline a lesson plan that introduces {concept} to adult learners.",
    "If every {animal} is a mammal and some mammals fly, can we conclude that some {animal}s fly? Explain.",
    "Describe a day in the life of a lighthouse keeper in the year {year}.",
    "What would happen to city traffic if every car were self-driving? Consider at least three effects.",
    "Write a product description for a {gadget} aimed at busy parents.",
]
MT_FILL = {
    "animal": ["fox", "whale", "sparrow", "tortoise", "bat"],
    "season": ["winter", "the rainy season", "early spring", "harvest time"],
    "artifact": ["clay tablet", "medieval map", "typewriter", "woven basket"],
    "job": ["nurse", "data analyst", "barista", "civil engineer"],
    "concept": ["entropy", "supply and demand", "natural selection", "recursion", "opportunity cost"],
    "concept2": ["enthalpy", "price controls", "genetic drift", "iteration", "sunk cost"],
    "hobby": ["birdwatching", "home brewing", "urban sketching", "chess puzzles"],
    "gadget": ["smart lunchbox", "self-folding stroller", "voice-controlled kettle"],
    "small": ["3", "12", "40", "7"],
}
MT_INVENTIONS = ["compass", "steam engine", "telescope"]
CHAT = (
    [
        "I'm planning a birthday party for my daughter.",
        "My laptop has been really slow lately.",
        "I'd like to read more books this year.",
    ],
    ["Happy to help! What do you have in mind so far?", "Sure. What have you tried already?"],
    [
        "Can you give me a checklist I can follow?",
        "What would you do first in my place?",
        "Any tips to keep it cheap?",
    ],
)


def _ood(rng: random.Random, i: int) -> str:
    """Text with no request in it, of other kinds than the evaluation set's."""
    kind = i % 6
    if kind == 0:  # hex dump
        return "\n".join(
            f"{j * 16:08x}  " + " ".join(f"{rng.randrange(256):02x}" for _ in range(16))
            for j in range(rng.randint(3, 12))
        )
    if kind == 1:  # key=value configuration
        keys = ["timeout", "retries", "host", "port", "verbose", "cache_dir", "max_conn", "region"]
        return "\n".join(f"{rng.choice(keys)}={rng.randint(0, 9000)}" for _ in range(rng.randint(4, 14)))
    if kind == 2:  # identifiers
        return " ".join(
            "-".join("".join(rng.choice("0123456789abcdef") for _ in range(n)) for n in (8, 4, 4, 4, 12))
            for _ in range(rng.randint(2, 10))
        )
    if kind == 3:  # a table of numbers
        rows = [
            "| " + " | ".join(f"{rng.uniform(0, 100):.1f}" for _ in range(4)) + " |"
            for _ in range(rng.randint(3, 10))
        ]
        return "| a | b | c | d |\n|---|---|---|---|\n" + "\n".join(rows)
    if kind == 4:  # random tokens with punctuation
        return " ".join(
            "".join(rng.choice(string.ascii_letters + "_#@") for _ in range(rng.randint(2, 8)))
            for _ in range(rng.randint(5, 30))
        )
    return ",".join(f"{rng.uniform(-1, 1):.4f}" for _ in range(rng.randint(8, 80)))


DEV_BANK = Bank(
    languages=LANGUAGES,
    language_cycle=LANGUAGE_CYCLE,
    translate_asks=TRANSLATE_ASKS,
    topics=TOPICS,
    places=PLACES,
    people=PEOPLE,
    years=YEARS,
    passage_sentences=PASSAGE_SENTENCES,
    summary_before=SUMMARY_BEFORE,
    summary_after=SUMMARY_AFTER,
    rag_questions=RAG_QUESTIONS,
    rag_asks=RAG_ASKS,
    qa=QA,
    qa_fill=QA_FILL,
    math=MATH,
    math_names=MATH_NAMES,
    math_suffix=MATH_SUFFIX,
    mt=MT,
    mt_fill=MT_FILL,
    mt_inventions=MT_INVENTIONS,
    chat=CHAT,
    ood=_ood,
)
