"""Task shape: structural features of a prompt, computed in microseconds, and generic wrappers stripped.

A prompt's *kind* shows in its form as much as in its words: a one-line question, a
3,000-character passage followed by a question, a passage under "Summarize:", a sentence
in German after "Translate", a word problem full of numbers, a request that starts with
an imperative verb. :func:`shape_tokens` turns these cues into words (``__qlong__``,
``__lang_de__``, ...) that the router's linear model weighs next to the prompt's own
words, so it can route a prompt whose topic it never saw. Request cues say what a prompt
asks for by the meaning of its words, wherever the request stands and however it is worded
(``__ask_sum__``, ``__ask_tr__``; a question without a question mark is still a question;
a short sentence in any other language is still foreign), so it can route a request
phrased unlike any it was trained on.

:func:`strip_wrappers` removes text that says nothing about the task and that users add
freely: chat-template markers, a leading system prompt ("You are a helpful assistant."),
courtesy suffixes ("Answer concisely."). Routing must not change when they come and go.
"""

from __future__ import annotations

import math
import re

# Chat-template tokens; the text between them is the user's.
_TEMPLATE_TOKENS = re.compile(
    r"<\|im_start\|>\s*(?:system|user|assistant)?|<\|im_end\|>|<\|(?:begin|end)_of_text\|>|"
    r"<\|start_header_id\|>\s*\w+\s*<\|end_header_id\|>|<\|eot_id\|>|\[/?INST\]|<</?SYS>>|</?s>",
    re.IGNORECASE,
)
# Role lines and role prefixes ("### Instruction:", "User: How do I ..."): the role goes, the turn stays.
_ROLE_LINES = re.compile(
    r"^[ \t]*(?:#{2,3}[ \t]*)?(?:Instruction|Input|Response|User|Human|Assistant|AI|System)"
    r"[ \t]*:?[ \t]*$\n?|"
    r"^[ \t]*(?:User|Human|Assistant|AI|System)[ \t]*:[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)


# Case-sensitive substrings, one of which every role line holds (a fast check before the regex).
def _may_have_roles(text: str) -> bool:
    """A fast check before the role-line expression: every role line holds one of these."""
    return (
        "ser" in text
        or "ssistant" in text
        or "ystem" in text
        or "###" in text
        or "uman" in text
        or "SER" in text
        or "AI:" in text
        or "YSTEM" in text
        or "SSISTANT" in text
    )


# A leading system prompt: the first sentence(s) saying what the assistant is or how it should
# behave ("You are a helpful assistant.", "You are a careful, friendly tutor."); a persona to
# play ("You are a museum curator.") is the task, and stays.
_SYSTEM_LEAD = re.compile(
    r"\A\s*(?:(?:(?:You are|You're|You will act as)[^\n.!]*?\b(?:assistant|AI|model|chatbot|bot|helpful|"
    r"harmless|honest|careful|friendly|polite|patient|concise|precise|knowledgeable)\b|As an AI|"
    r"Act as a helpful|Always answer|Be helpful)"
    r"[^\n.!]*[.!]\s*)+",
    re.IGNORECASE,
)
# The first user turn of a chat ("User: ...", "Human:" on a line of its own); text before it, up
# to SYSTEM_CHARS characters, is a system prompt.
_FIRST_USER_TURN = re.compile(r"^[ \t]*(?:User|Human)[ \t]*:", re.IGNORECASE | re.MULTILINE)
SYSTEM_CHARS = 400
# A closing sentence any task may carry: courtesy, length or format requests.
_SUFFIX_SENTENCE = re.compile(
    r"(?:(?:please[ ,]+)?(?:answer|respond|reply|be|keep it|keep the answer)[ \t]+"
    r"(?:concisely|briefly|brief|concise|short)\b[^\n.!?]{0,40}"
    r"|(?:please )?keep (?:it|the answer|your answer) (?:short|brief|under \d+ words)"
    r"|(?:one|a single) word or (?:a )?short phrase(?: is (?:enough|fine))?"
    r"|be (?:accurate|precise)[;,] if you(?: are|'re) (?:not sure|unsure), say so"
    r"|thanks?(?: you)?(?: in advance)?|thank you(?: in advance)?"
    r"|(?:let'?s )?think step by step)[.!]*",
    re.IGNORECASE,
)
# Wrappers are found in this many characters at each end of a prompt (a 100 kB prompt costs
# what a 2 kB one does); the middle is passed over.
EDGE_CHARS = 400


def _drop_suffixes(text: str) -> str:
    for _ in range(3):
        lo = max(0, len(text) - 120)  # a suffix sentence is short
        cut = max(
            text.rfind(". ", lo, len(text) - 1),
            text.rfind("\n", lo),
            text.rfind("? ", lo),
            text.rfind("! ", lo),
        )
        if cut < 0 and lo > 0:
            break
        last = text[cut + 1 :].strip()
        if not _SUFFIX_SENTENCE.fullmatch(last):
            break
        text = text[: cut + 1].rstrip() if cut >= 0 else ""
    return text


def unwrap(text: str) -> tuple[str, int]:
    """(the prompt without chat markers, role prefixes, a leading system prompt or courtesy
    suffixes; the number of role lines and prefixes removed, i.e. chat turns marked in the text).

    Never returns an empty string for a non-empty prompt: a prompt that is nothing but
    wrapper text is kept as it was.
    """
    stripped, turns = text, 0
    if "<" in stripped or "[" in stripped:
        stripped = _TEMPLATE_TOKENS.sub("\n", stripped)
    # Role lines of a chat show at its start or end (the first and the last turn).
    head = stripped[: SYSTEM_CHARS + 20]
    user_turn = "ser:" in head or "SER:" in head or "uman:" in head or "UMAN:" in head
    if user_turn or _may_have_roles(stripped[:200]) or _may_have_roles(stripped[-200:]):
        # What comes before the first user turn is the system prompt: it goes, whatever it says.
        first_user = _FIRST_USER_TURN.search(head) if user_turn else None
        if first_user is not None and first_user.start() > 0:
            stripped = stripped[first_user.start() :]
        stripped, turns = _ROLE_LINES.subn("", stripped)
    stripped = _SYSTEM_LEAD.sub("", stripped, count=1)
    stripped = _drop_suffixes(stripped.strip())
    return (stripped or text.strip()), turns


def strip_wrappers(text: str) -> str:
    """The prompt without chat markers, role prefixes, a leading system prompt or courtesy suffixes."""
    return unwrap(text)[0]


_IMPERATIVES = frozenset(
    [
        "write",
        "compose",
        "draft",
        "create",
        "generate",
        "give",
        "list",
        "explain",
        "describe",
        "discuss",
        "summarize",
        "summarise",
        "translate",
        "rewrite",
        "edit",
        "correct",
        "classify",
        "extract",
        "identify",
        "find",
        "calculate",
        "compute",
        "solve",
        "determine",
        "evaluate",
        "analyze",
        "analyse",
        "compare",
        "suggest",
        "recommend",
        "provide",
        "imagine",
        "pretend",
        "act",
        "design",
        "develop",
        "implement",
        "build",
        "make",
        "plan",
        "outline",
        "convert",
        "render",
        "tell",
        "name",
        "help",
        "answer",
        "read",
        "use",
        "condense",
        "paraphrase",
        "simplify",
        "define",
        "please",
    ]
)
_WH = frozenset(
    [
        "who",
        "what",
        "when",
        "where",
        "which",
        "why",
        "how",
        "whom",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
    ]
)
# Function words, enough to tell the common source languages of a translation request apart.
_LANGS = {
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "ein",
            "eine",
            "den",
            "dem",
            "des",
            "mit",
            "von",
            "zu",
            "auf",
            "für",
            "im",
            "sich",
            "auch",
            "es",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "est",
            "une",
            "des",
            "du",
            "au",
            "avec",
            "pour",
            "dans",
            "sur",
            "pas",
            "qui",
            "que",
            "il",
            "elle",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "es",
            "una",
            "del",
            "con",
            "para",
            "por",
            "en",
            "que",
            "no",
            "se",
            "su",
            "al",
            "como",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "le",
            "gli",
            "della",
            "di",
            "che",
            "è",
            "un",
            "una",
            "con",
            "non",
            "sono",
            "nel",
            "alla",
            "ogni",
        ]
    ),
    "nl": frozenset(
        ["de", "het", "een", "en", "van", "niet", "op", "met", "voor", "zijn", "aan", "bij", "ook", "naar"]
    ),
    "pt": frozenset(
        ["o", "os", "um", "uma", "da", "dos", "não", "com", "para", "em", "que", "é", "na", "ao", "uns"]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "is",
            "of",
            "to",
            "in",
            "that",
            "it",
            "for",
            "with",
            "on",
            "was",
            "as",
            "are",
            "this",
            "be",
            "by",
        ]
    ),
}
# The most common English words (function words and a few frequent verbs): a segment of four
# or more words of which hardly any is one of these is not English, whatever its language.
_EN_COMMON_WORDS = """
    the of and to a in is it you that he was for on are with as i his they be at one have this
    from or had by not but what some we can out other were all there when up use your how said an
    each she which do their time if will way about many then them would write like so these her
    long make thing see him two has look more day could go come did no most my over know than call
    first who may down side been now find any new work part take get place made live where after
    back little only round man year came show every good me give our under name very through just
    form much great think say help low line before turn cause same mean differ move right boy old
    too does tell set three want air well also play small end put home read hand port large spell
    add even land here must big high such follow act why ask men change went light kind off need
    house picture try us again animal point mother world near build self earth father head stand
    own page should country found answer school grow study still learn plant cover food sun four
    thought let keep eye never last door between city tree cross since hard start might story saw
    far sea draw left late run while press close night real life few stop open seem together next
    white children begin got walk example ease paper often always music those both mark book
    letter until mile river car feet care second group carry took rain eat room friend began idea
    fish mountain north once base hear horse cut sure watch color face wood main enough plain
    girl usual young ready above ever red list though feel talk bird soon body dog family direct
    pose leave song measure state product black short numeral class wind question happen complete
    ship area half rock order fire south problem piece told knew pass farm top whole king size
    heard best hour better true during hundred am remember step early hold west ground interest
    reach fast five sing listen six table travel less morning ten simple several toward war lay
    against pattern slow center love person money serve appear road map science rule govern
    pull cold notice voice fall power town fine certain fly unit lead cry dark machine note wait
    plan figure star box noun field rest correct able pound done beauty drive stood contain
    front teach week final gave green oh quick develop sleep warm free minute strong special mind
    behind clear tail produce fact street inch lot nothing course stay wheel full force blue
    object decide surface deep moon island foot yet busy test record boat common gold possible
    plane age dry wonder laugh thousand ago ran check game shape yes hot miss brought heat snow
    bed bring sit perhaps fill east weight language among please"""
