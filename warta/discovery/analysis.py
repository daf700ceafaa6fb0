"""The Indonesian analyser: text → index terms, query → groups of terms. Pure, no Django.

Search indexes and matches *terms*, never raw text, on every database backend, so
SQLite (FTS5) and PostgreSQL (tsvector with the ``simple`` configuration) see the
same tokens and rank the same documents (docs/decisions/0008-discovery.md).

The stemmer is Snowball's Indonesian algorithm (``snowballstemmer``, BSD licence;
PostgreSQL's ``indonesian`` configuration runs the same algorithm). PySastrawi is
more accurate but its dictionary is CC BY-NC-SA, which a commercial newsroom cannot
ship. Snowball has no dictionary, so it misses Indonesian morphophonemics: the
prefixes meN-/peN- drop the first consonant of the root (men+tulis → menulis,
meng+kirim → mengirim), and Snowball returns "ulis" and "irim", which never meet
"tulis" or "kirim". It also strips ber-/per- and -nya where they are part of the
root ("berita" → "ita"). So each word yields a small set of *variants*: the word
itself, its Snowball stem, and the stems with the dropped consonant restored or the
prefix or particle removed. A query word matches a document when any of its
variants is there; the word itself is one of them, so exact forms rank highest.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Words too common to help a query; dropped from the index and from queries.
STOPWORDS = frozenset(
    [
        "ada",
        "adalah",
        "agar",
        "akan",
        "aku",
        "anda",
        "antara",
        "apa",
        "apakah",
        "atau",
        "bagi",
        "bahwa",
        "bila",
        "bisa",
        "dalam",
        "dan",
        "dari",
        "dengan",
        "di",
        "dia",
        "ia",
        "ini",
        "itu",
        "jika",
        "juga",
        "kami",
        "kamu",
        "kata",
        "ke",
        "kepada",
        "ketika",
        "kita",
        "lagi",
        "lain",
        "maka",
        "mereka",
        "oleh",
        "pada",
        "para",
        "saat",
        "sang",
        "satu",
        "se",
        "sebagai",
        "sebuah",
        "sedang",
        "sejak",
        "seorang",
        "serta",
        "setelah",
        "sudah",
        "supaya",
        "tak",
        "tapi",
        "telah",
        "tentang",
        "tetapi",
        "tidak",
        "untuk",
        "yaitu",
        "yakni",
        "yang",
    ]
)

# The longest term kept; longer "words" are noise (hashes, URLs) and are cut.
MAX_TERM_LENGTH = 40

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_VOWEL = "aiueo"
_PARTICLES = ("nya", "lah", "kah", "tah", "pun", "ku", "mu")

_stemmer = snowballstemmer.stemmer("indonesian")


def normalise(text: str) -> str:
    """Case-folded, compatibility-normalised text without diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of a text, normalised; hyphenated forms (kota-kota) kept whole and split."""
    found = []
    for match in _WORD.finditer(normalise(text)):
        word = match.group()[:MAX_TERM_LENGTH]
        found.append(word)
        if "-" in word:
            found.extend(part for part in word.split("-") if part)
    return found


def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _restored_roots(word: str) -> list[str]:
    """Roots a prefixed word may hide: the consonant meN-/peN- dropped, or ber-/ter-/per- gone."""
    roots = []
    if len(word) > 5:
        head, rest = word[:2], word[2:]
        if head in ("me", "pe"):
            if rest.startswith("ng") and rest[2:3] in tuple(_VOWEL):
                roots.append("k" + rest[2:])
            elif rest.startswith("n") and rest[1:2] in tuple(_VOWEL):
                roots.append("t" + rest[1:])
        if word[:3] in ("ber", "ter", "per"):
            roots.append(word[3:])
    return roots


def _unsuffixed(word: str) -> list[str]:
    """The word without -an or -kan, where Snowball may cut a root's own last letter."""
    return [
        word[: -len(end)]
        for end in ("kan", "an")
        if word.endswith(end) and len(word) - len(end) >= 4
    ]


def variants(word: str) -> frozenset[str]:
    """Every term one word stands for: the word, its stem, the stems of roots it may hide."""
    return _variants(normalise(word))


@lru_cache(maxsize=65536)
def _variants(word: str) -> frozenset[str]:
    if not word or word in STOPWORDS:
        return frozenset()
    if word.isdigit() or len(word) < 3:
        return frozenset({word})
    bases = [word]
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 4:
            bases.append(word[: -len(particle)])
            break
    terms = set(bases)
    for base in bases:
        terms.add(_stem(base))
        for root in _restored_roots(base):
            terms.add(root)
            terms.add(_stem(root))
            terms.update(_unsuffixed(root))
    return frozenset(term for term in terms if len(term) >= 2)


def index_terms(text: str) -> list[str]:
    """The terms to index for a text, in order (a word's variants sorted, so output is stable)."""
    terms = []
    for word in words(text):
        terms.extend(sorted(_variants(word)))
    return terms


def query_groups(query: str, max_words: int = 12) -> list[frozenset[str]]:
    """One group of alternative terms per query word (AND of ORs); stopwords dropped.

    Only word characters survive, so FTS operators, quotes and parentheses in a
    query are just separators: the result can be quoted into any backend's syntax.
    """
    groups = []
    seen = set()
    for word in words(query):
        group = _variants(word)
        if group and group not in seen:
            seen.add(group)
            groups.append(group)
        if len(groups) >= max_words:
            break
    return groups
