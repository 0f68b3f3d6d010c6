"""Callout boxes (key point, case study, practice) written by trainers as `> [!kind] Optional title`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.etree.ElementTree import Element, SubElement

from markdown import Markdown, util
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor, BlockQuoteProcessor
from markdown.extensions import Extension

DEFAULT_TITLES = {"key-point": "Key point", "case-study": "Case study", "practice": "Practice"}

# The same first-quote-line search as Python-Markdown's blockquote, so a callout starts exactly where a
# blockquote would (a paragraph line right above it stays a paragraph).
_QUOTE_RE = BlockQuoteProcessor.RE
_MARKER_RE = re.compile(r"[ ]{0,3}>[ ]?\[!(?P<kind>[A-Za-z-]+)\][ \t]*(?P<title>[^\n]*)")


class CalloutProcessor(BlockProcessor):
    """Turns a blockquote whose first line is `[!key-point]`, `[!case-study]` or `[!practice]` into an aside."""

    def __init__(self, parser: BlockParser, titles: Mapping[str, str]) -> None:
        super().__init__(parser)
        self.titles = titles

    def _marker(self, block: str) -> re.Match[str] | None:
        quote = _QUOTE_RE.search(block)
        if quote is None:
            return None
        start = quote.start() + (1 if quote.group(1) else 0)
        marker = _MARKER_RE.match(block, start)
        # An unknown kind ([!note]) stays an ordinary blockquote, shown as written.
        if marker is None or marker.group("kind").lower() not in DEFAULT_TITLES:
            return None
        return marker

    def test(self, parent: Element, block: str) -> bool:
        return self._marker(block) is not None and not util.nearing_recursion_limit()

    def run(self, parent: Element, blocks: list[str]) -> bool | None:
        block = blocks.pop(0)
        marker = self._marker(block)
        if marker is None:  # not reached after test(); False hands the block back to the next processor
            blocks.insert(0, block)
            return False
        self.parser.parseBlocks(parent, [block[: marker.start()]])
        kind = marker.group("kind").lower()
        aside = SubElement(parent, "aside", {"class": f"callout callout-{kind}", "role": "note"})
        title = SubElement(aside, "p", {"class": "callout-title"})
        # A trainer's title may use inline Markdown; a default title is plain text whatever it contains.
        title.text = marker.group("title").strip() or util.AtomicString(self.titles.get(kind, DEFAULT_TITLES[kind]))
        body = block[marker.end() :].removeprefix("\n")
        self.parser.state.set("blockquote")  # as a blockquote does: paragraphs get <p> even inside a list item
        self.parser.parseChunk(aside, "\n".join(_unquote(line) for line in body.split("\n")))
        self.parser.state.reset()
        return None


def _unquote(line: str) -> str:
    """A callout line without its leading `>` (lazy continuation lines have none)."""
    if line.strip() == ">":
        return ""
    quoted = _QUOTE_RE.match(line)
    return quoted.group(2) if quoted else line


class CalloutExtension(Extension):
    """Registers the callout block just before Python-Markdown's blockquote (priority 20)."""

    def __init__(self, titles: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.titles = dict(titles or {})

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.parser.blockprocessors.register(CalloutProcessor(md.parser, self.titles), "callout", 21)