_EN_COMMON = frozenset(_EN_COMMON_WORDS.split())
# Source-code markers (literal alternatives: one scan of the window).
_CODE = re.compile(r"```|def |return |#include|function ?\(|=>|import |;\n|\{\n|\};|\(\);")
_SQL = re.compile(r"\bselect\b[^;]{0,200}\bfrom\b|\binsert into\b|\bcreate table\b", re.IGNORECASE)
_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[^<>]{0,80}>|^#{1,6} \w|^\s*[-*] \w", re.MULTILINE)
_PUNCT = "\"'()[]{}<>.,;:!?*#-"
_SYMBOL = re.compile(r"[^\w\s]")
_SEGMENT_END = re.compile(r"[.!?:;\n]\s")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# What an instruction asks for, by its words wherever it stands (before the text it is about,
# or after it): stems and phrasings of summary and translation requests in general English,
# so a request worded unlike the training prompts' ("Summarize:", "Translate German to
# English:") still carries the cue. Checked in the first and the last segment only.
_SUMMARY_ASK = re.compile(
    r"\b(?:summar|sum(?:s|med|ming)? (?:it |this |that |them )?up\b|tl;? ?dr|gist\b|recap|"
    r"(?:key|main) (?:points|ideas|takeaways)\b|condens|synopsis|boil (?:it |this )?down|"
    r"nutshell\b|short(?:er)? version\b|abstract for\b|write an abstract\b)"
)
# More ways to ask for a summary, looked for (with their own keys) only when the phrases above are
# not there: one long expression on every line would cost more than the rest of the shape tokens.
_SUMMARY_MORE_PHRASES = (
    r"(?:key|main) (?:info|information|facts|details|things)\b",
    r"(?:boil|cut|trim|pare|slim) (?:it |this |that )?down\b", r"shorten", r"squeeze",
    r"(?:write|give|draft) (?:me )?an? (?:short |brief )?abstract\b", r"upshot\b", r"bottom line\b",
    r"highlights\b", r"rundown\b", r"run-down\b", r"cliff ?notes\b", r"in brief\b", r"brief me\b",
    r"(?:into|as|in) (?:a|one) (?:short|brief|quick|single|one-paragraph) (?:paragraph|caption|blurb)\b",
    r"what (?:do|should) (?:i|we) (?:need to |have to )?(?:know|remember) (?:from|about) "
    r"(?:this|the|these|their|our)",
    # ... and in the languages people most often ask in ("Resume brevemente", "Zusammenfassung bitte").
    r"resumen", r"resumir", r"resuma\b", r"resume brevemente", r"résume", r"résumé de", r"riassum",
    r"sintetizz", r"zusammenfass", r"samenvat", r"sammanfatt", r"oppsummer", r"opsummer", r"tiivist",
    r"podsumuj", r"streszcz", r"shrň", r"özetle", r"резюм", r"перескаж", r"кратко",
)  # fmt: skip
# Words of scripts without spaces between words: no word boundary to look for ("请总结一下").
_SUMMARY_CJK = ("要約", "总结", "總結", "摘要", "요약")
_SUMMARY_MORE_ASK = re.compile(r"\b(?:" + "|".join(_SUMMARY_MORE_PHRASES) + ")|" + "|".join(_SUMMARY_CJK))
# Asking what a text is about, or for it in a few sentences: a summary request when it follows
# (or opens) a passage; after a one-line question ("Answer in one sentence.") it is not.
_ABOUT_TEXT_ASK = re.compile(
    r"\bwhat(?:'s| is| was| are) (?:this|the|that|these|my|our|his|her|their|your) (?:\w+ ){0,2}"
    r"(?:about|saying)\b|"
    r"\bwhat (?:this|it|the \w+) (?:is|was) (?:all |really )?about\b|"
    r"\bmain (?:point|idea|message|argument|theme|takeaway|advice|lesson|conclusion|finding)s?\b|"
    r"\boverview\b|"
    # "in two sentences" asks for a summary only on a line that asks no question: after one
    # ("How much is the writer asking for? Answer in one sentence.") it is the answer's format.
    r"^[^?]*\bin (?:one|two|three|four|five|a few|a couple of|\d+) (?:short )?(?:sentences?|lines|bullets?|"
    r"bullet points|paragraphs?)\b[^?]*$"
)
# Language names: a request that names a language to put text in, or a pair of them, asks for
# a translation ("What's this in Polish?", "Turkish -> English", "[Portuguese] ... [English]").
_LANGUAGE_NAMES = (
    "english", "german", "french", "spanish", "italian", "portuguese", "dutch", "polish", "swedish",
    "turkish", "japanese", "chinese", "mandarin", "korean", "russian", "arabic", "hindi", "greek",
    "czech", "danish", "norwegian", "finnish", "hungarian", "romanian", "ukrainian", "vietnamese",
    "thai", "indonesian", "hebrew",
)  # fmt: skip
_LANGUAGE = "(?:" + "|".join(_LANGUAGE_NAMES) + ")"
# A translation request in the user's own language: "translate" and the name of English in the
# languages people most often ask in (stems, lower case): "Traduci in inglese", "Переведите на
# английский", "请翻译成英文", "Bu cümleyi İngilizceye çevirir misiniz", "Hvad betyder det på engelsk?".
_FOREIGN_TRANSLATE_WORDS = (
    "tradu", "übersetz", "vertaal", "översätt", "oversæt", "oversett", "käännä", "käännös", "tłumacz",
    "přelož", "překlad", "prelož", "fordít", "prevedi", "prijevod", "çevir", "terjemah", "salin sa",
    "dịch sang", "перев", "переклад", "превед", "μετάφρασ", "μεταφρ", "תרגם", "תרגום", "ترجم",
    "अनुवाद", "翻译", "翻譯", "翻訳", "訳して", "번역", "แปล", "ترجمه", "অনুবাদ",
    "inglese", "anglais", "inglés", "ingles", "inglês", "englisch", "het engels", "engelsk", "englanti",
    "englann", "αγγλικ", "อังกฤษ", "انگلیسی", "ইংরেজি",
    "angielsk", "anglick", "angličtin", "angolra", "angolul", "englez", "англи", "англій",
    "英文", "英语", "英語", "영어", "tiếng anh", "ngiliz", "inggris", "אנגלית", "الإنجليزية", "अंग्रेज",
)  # fmt: skip
# Next to text in another language, asking what it means or says is asking for a translation
# ("What does this notice say?", "meaning?").
_MEANING_ASK = re.compile(
    r"\bmean(?:s|ing)?\b|"
    r"\bwhat (?:does|do|did) (?:this|that|it|these|the \w+|my \w+)(?: \w+){0,3} (?:say|says)\b"
)
_MEANING_KEYS = ("mean", "say")
# A last line that only cues the answer ("### Answer", "Response"): the request is the line before.
_COMPLETION_CUES = frozenset(["a", "answer", "response", "output"])  # with a colon: any short line
# Two-letter language codes: "EN → PL", "de->en".
_LANGUAGE_CODES = "(?:en|de|fr|es|it|pt|nl|pl|sv|tr|ja|jp|zh|cn|ko|ru|ar|hi|el|cs|da|no|fi|hu|ro|uk|vi|th|he)"
_TRANSLATE_ASK = re.compile(
    "|".join(re.escape(w) for w in _FOREIGN_TRANSLATE_WORDS) + "|"
    rf"translat|[\[(]{_LANGUAGE}[\])]|\b(?:(?:in|into|to|from) (?:natural |good |formal |informal |"
    rf"simplified |traditional |brazilian |european |mexican |castilian |modern |standard |polite |casual |"
    rf"simple |everyday )?{_LANGUAGE}\b|the {_LANGUAGE} for\b|{_LANGUAGE}(?: (?:version|equivalent|"
    rf"translation|meaning)\b|"
    rf"\s*(?:→|->|=>)))|"
    # A line that is only a language's name ("English?", "Turkish please:"): put the text in it.
    rf"^\W*{_LANGUAGE}(?: please| pls| version)?\W*$|^\W*{_LANGUAGE} (?:please|pls)\s*:|"
    rf"\b{_LANGUAGE_CODES}\s*(?:→|->)\s*{_LANGUAGE_CODES}\b"
)
# Substrings one of which every match of the expression above holds: a fast test before it.
_SUMMARY_KEYS: tuple[str, ...] = ("summar", "sum ", "sums ", "summed ", "summing ", "tl;", "tldr", "tl dr")
_SUMMARY_KEYS += ("gist", "recap", "points", "ideas", "takeaways")
_SUMMARY_KEYS += ("condens", "synopsis", "boil", "nutshell", "version", "abstract")
_SUMMARY_MORE_KEYS = (
    "key info", "key facts", "key details", "key things", "main info", "main facts", "main details",
    "main things", "it down", "this down", "that down", "cut down", "trim down", "pare down",
    "slim down", "shorten", "squeeze", "abstract", "upshot", "bottom line", "highlights", "rundown",
    "run-down", "cliff", "in brief", "brief me", "paragraph", "caption", "blurb", "need to know",
    "know from", "know about", "remember from", "remember about", "resum", "riassum", "sintetizz",
    "zusammenfass", "samenvat", "sammanfatt", "oppsummer", "opsummer", "tiivist", "podsumuj", "streszcz",
)  # fmt: skip
# Keys no ASCII line holds: looked for only in lines that are not ASCII.
_SUMMARY_MORE_OTHER_KEYS = ("résum", "shrň", "özetle", "резюм", "перескаж", "кратко", *_SUMMARY_CJK)
_ABOUT_TEXT_KEYS = ("about", "saying", "main", "overview", "sentence", "lines", "bullet", "paragraph")
# The shape tokens that say a prompt asks for something: a question, an imperative, a summary or
# a translation. A prompt with none of them asks for nothing (a log, a dump, a config file).
REQUEST_TOKENS = (
    "__qshort__", "__qlong__", "__endq__", "__imp__", "__last_imp__", "__ask_sum__", "__ask_tr__",
    "__wh__", "__last_wh__",
)  # fmt: skip
_TRANSLATE_KEYS = ("translat", "→", "->", *_LANGUAGE_NAMES, *_FOREIGN_TRANSLATE_WORDS)
# The same, without the keys no ASCII line can hold (most prompts' first and last lines are ASCII).
_TRANSLATE_KEYS_ASCII = tuple(key for key in _TRANSLATE_KEYS if key.isascii())
# ... and without the words of other languages, for a window of plain English (three or more
# English function words, none of another language): a request in another language is not there.
_TRANSLATE_KEYS_ENGLISH = ("translat", "->", *_LANGUAGE_NAMES)


