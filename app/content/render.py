"""Course Markdown to sanitised HTML, and the raw HTML, images and links in it that the checker reports."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown import inlinepatterns as ip
from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension, slugify_unicode
from markdown.treeprocessors import Treeprocessor

from app.content.callouts import DEFAULT_TITLES, CalloutExtension

AssetUrl = Callable[[str], str | None]

HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
ALLOWED_TAGS = frozenset(
    {"p", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a", "img", "hr", "br", "sup", "sub"}
    | {"table", "thead", "tbody", "tr", "th", "td", "caption", "div", "section", "aside", "span", "abbr"}
    | {"dl", "dt", "dd"}
    | HEADINGS
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(),  # else nh3 keeps ammonia's default lang and title on every tag
    "a": {"href"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "ol": {"start"},  # sane_lists keeps "3. ..." numbered from 3
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "li": {"id"},  # footnote targets
    "sup": {"id"},  # footnote back-link targets
    **{heading: {"id"} for heading in HEADINGS},
}
# Attributes allowed with these values only (nh3 wants them kept out of ALLOWED_ATTRIBUTES).
ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "aside": {"role": {"note"}},
    "th": {"align": {"left", "center", "right"}},
    "td": {"align": {"left", "center", "right"}},
}
ALLOWED_CLASSES: dict[str, set[str]] = {
    "aside": {"callout", *(f"callout-{kind}" for kind in DEFAULT_TITLES)},
    "p": {"callout-title"},
    "div": {"footnote"},
    "a": {"footnote-ref", "footnote-backref"},
}
# Stripped tags normally leave their text behind; these leave nothing (code, fallbacks, markup-in-markup).
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"}
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EXTERNAL_REL = "noopener noreferrer"

_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_NUMBER_RE = re.compile(r"\d{1,4}")
# nh3 always writes attributes as name="value" with <, >, " and & escaped, so [^>]* is a whole tag here.
_LINK_OR_IMAGE_RE = re.compile(r"<(a|img)\b([^>]*)>")
_ATTRIBUTE_RE = re.compile(r'([a-z-]+)="([^"]*)"')


def render_markdown(text: str, asset_url: AssetUrl, titles: Mapping[str, str] | None = None) -> str:
    """Course Markdown as HTML safe to store and serve.

    asset_url maps an image path written in the course to the URL to serve it from, or None when the path is
    not one of the course's assets; such images (and remote ones) are replaced by their alt text. titles holds
    the default callout titles in the course language (English is used for any kind left out). asset_url is
    trusted: if it raises, nh3 drops that src and reports the error through sys.unraisablehook.
    """
    body = _converter(titles).convert(text)
    clean = nh3.clean(
        body,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ATTRIBUTE_VALUES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_attribute_filter(asset_url),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # added to external links only, below
        strip_comments=True,
    )
    return _LINK_OR_IMAGE_RE.sub(_finish_tag, clean)


_local = threading.local()


def _converter(titles: Mapping[str, str] | None) -> markdown.Markdown:
    """A converter for these callout titles, reset for reuse.

    Building one costs more than converting a short quiz option, and an import converts thousands;
    Markdown objects keep state between calls, so each thread keeps its own and resets it.
    """
    key = tuple(sorted((titles or {}).items()))
    cache = getattr(_local, "converters", None)
    if cache is None:
        cache = _local.converters = {}
    converter = cache.get(key)
    if converter is None:
        converter = cache[key] = _new_converter(titles)
    return converter.reset()


def _new_converter(titles: Mapping[str, str] | None) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            TableExtension(use_align_attribute=True),  # align="..." instead of style, which is never allowed
            "footnotes",
            "sane_lists",
            "fenced_code",
            TocExtension(slugify=slugify_unicode, marker=""),  # heading ids only; no [TOC] box
            CalloutExtension(titles),
            _DemoteH1Extension(),
        ],
        output_format="html",
    )


class _DemoteH1(Treeprocessor):
    def run(self, root: Element) -> None:
        for heading in root.iter("h1"):
            heading.tag = "h2"


class _DemoteH1Extension(Extension):
    """The page has its own h1 (the module title), so a module's top-level headings become h2."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_DemoteH1(md), "demote_h1", 30)


