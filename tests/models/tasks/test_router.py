"""The router's training copies and what they buy: requests routed by their cues, not their wording."""

from __future__ import annotations

import random

from models.tasks import Boilerplate, train_router
from models.tasks.router import training_inputs

# Passages of random words: in a few dozen training prompts, repeated passage sentences would
# teach the classifier their words instead of the requests' cues.
WORDS = {
    "adj": "old new small large quiet busy northern southern wooden stone early late local famous",
    "noun": "harbour museum orchestra hut library ferry village council bridge mill school garden market "
    "station tower farm river valley festival choir theatre workshop bakery chapel archive",
    "verb": "built repaired visited opened closed painted moved sold funded described",
}
ADJ, NOUN, VERB = (WORDS[k].split() for k in ("adj", "noun", "verb"))
DE = [
    "Der Hund schläft im Garten .",
    "Die Kinder spielen am Nachmittag im Park .",
    "Das Wetter ist heute kalt .",
]


def passage(rng: random.Random) -> tuple[str, str]:
    """(a passage of about 700 characters, the place it is about)."""
    place = f"the {rng.choice(ADJ)} {rng.choice(NOUN)}"
    sentences = [f"{place.capitalize()} was founded in {rng.randint(1850, 1990)}."]
    while sum(map(len, sentences)) < 700:
        sentences.append(
            f"The {rng.choice(ADJ)} {rng.choice(NOUN)} {rng.choice(VERB)} the {rng.choice(NOUN)} "
            f"near the {rng.choice(ADJ)} {rng.choice(NOUN)}."
        )
    return " ".join(sentences), place


def corpus(n: int = 20, seed: int = 0) -> tuple[list[str], list[str]]:
    """Spec-Bench's habits: "Summarize:" before the text, a question mark after it, "Translate" first."""
    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        text, place = passage(rng)
        texts.append("Summarize: " + text)
        labels.append("summary")
        texts.append(text + f"\nWhen was {place} founded?")
        labels.append("rag")
        texts.append("Translate German to English: " + rng.choice(DE))
        labels.append("translation")
    return texts, labels


def test_training_copies_mask_the_instruction_but_keep_its_cues() -> None:
    text = "Translate German to English: Die Kinder spielen am Nachmittag im Park ."
    inputs, labels, weights = training_inputs([text], ["translation"], Boilerplate())
    assert len(inputs) == len(labels) == len(weights) == 3
    original, dropped, masked = inputs
    assert original.startswith("Translate German to English:") and "__ask_tr__" in original
    assert "translate" not in dropped.lower() and "__ask_tr__" not in dropped
    # The masked copy: the sentence's words only, the request's shape tokens kept.
    assert "translate" not in masked.split(" __")[0].lower() and "__ask_tr__" in masked


def test_requests_worded_and_placed_unlike_the_training_prompts_are_routed_by_their_cues() -> None:
    texts, labels = corpus()
    router = train_router(texts, labels, seed=0)
    rng = random.Random(99)
    summary, _ = passage(rng)
    rag, place = passage(rng)
    fresh = {
        summary + "\n\nWhat's the gist of this?": "summary",
        "Give me the short version of this text:\n\n" + summary: "summary",
        rag + f"\n\nAccording to the text, when was {place} founded": "rag",
        "How would you say this in English: Le chien dort dans le jardin avec les enfants.": "translation",
        "La nonna visita la vecchia fontana ogni domenica.\n\nWhat does this mean in English?": "translation",
    }
    assert [r.predicted for r in router.route(list(fresh))] == list(fresh.values())


def test_shape_tokens_weigh_shape_weight_times_their_idf() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from models.tasks.router import SHAPE_WEIGHT

    texts, labels = corpus()
    router = train_router(texts, labels, seed=0)
    vectorizer = router.pipeline.steps[0][1]
    plain = TfidfVectorizer(sublinear_tf=True).fit(training_inputs(texts, labels, Boilerplate())[0])
    assert plain.vocabulary_ == vectorizer.vocabulary_
    shape = [c for t, c in vectorizer.vocabulary_.items() if t.startswith("__")]
    words = [c for t, c in vectorizer.vocabulary_.items() if not t.startswith("__")]
    assert shape and words and SHAPE_WEIGHT != 1.0
    assert abs(vectorizer.idf_[shape] - SHAPE_WEIGHT * plain.idf_[shape]).max() < 1e-12
    assert abs(vectorizer.idf_[words] - plain.idf_[words]).max() < 1e-12
    assert router.manifest.shape_weight == SHAPE_WEIGHT


def test_a_translation_request_in_an_unknown_language_is_not_out_of_distribution() -> None:
    texts, labels = corpus()
    router = train_router(texts, labels, seed=0)
    request = "Tolong terjemahkan ke bahasa Inggris: Rapat pagi dipindahkan ke hari Kamis."
    (route,) = router.route([request])
    assert route.known_words < router.manifest.min_known_words  # none of its words were seen
    assert not route.low_confidence and route.label == "translation"


def test_a_prompt_that_asks_for_nothing_needs_a_confident_sub_task() -> None:
    texts, labels = corpus()
    router = train_router(texts, labels, seed=0)
    dump = "\n".join(f"09:12:{s:02d} the harbour museum worker {s} started the ferry" for s in range(12))
    asked = dump + "\n\nSummarize this log."
    (plain, request) = router.route([dump, asked])
    assert not plain.low_confidence and not request.low_confidence  # both score high enough here
    # Raise the bar over both scores: the dump asks for nothing and falls back, the request stays.
    router.manifest.min_score_no_request = max(plain.score, request.score) + 1.0
    (plain, request) = router.route([dump, asked])
    assert plain.low_confidence and plain.label == router.manifest.fallback_label
    assert not request.low_confidence and request.label == request.predicted


def test_a_decisive_cue_names_its_sub_task_whatever_the_words() -> None:
    texts, labels = corpus()
    router = train_router(texts, labels, seed=0)
    assert router.manifest.cue_labels == {"__ask_tr__": "translation"}
    # English source text, words the corpus's summaries and questions use: the cue decides.
    place = "the old harbour museum"
    asks = [
        f"Translate into Spanish: {place.capitalize()} was founded near the river.",
        f"How do I say '{place} opens at noon' in Japanese?",
    ]
    assert [r.label for r in router.route(asks)] == ["translation", "translation"]
    # With a summary request beside it the cue does not decide alone.
    summary, _ = passage(random.Random(3))
    both = "Summarize this (my aunt translated it from German years ago):\n\n" + summary
    (route,) = router.route([both])
    assert route.label == "summary"


def test_no_decisive_cue_without_a_sub_task_that_owns_it() -> None:
    texts, labels = corpus()
    keep = [i for i, label in enumerate(labels) if label != "translation"]
    router = train_router([texts[i] for i in keep], [labels[i] for i in keep], seed=0)
    assert router.manifest.cue_labels == {}
    # A translation request in words the router never saw is out of distribution here.
    (route,) = router.route(["Tolong terjemahkan ke bahasa Inggris: Rapat pagi dipindahkan ke Kamis."])
    assert route.low_confidence
