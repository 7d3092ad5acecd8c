"""Whether a chat question leans on the one before it, and whether it names anything to search for."""

from __future__ import annotations

import re

from index.tokens import tokenize

_FOLLOW_START = re.compile(r"^(and|but|also|so|then|ok(ay)?|what about|how about|what if|why|same)\b", re.I)
_REFERS_BACK = re.compile(r"\b(it|its|that|this|those|these|them|they|there|above|previous|earlier|again)\b", re.I)
_GENERIC = {"often", "should", "about", "them", "whi", "fail", "work", "it", "that", "this", "use", "need", "how",
            "what", "when", "where", "which", "again", "more", "mean", "exampl", "best", "way", "then", "also",
            "and", "but", "can", "could", "would", "get", "make", "set", "error", "there", "they", "those", "these",
            "fix", "happen", "instead", "much", "mani", "time", "do", "doe", "one", "thing", "els", "better"}


def is_follow_up(question: str) -> bool:
    """Whether a question leans on the one before ("and how often?", "what about deletes?").

    Only these get the earlier turns: a small model given an unrelated earlier answer tends to
    repeat it instead of answering.
    """
    return bool(_FOLLOW_START.match(question.strip())) or refers_back(question)


def refers_back(question: str) -> bool:
    """A short question with "it", "that", ...: it may lean on the question before."""
    return len(question.split()) <= 12 and bool(_REFERS_BACK.search(question))


def names_no_topic(question: str) -> bool:
    """"and how often should I do it?" names nothing to search for; "what about deletes?" does."""
    return refers_back(question) and not set(tokenize(question)) - _GENERIC