def _attribute_filter(asset_url: AssetUrl) -> Callable[[str, str, str], str | None]:
    """nh3's last word on each allowed attribute (it has already dropped disallowed URL schemes)."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return None if _url_scheme(value) is not None else asset_url(value.strip())
        if attribute == "href":
            return None if _url_scheme(value) == "//" else value
        if attribute in {"colspan", "rowspan", "start"}:
            return value if _NUMBER_RE.fullmatch(value.strip()) else None
        return value

    return keep


def _url_scheme(url: str) -> str | None:
    """The scheme a browser would see in url: lower-case name, "//" for protocol-relative, None for relative."""
    # Browsers drop tabs and newlines anywhere, trim controls and spaces, and read \ as / ("/\host" is "//host").
    url = re.sub(r"[\t\n\r]", "", url).strip("\x00- ").replace("\\", "/")
    if url.startswith("//"):
        return "//"
    match = _SCHEME_RE.match(url)
    return match.group(1).lower() if match else None


def _finish_tag(match: re.Match[str]) -> str:
    """Replace an image that lost its src by its alt text; mark external links; always give images an alt."""
    tag, attributes = match.groups()
    values = dict(_ATTRIBUTE_RE.findall(attributes))
    if tag == "img":
        if "src" not in values:
            return html.escape(html.unescape(values.get("alt", "")), quote=False)
        return match.group(0) if "alt" in values else match.group(0)[:-1] + ' alt="">'
    if _url_scheme(html.unescape(values.get("href", ""))) in {"http", "https"}:
        return match.group(0)[:-1] + f' rel="{EXTERNAL_REL}">'
    return match.group(0)


# --- What the checker reports, with 1-based line numbers. Code blocks and code spans are skipped. ---


def find_raw_html(text: str) -> list[int]:
    """Lines holding raw HTML the sanitiser removes or changes (a tag, an attribute or a URL; not comments)."""
    text = _one_newline(text)
    scanner = _RawHtmlScanner()
    scanner.feed(_blank_matches(_mask_code(text), ip.AUTOLINK_RE, ip.AUTOMAIL_RE))  # <https://...> is a link, not a tag
    scanner.close()
    return sorted(scanner.lines)


class _RawHtmlScanner(HTMLParser):
    """Collects the lines of tags and attributes the sanitiser drops; comments are left out, being invisible anyway."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: set[int] = set()

    def _flag(self, *_args: object) -> None:
        self.lines.add(self.getpos()[0])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS or not all(_attribute_kept(tag, name, value or "") for name, value in attrs):
            self._flag()

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self._flag()

    handle_startendtag = handle_starttag
    handle_decl = handle_pi = unknown_decl = _flag  # <!DOCTYPE>, <?php ?> and <![CDATA[ ]]> are dropped too


def _attribute_kept(tag: str, name: str, value: str) -> bool:
    """Whether the sanitiser keeps this attribute as written (mirrors the nh3 settings above)."""
    if name == "class":
        return tag in ALLOWED_CLASSES and set(value.split()) <= ALLOWED_CLASSES[tag]
    if name in ATTRIBUTE_VALUES.get(tag, {}):
        return value in ATTRIBUTE_VALUES[tag][name]
    if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
        return False
    if name == "href":
        return _url_scheme(value) in URL_SCHEMES | {None}
    if name == "src":
        return _url_scheme(value) is None
    return name not in {"colspan", "rowspan", "start"} or bool(_NUMBER_RE.fullmatch(value.strip()))


_IMAGE_PROCESSORS = (ip.ImageInlineProcessor, ip.ImageReferenceInlineProcessor, ip.ShortImageReferenceInlineProcessor)
_LINK_PROCESSORS = (ip.ReferenceInlineProcessor, ip.LinkInlineProcessor, ip.ShortReferenceInlineProcessor)


def find_images(text: str) -> list[tuple[int, str, str]]:
    """(line, src, alt) of every Markdown image, inline or by reference."""
    masked, references = _without_references(_mask_code(_one_newline(text)))
    found = _find(masked, references, ip.IMAGE_LINK_RE, _IMAGE_PROCESSORS)
    return [(_line(masked, start), el.get("src", ""), el.get("alt", "")) for start, _end, el in found]


def find_links(text: str) -> list[tuple[int, str]]:
    """(line, href) of every Markdown link: inline, by reference (at the line that uses it) and <autolinks>."""
    masked, references = _without_references(_mask_code(_one_newline(text)))
    for start, end, _el in _find(masked, references, ip.IMAGE_LINK_RE, _IMAGE_PROCESSORS):
        masked = _blank(masked, start, end)  # the `[pic]` of `![alt][pic]` is not a link (a link around it still is)
    found = [(start, el.get("href", "")) for start, _end, el in _find(masked, references, ip.LINK_RE, _LINK_PROCESSORS)]
    for pattern, prefix in ((ip.AUTOLINK_RE, ""), (ip.AUTOMAIL_RE, "mailto:")):
        found += [(m.start(), prefix + m.group(1).removeprefix(prefix)) for m in re.finditer(pattern, masked)]
    return [(_line(masked, offset), href) for offset, href in sorted(found)]


