"""Catalogue search as villagers type: Chinese words of two characters or more, pinyin ("xianggu",
"xiang gu"), initials ("xg"), traditional characters, synonyms ("地瓜" finds 红薯) and, on PostgreSQL, typos.

Why a token document and not the text itself: PostgreSQL's trigram indexes cannot serve a two-character
Chinese word (a trigram needs three characters) and pg_bigm is not packaged for our PostgreSQL; a word
segmenter (jieba) splits "香菇酱" one way and the buyer's "菇酱" another, and needs a 50 MB dictionary in
every worker. So each product stores a normalised token list, written in Python when its name or description
changes (`product_document`):

- the text folded to simplified Chinese (zhconv), lower case and NFKC (full-width letters become ASCII);
- every Chinese character and every pair of adjacent characters (bigrams: "香菇" is one token of "东北香菇干"),
  at the character's position, so that a longer word is a phrase of adjacent bigrams;
- for the name only (weight A): the pinyin of each character and of each pair ("xiang", "xianggu") and the
  initials of each pair ("xg"), from pypinyin, at the same positions;
- every other word (English, digits, pinyin typed by the farmer) as it is.

On PostgreSQL the list is a `tsvector` column with a GIN index: every query is a handful of exact or prefix
index look-ups (`'xiangg':*`), phrases check adjacency (`'米豆' <-> '豆腐'`), weights tell a name from a
description for ranking. On SQLite (`make run`) the same list is stored as text and matched with LIKE: no
adjacency or weights there, which is good enough for a demo catalogue of 30 products.

A query (`search_query`) is parsed the same way into an AND of words, each an OR of alternatives; the
`SearchQuery` it returns compiles to a tsquery on PostgreSQL and to LIKE conditions elsewhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import zhconv
from pypinyin import Style, lazy_pinyin

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SEGMENT = re.compile(rf"([{HAN}]+)|([^\W_{HAN}]+)")
MAX_WORDS = 8  # query words that count; more only slow the query down
MAX_DESCRIPTION = 2_000  # characters of the description indexed (positions stop at 16,383)
MAX_TOKEN = 60  # longer "words" are noise (a pasted URL)
NAME_WEIGHT = "A"
MIN_TYPO_LENGTH = 4  # Latin words at least this long may be matched approximately (PostgreSQL)


def normalise(text: str) -> str:
    """Full-width to ASCII, lower case, traditional to simplified: what both documents and queries go through."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return zhconv.convert(text, "zh-hans") if re.search(f"[{HAN}]", text) else text


def segments(text: str) -> list[tuple[str, bool]]:
    """(segment, is_han) pairs of normalised text: runs of Chinese characters and other words."""
    return [(han or word, bool(han)) for han, word in SEGMENT.findall(text)]


def syllables(han: str) -> list[str]:
    """Pinyin without tones, one syllable per character ("绿" is "lv", as people type it)."""
    return lazy_pinyin(han, style=Style.NORMAL, errors=lambda chars: ["?"] * len(chars))


def _pairs(items: list[str]) -> list[str]:
    return [a + b for a, b in zip(items, items[1:], strict=False)]


# --- documents


def product_document(name: str, description: str = "") -> str:
    """The product's tokens in PostgreSQL's tsvector syntax (`'香菇':3A,9 'xianggu':3A ...`)."""
    positions: dict[str, list[str]] = {}

    def add(token: str, position: int, weight: str = "") -> None:
        if token and "?" not in token and position < 16_384:
            positions.setdefault(token[:MAX_TOKEN], []).append(f"{position}{weight}")

    position = 1
    for text, weight in ((name, NAME_WEIGHT), (description[:MAX_DESCRIPTION], "")):
        for segment, is_han in segments(normalise(text)):
            if not is_han:
                add(segment, position, weight)
                position += 1
                continue
            for offset, (char, pair) in enumerate(zip(segment, [*_pairs(list(segment)), ""], strict=True)):
                add(char, position + offset, weight)
                add(pair, position + offset, weight)
            if weight:  # pinyin and initials of the name only: a description's pinyin would match too much
                pinyin = syllables(segment)
                initials = [syllable[0] for syllable in pinyin]
                for offset, (syllable, pair, initial_pair) in enumerate(
                    zip(pinyin, [*_pairs(pinyin), ""], [*_pairs(initials), ""], strict=True)
                ):
                    add(syllable, position + offset, weight)
                    add(pair, position + offset, weight)
                    add(initial_pair, position + offset, weight)
            position += len(segment)
        position += 1  # a gap: a phrase never runs from the name into the description
    return " ".join(f"'{token}':{','.join(places)}" for token, places in positions.items())


