"""The one masker: which configuration values are secret, and how text is cleaned of them.

Everything that shows or keeps text a secret could reach (validation logs, saved chats, exports)
goes through here. Hosts, paths and page sizes stay readable: a 404 needs them to be diagnosed.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "****"
SECRET_NAME = re.compile(r"(pass(word)?|secret|token|api_?key|credential|private_?key|auth)", re.I)
PLACEHOLDER = re.compile(r"^(<[^>]*>|\$\{?\w+\}?|your[_-].*|x{3,}|\*+|changeme|string|ENCRYPTED:v1:.*)$", re.I)
_OPAQUE = re.compile(r"^[^\s/:]{16,}$")  # long single tokens: keys, not URLs or sentences
# "my api_token is X", "password: X", "key=X" typed into a question: X is hidden too
_TYPED = re.compile(r"(?i)(\b(?:api[_ ]?)?(?:token|key|password|passwd|secret)\b[\"']?\s*(?:is|=|:)\s*[\"']?)"
                    r"([^\s\"',;]{6,})")
# words that look like credentials even when no configuration named them: "test-token-123",
# "s3cret-pass" (a secret word and a digit), "sk_live_AbC123..." (long, mixed case or many digits)
_CREDENTIAL_WORD = re.compile(r"(?<![\w/.-])(?=[\w-]*\d)(?=[\w-]*[a-z])[\w-]*(?:token|secret|pass|pwd|key)[\w-]*"
                              r"(?![\w/.-])", re.I)
_OPAQUE_WORD = re.compile(r"(?<![\w/.-])(?=\w*\d)(?=\w*[A-Za-z])(?:(?=\w*[A-Z])\w{20,}|[A-Za-z0-9]{20,})"
                          r"(?![\w/.-])")  # not snake_case names


def secret_values(configuration: dict[str, Any]) -> set[str]:
    """Configuration values to hide wherever they could show: secret-named keys, long opaque strings
    and URLs with credentials in them."""
    found = set()
    for key, value in configuration.items():
        text = str(value)
        if len(text) < 4 or PLACEHOLDER.match(text):
            continue
        if SECRET_NAME.search(str(key)) or _OPAQUE.match(text) or re.search(r"://[^/\s]*@", text):
            found.add(text)
    return found


def mask_values(text: str, secrets: list[str] | set[str], mask: str = MASK) -> str:
    """Every known secret value in `text` replaced, longest first (a value may contain another)."""
    for value in sorted(secrets, key=len, reverse=True):
        if len(value) >= 3:
            text = text.replace(value, mask)
    return text


def mask(text: str, secrets: set[str]) -> str:
    """Known configuration values, values typed after "token is" and the like, and words that look
    like credentials: for text a person typed, which may hold secrets no configuration named."""
    text = mask_values(text, secrets, MASK)
    text = _TYPED.sub(lambda m: m.group(1) + MASK if m.group(2) != MASK else m.group(0), text)
    text = _CREDENTIAL_WORD.sub(lambda m: MASK if len(m.group(0)) >= 8 else m.group(0), text)
    return _OPAQUE_WORD.sub(MASK, text)
