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
