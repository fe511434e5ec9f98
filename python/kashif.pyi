"""Kashif, an Arabic text analyzer: tokens, clitics, sentences, keywords and named entities.

The types of the `kashif` module (a compiled extension). A result is the same data as one line
of the CLI's `kashif analyze --format jsonl` for the same text and options; every offset is in
UTF-16 code units, end exclusive (for text outside the Basic Multilingual Plane, such as emoji,
Python's own indices differ: `text.encode("utf-16-le")[2*start:2*end].decode("utf-16-le")`).
"""

from typing import Iterable, List, Literal, Optional, TypedDict
from typing_extensions import NotRequired

__version__: str

Kind = Literal["arabic", "latin", "mixed", "number", "punct", "symbol", "emoji", "url", "email", "hashtag", "mention"]
EntityType = Literal["PER", "LOC", "ORG", "MISC", "DATE", "MONEY", "PERCENT", "QUANTITY", "NUMBER"]

class Span(TypedDict):
    start: int
    end: int

class Segment(TypedDict):
    start: int
    end: int
    text: str
    key: str
    role: Literal["proclitic", "base", "enclitic"]

class Token(TypedDict):
    start: int
    end: int
    text: str
    kind: Kind
    norm: str
    """Display normalization (per the `normalize` option)."""
    key: str
    """Matching key: every normalization rule applied."""
    stem: str
    """Grouping key of the base word (clitics and article removed)."""
    segments: List[Segment]

class Variant(TypedDict):
    text: str
    count: int

class Keyword(TypedDict):
    text: str
    key: str
    kind: Literal["word", "phrase"]
    count: int
    share: float
    """count / words in the text."""
    score: float
    """The ranking score, higher first: the blend, keyness or count, per the `ranking` option."""
    keyness: float
    """Log-likelihood G² against general Arabic (wordfreq); negative when rarer here."""
    variants: List[Variant]
    occurrences: List[Span]
    explain: NotRequired[Explain]
    """The parts of the blended score; only with explain=True."""

class ScoreParts(TypedDict):
    count: float
    position: float
    spread: float
    name: float
    rarity: float
    phrase: float

class Explain(TypedDict):
    """What a keyword's blended score is made of: the facts, and each one's weighted part."""
    first_sentence: int
    sentences: int
    of_sentences: int
    in_names: int
    zipf: float
    parts: ScoreParts
    """Their sum is the blended score."""

class Entity(TypedDict):
    start: int
    end: int
    text: str
    type: EntityType
    key: str
    source: Literal["model", "gazetteer", "rule"]

class EntityGroup(TypedDict):
    text: str
    key: str
    type: EntityType
    count: int
    variants: List[Variant]
    mentions: List[int]
    """Indices into `entities`, in text order."""

class Stats(TypedDict):
    characters: int
    words: int
    sentences: int
    unique_words: int
    word_characters: int
    letters: int
    arabic_letters: int

class Analysis(TypedDict):
    version: str
    tokens: List[Token]
    sentences: List[Span]
    keywords: List[Keyword]
    entities: List[Entity]
    entity_groups: List[EntityGroup]
    stats: Stats

class NormOptions(TypedDict, total=False):
    diacritics: bool
    tatweel: bool
    alef: bool
    alef_maqsura: bool
    teh_marbuta: bool
    hamza_seats: bool
    persian: bool
    presentation_forms: bool
    digits: bool
    invisible: bool
    lowercase: bool

def analyze(
    text: str,
    /,
    *,
    top_n: int = 50,
    min_count: int = 1,
    ranking: Literal["blend", "keyness", "frequency"] = "blend",
    max_ngram: int = 4,
    stopwords_add: List[str] = ...,
    stopwords_remove: List[str] = ...,
    normalize: NormOptions = ...,
    tokens: bool = True,
    entities: bool = True,
    keywords: bool = True,
    explain: bool = False,
) -> Analysis:
    """Analyzes one text. The interpreter is released while it runs.

    Options are the CLI's `--options` fields. Raises TypeError for a text that is not a str or
    an option of the wrong type, ValueError for an unknown option or a bad value (the CLI's
    messages), ValueError for a str with lone surrogates (not encodable as UTF-8).
    """

def analyze_many(
    texts: Iterable[str],
    /,
    jobs: Optional[int] = None,
    *,
    top_n: int = 50,
    min_count: int = 1,
    ranking: Literal["blend", "keyness", "frequency"] = "blend",
    max_ngram: int = 4,
    stopwords_add: List[str] = ...,
    stopwords_remove: List[str] = ...,
    normalize: NormOptions = ...,
    tokens: bool = True,
    entities: bool = True,
    keywords: bool = True,
    explain: bool = False,
) -> List[Analysis]:
    """Analyzes every text of an iterable on `jobs` threads (None: one per core), results in
    input order, each equal to `analyze(text, **options)`.

    The iterable is consumed as the work goes (at most 256 texts ahead of the results); the
    interpreter is held only to take each text and to build each result. An item that is not a
    str raises TypeError (naming its position) after the items before it were analyzed; so does
    an error raised by the iterable itself.
    """