References = dict[str, tuple[str, str]]


def _find(
    text: str, references: References, start: str, processors: tuple[type[ip.LinkInlineProcessor], ...]
) -> list[tuple[int, int, Element]]:
    """(start, end, element) of each link or image, read by Python-Markdown's own processors, as on the page."""
    md = markdown.Markdown()
    md.treeprocessors.deregister("inline")  # the processors' unescape() then has no stash to look in: none is made
    md.references = references
    instances = [processor(start, md) for processor in processors]
    found: list[tuple[int, int, Element]] = []
    resume = 0
    for match in _unescaped(re.compile(start), text):
        for instance in instances if match.start() >= resume else ():  # `[r]` of `[text][r]` is not another link
            element, begin, end = instance.handleMatch(match, text)
            if element is not None and begin is not None and end is not None:
                found.append((begin, end, element))
                resume = end
                break
    return found


def _without_references(text: str) -> tuple[str, References]:
    """text without its reference definitions `[id]: url "title"`, and those keyed as Python-Markdown keys them."""
    references = {}
    for match in ReferenceProcessor.RE.finditer(text):
        key = match.group(1).strip().lower()
        if not key.startswith("^"):  # `[^1]: ...` is a footnote, and its text may hold links
            references[key] = (match.group(2).lstrip("<").rstrip(">"), match.group(5) or match.group(6) or "")
            text = _blank(text, *match.span())  # a definition is not a use
    return text, references


def _unescaped(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches not preceded by an odd number of backslashes (`\\[` is a literal bracket)."""
    for match in pattern.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] == "\\":
            start -= 1
        if (match.start() - start) % 2 == 0:
            yield match


def _one_newline(text: str) -> str:
    # Python-Markdown reads \r\n and a lone \r as line ends too; counting "\n" then gives its line numbers.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _blank(text: str, start: int, end: int) -> str:
    """text with start:end turned into spaces, keeping line breaks so offsets and line numbers stay put."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _blank_matches(text: str, *patterns: str | re.Pattern[str]) -> str:
    for pattern in patterns:
        for match in list(re.finditer(pattern, text)):
            text = _blank(text, *match.span())
    return text


def _mask_code(text: str) -> str:
    """text with fenced code, indented code and code spans blanked out: nothing in them is Markdown or HTML."""
    text = _blank_matches(text, FencedBlockPreprocessor.FENCED_BLOCK_RE)
    offset = 0
    for line, is_code in zip(text.split("\n"), _indented_code(text.split("\n")), strict=True):
        if is_code:
            text = _blank(text, offset, offset + len(line))
        offset += len(line) + 1
    for block in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):  # code spans never cross a blank line
        for begin, end in _code_spans(block.group(0)):
            text = _blank(text, block.start() + begin, block.start() + end)
    return text


_LIST_ITEM_RE = re.compile(r"[ ]{0,3}(?:[*+-]|\d+[.)])[ \t]|[ ]{0,3}\[\^[^\]]+\]:")  # footnotes indent like lists


def _indented_code(lines: list[str]) -> list[bool]:
    """Which lines are an indented code block: indented 4+ after a blank line, outside a list or footnote."""
    flags: list[bool] = []
    after_blank, in_list, in_code = True, False, False
    for line in lines:
        if not line.strip():  # a blank line neither starts nor ends a code block
            flags.append(False)
            after_blank = True
            continue
        indented = line.startswith(("    ", "\t"))
        in_code = indented and (in_code or (after_blank and not in_list))
        if not indented:  # a list goes on through lazy lines and ends at a paragraph after a blank line
            in_list = bool(_LIST_ITEM_RE.match(line)) or (in_list and not after_blank)
        flags.append(in_code)
        after_blank = False
    return flags


_BACKTICK = ip.BacktickInlineProcessor(ip.BACKTICK_RE)


def _code_spans(block: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each code span in a block, found by Python-Markdown's own backtick processor."""
    position = 0
    while match := _BACKTICK.compiled_re.search(block, position):
        element, begin, end = _BACKTICK.handleMatch(match, block)
        if isinstance(element, Element) and begin is not None and end is not None:
            yield begin, end
        position = max(end or 0, match.end())