def product_search_fields(name: str, description: str = "") -> dict[str, str]:
    """The product's stored search fields (`search_document`, `search_words`) for this name and description.

    `Product.save()` sets them; anything that writes products without save() (bulk_create, bulk_update, a
    spreadsheet import, a backfill) sets them from here: `Product(**row, **product_search_fields(name, text))`."""
    return {"search_document": product_document(name, description), "search_words": product_words(name)}


def product_words(name: str) -> str:
    """The name's words and the pinyin of each pair of its Chinese characters ("libei shiitake dongbei
    beixiang xianggu gugan"), for approximate matching of typos with trigrams (PostgreSQL)."""
    words = []
    for segment, is_han in segments(normalise(name)):
        words.extend((_pairs(syllables(segment)) or syllables(segment)) if is_han else [segment])
    return " ".join(word for word in words if "?" not in word)


# --- pinyin syllables of a typed word


@functools.cache
def _syllable_set() -> frozenset[str]:
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {to_normal(reading) for value in pinyin_dict.values() for reading in value.split(",")}
    return frozenset(reading.replace("ü", "v") for reading in readings if reading.isascii() and reading.isalpha())


@functools.cache
def _syllable_prefixes() -> frozenset[str]:
    return frozenset(syllable[:n] for syllable in _syllable_set() for n in range(1, len(syllable) + 1))


def pinyin_split(word: str) -> list[str] | None:
    """ "dongbeixiangg" -> ["dong", "bei", "xiang", "g"]: whole syllables, the last one possibly begun.
    Prefers the fewest syllables ("xian" + "gu" is not preferred over "xiang" + "gu"); None if not pinyin."""
    if not word.isascii() or not word.isalpha() or len(word) > 40:
        return None
    whole, begun = _syllable_set(), _syllable_prefixes()
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            piece = word[start:end]
            if head is None or not (piece in whole or (end == len(word) and piece in begun)):
                continue
            if best[end] is None or len(head) + 1 < len(best[end]):
                best[end] = [*head, piece]
    return best[-1]


# --- queries


@dataclass(frozen=True)
class Term:
    """One lexeme of a query; `prefix` for as-you-type ("xiangg" finds "xianggu"), `name_only` for weight A."""

    token: str
    prefix: bool = False
    name_only: bool = False

    def tsquery(self) -> str:
        marks = ("*" if self.prefix else "") + (NAME_WEIGHT if self.name_only else "")
        return f"'{self.token}'" + (f":{marks}" if marks else "")


@dataclass(frozen=True)
class Phrase:
    """Adjacent terms: "米豆腐" is the bigram "米豆" followed by the bigram "豆腐"."""

    terms: tuple[Term, ...]
    literal: bool = True  # what the buyer typed (ranks above pinyin, initials, synonyms)

    def tsquery(self) -> str:
        return " <-> ".join(term.tsquery() for term in self.terms)


@dataclass
class SearchQuery:
    """A parsed query: every word must match through at least one of its alternatives."""

    words: list[list[Phrase]] = field(default_factory=list)
    joined: list[Phrase] = field(default_factory=list)  # alternatives for the words read as one
    typos: list[str | None] = field(default_factory=list)  # per word: itself if it may be matched approximately

    def __bool__(self) -> bool:
        return bool(self.words)

    def tsquery(self, *, literal_in_name: bool = False) -> str:
        """The tsquery text; with `literal_in_name`, only what was typed, as found in a name (for ranking)."""

        def either(alternatives: list[Phrase]) -> str:
            if literal_in_name:
                alternatives = [
                    Phrase(tuple(Term(t.token, t.prefix, True) for t in phrase.terms))
                    for phrase in alternatives
                    if phrase.literal
                ]
            return " | ".join(f"({phrase.tsquery()})" for phrase in alternatives)

        conjunction = " & ".join(f"({either(alternatives)})" for alternatives in self.words)
        joined = either(self.joined)
        return f"({conjunction}) | {joined}" if joined else conjunction

    def word_tsquery(self, index: int) -> str:
        """One word's alternatives alone (approximate matching replaces a word, not the query)."""
        return " | ".join(f"({phrase.tsquery()})" for phrase in self.words[index])

    def like_terms(self) -> list[list[list[list[Term]]]]:
        """For SQLite: an OR of AND-ed groups, each group an OR of alternatives made of terms (all present)."""
        readings = [[list(phrase.terms) for phrase in alternatives] for alternatives in self.words]
        if self.joined:
            return [readings, [[list(phrase.terms) for phrase in self.joined]]]
        return [readings]


