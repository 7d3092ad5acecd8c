"""Saved documentation pages -> Markdown-like text that keeps headings, code blocks and tables.

bs4 with the lxml parser, named explicitly, copes with malformed markup; navigation is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

_DROP_TAGS = ["nav", "header", "footer", "aside", "script", "style", "noscript", "svg", "form", "button",
              "iframe", "template", "link", "meta"]
_DROP_HINTS = re.compile(r"(^|[-_ ])(nav|navbar|sidebar|breadcrumbs?|toc|menu|footer|cookie|banner|skip)"
                         r"([-_ ]|$)", re.I)
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "dl", "dd", "dt", "figure", "details",
           "summary", "body"}


@dataclass
class Page:
    title: str
    text: str
    anchors: dict[int, str] = field(default_factory=dict)  # 1-based heading line -> anchor id


def _is_noise(tag: Tag) -> bool:
    if tag.name in _DROP_TAGS:
        return True
    if tag.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if tag.get("aria-hidden") == "true":
        return True
    classes = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return bool(_DROP_HINTS.search(classes))


def _inline(tag: Tag | NavigableString) -> str:
    if isinstance(tag, NavigableString):
        return str(tag)
    if tag.name == "code":
        return f"`{tag.get_text()}`"
    if tag.name == "br":
        return "\n"
    return "".join(_inline(c) for c in tag.children if isinstance(c, Tag | NavigableString))


def _clean(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.anchors: dict[int, str] = {}

    def block(self, text: str) -> None:
        if not text.strip():
            return
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines.extend(text.split("\n"))

    def heading(self, level: int, text: str, anchor: str) -> None:
        self.block(f"{'#' * level} {text}")
        if anchor:
            self.anchors[len(self.lines)] = anchor

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.strip() and type(child) is NavigableString:
                    self.block(_clean(str(child)))
                continue
            if not isinstance(child, Tag) or _is_noise(child):
                continue
            name = child.name
            if name and re.fullmatch(r"h[1-6]", name):
                anchor = child.get("id") or ""
                inner = child.find(id=True)
                if not anchor and isinstance(inner, Tag):
                    anchor = inner.get("id") or ""
                text = _clean(child.get_text(" "))
                if text:
                    self.heading(int(name[1]), text, str(anchor))
            elif name == "pre":
                code = child.get_text().strip("\n")
                classes = " ".join(child.get("class") or [])
                inner_code = child.find("code")
                if isinstance(inner_code, Tag):
                    classes += " " + " ".join(inner_code.get("class") or [])
                lang = re.search(r"language-(\w+)", classes)
                self.block(f"```{lang.group(1) if lang else ''}\n{code}\n```")
            elif name == "table":
                self.block(self._table(child))
            elif name in ("ul", "ol"):
                items = [
                    "- " + _clean(_inline(li)) for li in child.find_all("li", recursive=False)
                ]
                self.block("\n".join(i for i in items if i.strip() != "-"))
            elif name in _BLOCKS or name in ("span", "a", "strong", "em") and child.find(["p", "pre", "table"]):
                self.walk(child)
            else:
                self.block(_clean(_inline(child)))

    @staticmethod
    def _table(table: Tag) -> str:
        rows = []
        for tr in table.find_all("tr"):
            cells = [_clean(c.get_text(" ")).replace("|", "\\|") for c in tr.find_all(["th", "td"])]
            if cells:
                rows.append("| " + " | ".join(cells) + " |")
        if len(rows) > 1:
            width = rows[0].count(" | ") + 1
            rows.insert(1, "|" + " --- |" * width)
        return "\n".join(rows)


def extract(html: str) -> Page:
    """Main content of an HTML page as text with headings, code and tables."""
    soup = BeautifulSoup(html, "lxml")
    title_tag = soup.find("title")
    root = soup.find("main") or soup.find("article") or soup.find(role="main") or soup.body or soup
    writer = _Writer()
    if isinstance(root, Tag):
        writer.walk(root)
    h1 = soup.find("h1")
    title = _clean(h1.get_text(" ")) if isinstance(h1, Tag) else ""
    if not title and isinstance(title_tag, Tag):
        title = _clean(title_tag.get_text())
    return Page(title=title, text="\n".join(writer.lines).strip() + "\n", anchors=writer.anchors)
