"""Request cues of models/tasks/shape.py: what a prompt asks for, wherever and however it asks."""

from __future__ import annotations

import pytest

from models.tasks.shape import shape_tokens

PASSAGE = (
    "The harbour museum opened in 1931 after a long campaign by the fishermen's union. "
    "Its collection of boats grew slowly, and a fire in 1978 destroyed the oldest of them. "
) * 4


def tokens(text: str) -> set[str]:
    return set(shape_tokens(text, text[:100] + " " + text[-100:]).split())


@pytest.mark.parametrize(
    "prompt",
    [
        "Summarize: " + PASSAGE,
        "Please give me the short version of this:\n\n" + PASSAGE,
        PASSAGE + "\n\nWhat's the gist of this?",
        PASSAGE + "\n\nCan you sum it up in two lines?",
        PASSAGE + "\n\nTL;DR:",
        "What are the key points of the following report?\n\n" + PASSAGE,
    ],
)
def test_summary_requests_are_a_cue_before_or_after_the_text(prompt: str) -> None:
    found = tokens(prompt)
    assert "__ask_sum__" in found
    # A question that asks for a summary is not a question about the text.
    assert "__qlong__" not in found


@pytest.mark.parametrize(
    "prompt",
    [
        PASSAGE + "\n\nQ: who campaigned for the museum",
        PASSAGE + "\n\nAccording to the passage, when did the museum open",
        "Passage:\n" + PASSAGE + "\nQ: What destroyed the oldest boats?\nA:",
        PASSAGE + "\nWhen did the museum open?",
    ],
)
def test_a_question_after_a_passage_needs_no_question_mark(prompt: str) -> None:
    found = tokens(prompt)
    assert "__qlong__" in found and "__noq_long__" not in found and "__ask_sum__" not in found


def test_a_passage_that_asks_nothing_at_its_end_is_not_a_question() -> None:
    found = tokens("Summarize the text below.\n\n" + PASSAGE)
    assert "__noq_long__" in found and "__qlong__" not in found


@pytest.mark.parametrize(
    ("prompt", "language"),
    [
        ("How would you say this in English: Mon voisin ouvre le musée d'art chaque matin.", None),
        ("Please provide an English translation.\nLa nonna visita la vecchia fontana ogni domenica.", "it"),
        ("De bakker verkoopt een nieuwe fiets elke ochtend.\n\nWhat does this mean in English?", "nl"),
        ("Translate German to English: Der Hund und die Katze sind nicht im Garten.", "de"),
    ],
)
def test_translation_requests_and_text_in_other_languages(prompt: str, language: str | None) -> None:
    found = tokens(prompt)
    assert "__ask_tr__" in found and "__foreign__" in found
    if language is not None:
        assert f"__lang_{language}__" in found


@pytest.mark.parametrize(
    "prompt",
    [
        "Write a limerick about a penguin who wants to become a chef.",
        "Create a weekly training plan for a beginner who wants to run a race.",
        "Who played the lead in the film and where was it shot?",
        PASSAGE,
    ],
)
def test_english_is_not_marked_foreign_nor_a_translation_request(prompt: str) -> None:
    found = tokens(prompt)
    assert "__foreign__" not in found and "__ask_tr__" not in found


@pytest.mark.parametrize(
    "prompt",
    [
        "Übersetze bitte ins Englische: Der Zug hat heute zwanzig Minuten Verspätung.",
        "Traduisez en anglais, s'il vous plaît : Le marché couvert ouvre à huit heures.",
        "Переведи на английский: Где здесь ближайшая аптека?",
        "请翻译成英文：今天下午我们去图书馆借书。",
        "이 문장을 영어로 번역해 주세요: 내일은 비가 많이 올 거예요.",
        "Czy możesz to przetłumaczyć? Jutro rano jedziemy nad morze.",
    ],
)
def test_translation_requests_in_the_users_own_language(prompt: str) -> None:
    # "Translate" or "English" in the language the request is written in: no English word needed.
    assert "__ask_tr__" in tokens(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Marx and Engels wrote the Communist Manifesto in 1848. What was its central argument?",
        "What is the capital of Angola, and which language is spoken there?",
        "Explain the traditional Japanese tea ceremony in three paragraphs.",
    ],
)
def test_names_that_contain_a_translation_word_are_not_requests(prompt: str) -> None:
    assert "__ask_tr__" not in tokens(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Translate into Korean: The museum is closed on Mondays.",
        "EN -> PL: The lift is out of order today.",
        "Please put this into simplified Chinese: the meeting moved to Thursday.",
        "Het museum is vandaag gesloten wegens onderhoud van de verwarming.\nEnglish please.",
        "Italian?\n\nThe train to the coast leaves every hour from platform two.",
        'Italian please: "The train to the coast leaves every hour from platform two."',
        '"A bolt ma zárva van. Holnap reggel nyolckor nyitunk újra." What does this sign say?',
    ],
)
def test_more_translation_request_forms(prompt: str) -> None:
    assert "__ask_tr__" in tokens(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Explain quantum entanglement in plain English for a twelve-year-old.",
        "What does the word 'serendipity' mean?",  # English, no foreign text: a question
        "Rewrite this function so that it returns -> None instead of a value.",
    ],
)
def test_plain_english_and_meaning_questions_are_not_translation_requests(prompt: str) -> None:
    assert "__ask_tr__" not in tokens(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "Read the report and tell me how much the museum spent on repairs.\n\n" + PASSAGE,
        "Using the article, explain why the oldest boats were lost.\n\n" + PASSAGE,
        "based on this text who paid for the museum\n\n" + PASSAGE,
        "### Context\n" + PASSAGE + "\n\n### Question\nWhen did the museum open?\n\n### Answer",
    ],
)
def test_questions_asked_inside_a_request_are_questions_about_the_passage(prompt: str) -> None:
    found = tokens(prompt)
    assert "__qlong__" in found and "__ask_sum__" not in found


def test_a_sentence_count_after_a_question_is_the_answers_format_not_a_summary_request() -> None:
    asked = tokens(PASSAGE + "\n\nHow many boats did the fire destroy? Answer in one sentence.")
    assert "__qlong__" in asked and "__ask_sum__" not in asked
    summary = tokens(PASSAGE + "\n\nIn two sentences, please.")
    assert "__ask_sum__" in summary and "__qlong__" not in summary


@pytest.mark.parametrize(
    "prompt",
    [
        "Can you cut this down to five lines for the notice board?\n\n" + PASSAGE,
        PASSAGE + "\n\nWhat are the key facts here? Short list please.",
        PASSAGE + "\n\nWhat do I need to know from this, in brief?",
        PASSAGE + "\n\nWrite a short abstract (two sentences) for this piece.",
        "Turn this into a short paragraph for the newsletter:\n\n" + PASSAGE,
        "Zusammenfassung bitte, drei Sätze:\n\n" + PASSAGE,
        "请总结一下这篇文章：\n\n" + PASSAGE,
    ],
)
def test_summary_requests_in_other_words_and_languages(prompt: str) -> None:
    assert "__ask_sum__" in tokens(prompt)


def test_a_question_about_facts_in_a_passage_is_not_a_summary_request() -> None:
    found = tokens(PASSAGE + "\n\nWhen did the harbour museum open, and who campaigned for it?")
    assert "__qlong__" in found and "__ask_sum__" not in found


def test_a_cover_letter_that_highlights_experience_is_not_a_summary_request() -> None:
    # "highlights" asks for a summary only where there is a text to summarize (400+ characters).
    found = tokens("Write a cover letter for a bakery job that highlights my six years in retail.")
    assert "__ask_sum__" not in found