def _han_phrase(han: str, *, literal: bool, name_only: bool = False) -> Phrase:
    tokens = _pairs(list(han)) or [han]
    return Phrase(tuple(Term(token, name_only=name_only) for token in tokens), literal=literal)


def _pinyin_phrase(pieces: list[str], *, begun: bool, literal: bool) -> Phrase | None:
    """Pinyin pairs as a phrase ("dong bei xiang gu" -> dongbei <-> beixiang <-> xianggu), name only."""
    if len(pieces) < 2:
        return None
    pairs = _pairs(pieces)
    terms = [Term(pair, name_only=True) for pair in pairs]
    terms[-1] = Term(pairs[-1], prefix=begun, name_only=True)
    return Phrase(tuple(terms), literal=literal)


def _is_han(word: str) -> bool:
    return bool(re.fullmatch(f"[{HAN}]+", word))


def _synonym_phrase(word: str) -> Phrase:
    return _han_phrase(word, literal=False) if _is_han(word) else Phrase((Term(word),), literal=False)


def _han_alternatives(han: str, synonyms: dict[str, tuple[str, ...]]) -> list[Phrase]:
    alternatives = [_han_phrase(han, literal=True)]
    # Homophones typed by mistake (香姑 for 香菇) meet the name's pinyin.
    if len(han) >= 2:
        alternatives.append(_pinyin_phrase(syllables(han), begun=False, literal=False))
    # Synonyms inside the word too: "地瓜干" also looks for "红薯干" and "番薯干".
    for word, others in synonyms.items():
        if not _is_han(word) or word not in han:
            continue
        for other in others:
            if _is_han(other):
                alternatives.append(_han_phrase(han.replace(word, other), literal=False))
            elif word == han:
                alternatives.append(_synonym_phrase(other))
    return [phrase for phrase in alternatives if phrase is not None and "?" not in phrase.tsquery()]


def _latin_alternatives(word: str, synonyms: dict[str, tuple[str, ...]]) -> list[Phrase]:
    alternatives = [Phrase((Term(word, prefix=True),))]  # an English word, a syllable, a pinyin pair, initials
    pieces = pinyin_split(word)
    if pieces and len(pieces) >= 3:
        complete = pieces[-1] in _syllable_set()
        alternatives.append(_pinyin_phrase(pieces, begun=not complete, literal=True))
    if pieces is None and word.isascii() and word.isalpha() and 3 <= len(word) <= 10:  # initials: "dbxg"
        alternatives.append(Phrase(tuple(Term(pair, name_only=True) for pair in _pairs(list(word))), literal=False))
    for other in synonyms.get(word, ()):
        alternatives.append(_synonym_phrase(other))
    return alternatives


def search_query(text: str, *, synonyms: dict[str, tuple[str, ...]] | None = None) -> SearchQuery:
    """Parse what was typed. `synonyms` maps a normalised word (or its pinyin) to the words it stands for."""
    synonyms = synonyms or {}
    # A pasted page must not become a query of thousands of lexemes (or one longer than PostgreSQL takes).
    parts = [(segment[:MAX_TOKEN], is_han) for segment, is_han in segments(normalise(text[:1_000]))[:MAX_WORDS]]
    query = SearchQuery()
    for segment, is_han in parts:
        if is_han:
            query.words.append(_han_alternatives(segment, synonyms))
            query.typos.append(None)
        else:
            query.words.append(_latin_alternatives(segment, synonyms))
            query.typos.append(segment if len(segment) >= MIN_TYPO_LENGTH and segment.isalpha() else None)
    latin = [segment for segment, is_han in parts if not is_han]
    if len(latin) == len(parts) > 1:
        # "xiang gu" is also the word "xianggu": either reading may match.
        query.joined = _latin_alternatives("".join(latin), synonyms)
    return query


def synonym_map(groups: Iterable[Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """{word: the other words of its group}, keyed by the normalised word and by its pinyin ("digua")."""
    mapping: dict[str, tuple[str, ...]] = {}
    for group in groups:
        # Each synonym is one word as a query sees it (a run of Chinese characters or one Latin word, cut
        # like a query's): an admin's "sweet potato" or a stray quote cannot become a broken query.
        words = [segments(normalise(word)) for word in group]
        words = [found[0][0][:MAX_TOKEN] for found in words if len(found) == 1]
        words = list(dict.fromkeys(words))
        for word in words:
            others = tuple(other for other in words if other != word)
            if not others:
                continue
            mapping[word] = others
            if _is_han(word):
                mapping.setdefault("".join(syllables(word)), others)
    return mapping
