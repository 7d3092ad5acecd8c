"""BM25 tokens: identifiers split on snake_case and camelCase, English stems, no stop words."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*|[0-9]+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_STOP_WORDS = (
    "a an and are as at be by can do does for from has have how i if in into is it its my of on or so that the "
    "their then there these this to was we what when where which while will with you your"
)
STOP = frozenset(_STOP_WORDS.split())


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


# Words developers use for SDK concepts that the docs and examples name differently. Applied to
# queries only, so a question about "resuming" also finds text about checkpoints and state.
QUERY_SYNONYMS = {
    "resume": "checkpoint state", "resumes": "checkpoint state", "restart": "checkpoint state",
    "interrupted": "checkpoint state", "progress": "checkpoint state",
    "remove": "delete", "removed": "delete", "empty": "truncate", "wipe": "truncate",
    "paginate": "pagination", "paging": "pagination", "credentials": "auth",
}


def query_tokens(text: str) -> list[str]:
    words = [text]
    words += [QUERY_SYNONYMS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in QUERY_SYNONYMS]
    return tokenize(" ".join(words))


def tokenize(text: str) -> list[str]:
    words: list[str] = []
    for word in _WORD.findall(text):
        parts = _CAMEL.findall(word)
        lowered = word.lower()
        if lowered not in STOP and len(lowered) > 1:
            words.append(lowered)
        if len(parts) > 1:
            words += [p.lower() for p in parts if len(p) > 1 and p.lower() not in STOP]
    # snake_case: the regex already split on "_", the joined form adds precision
    words += [m.lower() for m in re.findall(r"[A-Za-z]+(?:_[A-Za-z0-9]+)+", text)]
    return _stemmer().stemWords(words)