def _asks_at_ends(
    first: str, last: str, keys: tuple[str, ...], pattern: re.Pattern[str]
) -> tuple[bool, bool]:
    """(whether ``pattern`` matches the first line, the last line): one pass over the keys for
    both (most prompts hold none, and the keys are what a prompt costs here)."""
    both = first if first == last else first + "\n" + last
    for key in keys:
        if key in both:
            head = _asks(first, keys, pattern)
            return head, (head if first == last else _asks(last, keys, pattern))
    return False, False


def _asks(line: str, keys: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` matches ``line``, skipping the expression when no key is in the line."""
    for key in keys:
        if key in line:
            return pattern.search(line) is not None
    return False


# Words that open a question clause; a last segment with one of them early ("Q: who ...",
# "According to the text, when ...") asks a question even without a question mark.
_WH_STRICT = frozenset(["who", "what", "when", "where", "which", "why", "how", "whom", "whose"])
# A question that follows this many characters of other text is "a question after a passage".
LONG_CONTEXT_CHARS = 400
# The request's words are looked for in this many characters of the first and the last line.
ASK_CHARS = 200


# Verbs that ask for a fact as a question word does ("Name the founder.", "Identify the year."):
# a question when they open the request after a passage.
_FACT_ASKS = frozenset(["name", "identify", "state", "list", "find"])


# A question asked inside a request ("Read the minutes and tell me how much ...", "Using these
# sources, explain why ...", "based on this chat who is driving ..."): a verb of asking or a
# lead-in naming the source, then a question word.
_EMBEDDED_QUESTION = re.compile(
    r"\b(?:tell me|explain|let me know|find out|work out|figure out|wondering|want to know|need to know)"
    r"\s+(?:how|what|who|whom|whose|when|where|why|which|whether)\b|"
    r"^(?:based on|according to|using|given|from|per) [^,.?!:]{0,40}?"
    r"\b(?:how|what|who|when|where|why|which)\b"
)

# What every match of _EMBEDDED_QUESTION starts with: a fast test before it.
_EMBEDDED_LEADS = ("based on ", "according to ", "using ", "given ", "from ", "per ")
_EMBEDDED_VERBS: tuple[str, ...] = ("tell me", "explain", "let me know", "find out", "work out")
_EMBEDDED_VERBS += ("figure out", "wondering", "to know")


def _asks_question(segment: str, openers: frozenset[str] = _WH_STRICT) -> bool:
    """Whether a segment opens with a question word, at its start or after a lead-in of at most
    six words ending in a comma or colon ("Q: who ...", "Given the text that follows, what ..."),
    or asks one inside a request ("tell me how much ...", "based on this chat, who ...")."""
    words = segment.lower().split(maxsplit=8)[:8]
    if not words:
        return False
    if words[0].strip(_PUNCT) in openers:
        return True
    for i, word in enumerate(words[:6]):
        if word.endswith((",", ":")):
            if i + 1 < len(words) and words[i + 1].strip(_PUNCT) in openers:
                return True
            break
    if openers is not _WH_STRICT:
        return False
    head = segment[:ASK_CHARS].lower()
    if head.startswith(_EMBEDDED_LEADS) or any(verb in head for verb in _EMBEDDED_VERBS):
        return _EMBEDDED_QUESTION.search(head) is not None
    return False


_NON_LATIN = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u9fff\uac00-\ud7af]{2}"
)


def _foreign_script(window: str) -> bool:
    """Whether the window holds letters of a script English is not written in (Greek, Cyrillic,
    Hebrew, Arabic, Devanagari, Thai, Japanese, Chinese, Korean): text in another language."""
    return _NON_LATIN.search(window) is not None


def _foreign_segment(low: str) -> bool:
    """Whether a segment of the (lower-cased) window, between sentence ends, colons or line
    breaks, has four or more words and at most one in ten of them common English words."""
    for segment in _SEGMENT_END.split(low):
        words = _WORD.findall(segment)
        # One-letter words ("a", "i") are words of other languages too (Hungarian, Spanish, ...).
        if len(words) >= 4 and len([w for w in words if len(w) > 1 and w in _EN_COMMON]) * 10 <= len(words):
            return True
    return False


def _log2_bucket(x: float, top: int) -> int:
    return min(int(math.log2(x + 1)), top)


def _share_bucket(part: int, whole: int) -> int:
    """0, then one bucket per halving of the share: >= 1/2, 1/4, 1/8, 1/16, 1/32, less."""
    if part <= 0 or whole <= 0:
        return 0
    return min(6, max(1, 1 + int(-math.log2(part / whole))))


_SCRIPTS = (
    ("latx", re.compile("[\u0080-\u024f]")),
    ("grek", re.compile("[\u0370-\u03ff]")),
    ("cyrl", re.compile("[\u0400-\u052f]")),
    ("arab", re.compile("[\u0600-\u06ff]")),
    ("cjk", re.compile("[\u3040-\u9fff\uac00-\ud7af]")),
)


def _script(window: str) -> str:
    """The non-ASCII scripts present: Latin with diacritics, Greek, Cyrillic, Arabic, CJK/Hangul."""
    found = [f"__scr_{name}__" for name, pattern in _SCRIPTS if pattern.search(window)]
    return " ".join(found) or "__scr_other__"


def shape_tokens(text: str, window: str, hidden: int = 0, turns: int = 0) -> str:
    """Words for the prompt's shape; ``text`` is the (unwrapped) prompt, ``window`` what the
    classifier reads of it, ``hidden`` the characters of a long prompt's middle left out of
    ``text``, ``turns`` the chat turns :func:`unwrap` removed.

    Length (log2 buckets and half-steps), lines and paragraphs, the share of digits and of
    symbols, code / SQL / markup markers, whether the first or last line asks for a summary
    or a translation, where the last question is (by its question mark or its question
    word) and how much text comes before it, whether the first and the last line start with
    an imperative verb or a question word, scripts, the function-word language and text in
    another language than English, chat turns.
    """
    n = len(text) + hidden
    size = math.log2(n + 1)
    width = len(window)
    toks = [
        f"__len{int(size)}__ __hlen{int(2 * size)}__",
        f"__dig{_share_bucket(sum(map(window.count, '0123456789')), width)}__",
        f"__sym{_share_bucket(width - len(_SYMBOL.sub('', window)), width)}__",
    ]
    stripped = text.rstrip()
    newline = stripped.rfind("\n")
    cut = max(newline, stripped.rfind(". "), stripped.rfind(": "))
    last = stripped[cut + 1 :]
    long = n >= LONG_CONTEXT_CHARS
    if not long:
        # Line structure of a short prompt is task signal (a list, a chat, a table); in a long
        # one it is the formatting of the passage, which differs between sources of one task.
        toks.append(f"__nl{min(text.count(chr(10)), 5)}__ __par{min(text.count(chr(10) * 2), 4)}__")
    low = window.lower()
    words = low.split()
    vocab = set(words)
    en = len(vocab & _LANGS["en"])
    lang, count = "en", 0
    for name, function_words in _LANGS.items():
        c = len(vocab & function_words) if name != "en" else 0
        if c > count:
            lang, count = name, c
    if (
        count < 2
        and (count == 1 or not window.isascii())
        and (_foreign_script(window) or _foreign_segment(low))
    ):
        lang, count = "xx", 2  # not English, language unknown
    # The request's own words, at either end: what it asks for, wherever it stands.
    first_line = stripped[: min(stripped.find("\n") % (len(stripped) + 1), ASK_CHARS)].lower()
    last_line = stripped[max(newline + 1, len(stripped) - ASK_CHARS) :].lower()
    ascii_ends = first_line.isascii() and last_line.isascii()
    head_summary, tail_summary = _asks_at_ends(first_line, last_line, _SUMMARY_KEYS, _SUMMARY_ASK)
    if long and not (head_summary or tail_summary):  # a short prompt holds no text to summarize
        more = _SUMMARY_MORE_KEYS if ascii_ends else _SUMMARY_MORE_KEYS + _SUMMARY_MORE_OTHER_KEYS
        head_summary, tail_summary = _asks_at_ends(first_line, last_line, more, _SUMMARY_MORE_ASK)
    if long:
        head_about, tail_about = _asks_at_ends(first_line, last_line, _ABOUT_TEXT_KEYS, _ABOUT_TEXT_ASK)
        head_summary, tail_summary = head_summary or head_about, tail_summary or tail_about
    if tail_summary or head_summary:
        toks.append("__ask_sum__")
    # A question that asks for a summary or a translation ("What is this article about?",
    # "What is the English for ...?") is that request, not a question to answer.
    asks_other = tail_summary
    translate_keys: tuple[str, ...]
    if not ascii_ends:
        translate_keys = _TRANSLATE_KEYS
    elif en >= 3 and count == 0:
        translate_keys = _TRANSLATE_KEYS_ENGLISH
    else:
        translate_keys = _TRANSLATE_KEYS_ASCII
    if any(_asks_at_ends(first_line, last_line, translate_keys, _TRANSLATE_ASK)) or (
        count >= 2 and any(_asks_at_ends(first_line, last_line, _MEANING_KEYS, _MEANING_ASK))
    ):
        toks.append("__ask_tr__")
        asks_other = True
    if stripped.endswith("?") and not asks_other:
        toks.append("__endq__")
    # A question at the end: a question mark in the last segment, or a question word opening it
    # (or opening the clause after a short lead-in: "According to the text, who ...").
    cue = last.endswith(":") or last.strip("#* ").lower() in _COMPLETION_CUES
    if len(last) <= 16 and newline > 0 and cue:
        # A completion cue on a line of its own ("A:", "Answer:"): the request is the line before.
        body = stripped[:newline].rstrip()
        last = body[body.rfind("\n") + 1 :]
    after_passage = n - len(last) >= LONG_CONTEXT_CHARS
    asks_fact = after_passage and _asks_question(last, _FACT_ASKS)  # "Name the founder."
    if ("?" in last or _asks_question(last) or asks_fact) and not asks_other:
        toks.append("__qlong__" if after_passage else "__qshort__")
    elif (
        long
        and not asks_other
        and not head_summary
        and n - len(first_line) >= LONG_CONTEXT_CHARS
        and ("?" in first_line or _asks_question(first_line) or _asks_question(first_line, _FACT_ASKS))
    ):
        toks.append("__qlong__")  # the question first, then the passage it is about
    elif long:
        question_tail = "?" in stripped[-300:] and not asks_other
        toks.append("__noq_long__" if question_tail else "__noq_long__ __noq_tail__")
    else:
        pass  # toks.append("__noq_short__")
    if words:
        first = words[0].strip(_PUNCT)
        if first in _IMPERATIVES:
            toks.append("__imp__")
        elif first in _WH:
            toks.append("__wh__")
    if newline >= 0:
        head = stripped[newline + 1 : newline + 40].lower().split()
        first = head[0].strip(_PUNCT) if head else ""
        if first in _IMPERATIVES:
            toks.append("__last_imp__")
        elif first in _WH:
            toks.append("__last_wh__")
    if _CODE.search(window):
        toks.append("__code__")
    if ("select" in low or "insert" in low or "create" in low) and _SQL.search(window):
        toks.append("__sql__")
    if ("<" in window or "#" in window or "- " in window or "* " in window) and _MARKUP.search(window):
        toks.append("__markup__")
    if not window.isascii():
        toks.append(_script(window))
    if count >= 2:
        # Text in another language than English, whichever: the cue a translation request
        # carries, learnt from one source language and applied to the others. Next to English
        # words (an English request around it) it is also marked mixed.
        toks.append(f"__lang_{lang}__ __foreign__" + (" __lang_mixed__" if en >= 2 else ""))
    elif en >= 2:
        toks.append("__lang_en__")
    if turns:
        toks.append(f"__turns{min(turns, 4)}__")
    return " ".join(toks)
