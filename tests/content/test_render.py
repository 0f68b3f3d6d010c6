"""Markdown rendering: XSS payloads come out harmless, course features render, the checker's finders see lines."""

import re
from html.parser import HTMLParser

import pytest

from app.content.render import find_images, find_links, find_raw_html, render_markdown

ASSETS = {"images/map.png": "/media/course-1/images/map.png", "images/kit.jpg": "/media/course-1/images/kit.jpg"}

# The test's own idea of safe output, written out rather than imported, so loosening the module shows up here.
SAFE_TAGS = {
    *("p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "a"),
    *("img", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr", "br", "sup", "sub", "div"),
    *("section", "aside", "span", "abbr", "dl", "dt", "dd"),
}
SAFE_ATTRIBUTES = {"href", "src", "alt", "title", "id", "class", "role", "rel", "align", "start", "colspan", "rowspan"}
SAFE_SCHEMES = {"http", "https", "mailto"}


def asset_url(path: str) -> str | None:
    return ASSETS.get(path)


def render(text: str, **kwargs) -> str:
    return render_markdown(text, asset_url, **kwargs)


class Elements(HTMLParser):
    """Every start tag of a fragment with its attributes (entities decoded, as a browser would see them)."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.found.append(("!--", {}))


def elements(fragment: str, tag: str | None = None) -> list[dict[str, str]]:
    return [attrs for name, attrs in Elements(fragment).found if tag is None or name == tag]


def text_of(fragment: str) -> str:
    return "".join(Elements(fragment).text)


def scheme(url: str) -> str | None:
    """What a browser's URL parser makes of the start of url: a scheme, "//" (protocol-relative), or None."""
    url = re.sub(r"[\t\n\r]", "", url).strip("\x00- ").replace("\\", "/")
    if url.startswith("//"):
        return "//"
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


def assert_harmless(output: str) -> None:
    for tag, attrs in Elements(output).found:
        assert tag in SAFE_TAGS, f"<{tag}> in {output!r}"
        assert set(attrs) <= SAFE_ATTRIBUTES, f"<{tag} {attrs}> in {output!r}"
        if "href" in attrs:
            assert scheme(attrs["href"]) in SAFE_SCHEMES | {None}, f"href {attrs['href']!r} in {output!r}"
        if "src" in attrs:
            assert attrs["src"] in ASSETS.values(), f"src {attrs['src']!r} in {output!r}"
    assert "<script" not in output.lower()


XSS = {
    "script tag": "<script>alert(1)</script>",
    "script inline in a paragraph": "Hello <script>alert(1)</script> world",
    "img onerror": "<img src=x onerror=alert(1)>",
    "img onerror on a course asset": '<img src="images/map.png" onerror="alert(1)">',
    "markdown javascript link": "[click](javascript:alert(1))",
    "html javascript link": '<a href="javascript:alert(1)">click</a>',
    "markdown tab-split scheme": "[click](jav&#x09;ascript:alert(1))",
    "html tab-split scheme": '<a href="jav&#x09;ascript:alert(1)">click</a>',
    "html newline-split scheme": '<a href="java\nscript:alert(1)">click</a>',
    "markdown mixed case scheme": "[click](JaVaScRiPt:alert(1))",
    "markdown decimal entity scheme": "[click](&#106;avascript:alert(1))",
    "html hex entity scheme": '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">',
    "markdown &colon; scheme": "[click](javascript&colon;alert(1))",
    "leading spaces before scheme": '<a href="  javascript:alert(1)">click</a>',
    "markdown angle-bracket destination": "[click](<javascript:alert(1)>)",
    "markdown data:text/html link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "html data:text/html link": '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    "vbscript link": "[click](vbscript:msgbox(1))",
    "reference link to javascript": "[click][evil]\n\n[evil]: javascript:alert(1)",
    "autolink javascript": "<javascript:alert(1)>",
    "autolink javascript with slashes": "<javascript://%0aalert(1)>",
    "svg onload": "<svg onload=alert(1)>",
    "script inside svg": "<svg><script>alert(1)</script></svg>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "style element": "<style>body { background: url(javascript:alert(1)) }</style>",
    "style attribute": '<p style="background: url(javascript:alert(1))">styled</p>',
    "html protocol-relative link": '<a href="//evil.example">click</a>',
    "markdown protocol-relative link": "[click](//evil.example/)",
    "backslash protocol-relative link": "[click](/\\evil.example/)",
    "remote markdown image": "![x](https://evil.example/t.png)",
    "protocol-relative image": "![x](//evil.example/t.png)",
    "data: image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "javascript: image": "![x](javascript:alert(1))",
    "image not in the course": "![x](../../secret.png)",
    "math mXSS": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "math href": '<math href="javascript:alert(1)">click</math>',
    "onclick on an allowed tag": '<p onclick="alert(1)">click</p>',
    "onmouseover on an allowed link": '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
    "handler on a heading": '<h2 id="x" onfocus="alert(1)" tabindex="1">x</h2>',
    "details ontoggle": "<details open ontoggle=alert(1)>x</details>",
    "form and input": '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
    "button formaction": '<button formaction="javascript:alert(1)">Go</button>',
    "html comment": "<!-- <script>alert(1)</script> -->",
    "comment trick": "<!--><script>alert(1)</script>-->",
    "entity-encoded script": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "split script tag": "<scr<script>ipt>alert(1)</script>",
    "base href": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "target and rel forged": '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
    "callout title": "> [!practice] <img src=x onerror=alert(1)> Try\n> body",
    "footnote body": "Text[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))",
    "table cell": "| a |\n|---|\n| <img src=x onerror=alert(1)> [x](javascript:alert(1)) |",
}


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_payload_comes_out_harmless(payload):
    assert_harmless(render(payload))


def test_entity_encoded_script_stays_visible_text():
    output = render("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert "script" not in {tag for tag, _ in Elements(output).found}
    assert "<script>alert(1)</script>" in text_of(output)


@pytest.mark.parametrize(
    "markup",
    ["<template><p>hidden</p></template>", "<svg><text>drawn</text></svg>", "<iframe>fallback</iframe>"]
    + ["<noscript><p>Enable JavaScript</p></noscript>", "<math><mi>x</mi></math>"],
)
def test_elements_not_meant_for_reading_leave_nothing_behind(markup):
    assert text_of(render(f"before {markup} after")) == "before  after"


def test_comments_are_dropped():
    assert elements(render("a <!-- secret note --> b"), "!--") == []


# --- course features ---


def test_table_with_alignment_and_no_style():
    output = render("| Phase | Days |\n|:------|-----:|\n| Preparedness | 30 |\n")
    assert "<table>" in output
    assert elements(output, "th") == [{"align": "left"}, {"align": "right"}]
    assert '<td align="left">Preparedness</td>' in output
    assert "style" not in output


def test_footnotes_link_both_ways():
    output = render("Evacuation plans[^plan] matter.\n\n[^plan]: See the MICIC Guidelines.\n")
    assert '<sup id="fnref:plan"><a class="footnote-ref" href="#fn:plan">1</a></sup>' in output
    assert '<div class="footnote">' in output
    assert '<li id="fn:plan">' in output
    assert '<a class="footnote-backref" href="#fnref:plan">' in output


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("## Before a crisis", "before-a-crisis"),
        ("## الاستعداد للأزمات", "الاستعداد-للأزمات"),
        ("## Подготовка к кризису", "подготовка-к-кризису"),
        ("### Café & crème", "café-crème"),
    ],
)
def test_headings_get_readable_ids(heading, anchor):
    assert elements(render(heading))[0] == {"id": anchor}


def test_repeated_headings_get_distinct_ids():
    ids = [attrs["id"] for attrs in elements(render("## Steps\n\n## Steps\n"))]
    assert ids == ["steps", "steps_1"]


def test_h1_is_demoted_to_h2():
    output = render("# Protecting migrants\n\nText\n")
    assert "<h1" not in output
    assert '<h2 id="protecting-migrants">Protecting migrants</h2>' in output


@pytest.mark.parametrize(
    ("kind", "title"), [("key-point", "Key point"), ("case-study", "Case study"), ("practice", "Practice")]
)
def test_callout_with_default_title(kind, title):
    output = render(f"> [!{kind}]\n> Keep contact lists **current**.\n")
    assert output.startswith(
        f'<aside class="callout callout-{kind}" role="note">\n<p class="callout-title">{title}</p>\n'
    )
    assert "<p>Keep contact lists <strong>current</strong>.</p>\n</aside>" in output
    assert "blockquote" not in output


@pytest.mark.parametrize("kind", ["key-point", "case-study", "practice"])
def test_callout_with_own_title(kind):
    output = render(f"> [!{kind}] Lebanon, *2006*\n> Text.\n")
    assert f'<aside class="callout callout-{kind}" role="note">' in output
    assert '<p class="callout-title">Lebanon, <em>2006</em></p>' in output


def test_callout_translated_default_titles_are_plain_text():
    titles = {"key-point": "Point clé", "case-study": "Étude de cas", "practice": "<b>Pratique</b>"}
    output = render("> [!key-point]\n> a\n\n> [!case-study]\n> b\n\n> [!practice]\n> c\n", titles=titles)
    assert '<p class="callout-title">Point clé</p>' in output
    assert '<p class="callout-title">Étude de cas</p>' in output
    assert '<p class="callout-title">&lt;b&gt;Pratique&lt;/b&gt;</p>' in output


def test_callout_missing_from_titles_falls_back_to_english():
    assert '<p class="callout-title">Practice</p>' in render("> [!practice]\n> c\n", titles={"key-point": "X"})


def test_callout_holds_block_markdown_and_ends_at_blank_line():
    output = render("> [!practice]\n> Steps:\n>\n> 1. Call\n> 2. Write\n\n> A plain quote.\n")
    aside, quote = output.split("</aside>")
    assert "<ol>\n<li>Call</li>\n<li>Write</li>\n</ol>" in aside
    assert "<blockquote>\n<p>A plain quote.</p>\n</blockquote>" in quote


def test_unknown_callout_kind_stays_a_blockquote():
    output = render("> [!warning] Careful\n> text\n")
    assert "<blockquote>" in output
    assert "aside" not in output


def test_callout_classes_cannot_be_forged_beyond_the_known_ones():
    output = render('<aside class="callout evil" role="dialog"><p class="callout-title x">t</p></aside>')
    assert elements(output, "aside") == [{"class": "callout"}]
    assert elements(output, "p") == [{"class": "callout-title"}]


def test_image_from_the_course_gets_its_asset_url():
    calls = []

    def recording(path):
        calls.append(path)
        return asset_url(path)

    output = render_markdown('![Evacuation map](images/map.png "Routes")', recording)
    assert calls == ["images/map.png"]
    assert elements(output, "img") == [
        {"alt": "Evacuation map", "src": "/media/course-1/images/map.png", "title": "Routes"}
    ]


def test_image_outside_the_assets_leaves_its_alt_text():
    output = render("See ![the old map](images/missing.png) here, and ![remote](https://evil.example/x.png).")
    assert elements(output, "img") == []
    assert text_of(output) == "See the old map here, and remote."


def test_image_alt_text_left_behind_is_escaped():
    output = render('<img src="https://evil.example/x.png" alt="<b>bold</b> &amp;">')
    assert elements(output, "img") == []
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in output


def test_image_without_alt_keeps_an_empty_alt():
    assert elements(render("![](images/map.png)"), "img") == [{"alt": "", "src": ASSETS["images/map.png"]}]
    assert elements(render('<img src="images/kit.jpg">'), "img") == [{"src": ASSETS["images/kit.jpg"], "alt": ""}]


def test_external_links_get_rel_and_internal_ones_do_not():
    output = render(
        "[IOM](https://www.iom.int/) [plain](http://example.org) [next](03-evacuation.md) "
        "[section](03-evacuation.md#before) [here](#steps) [mail](mailto:micic@iom.int)"
    )
    assert elements(output, "a") == [
        {"href": "https://www.iom.int/", "rel": "noopener noreferrer"},
        {"href": "http://example.org", "rel": "noopener noreferrer"},
        {"href": "03-evacuation.md"},
        {"href": "03-evacuation.md#before"},
        {"href": "#steps"},
        {"href": "mailto:micic@iom.int"},
    ]


def test_protocol_relative_link_loses_its_href_but_keeps_its_text():
    output = render("[evil](//evil.example/) and <a href='\\\\evil.example'>also</a>")
    assert elements(output, "a") == [{}, {}]
    assert text_of(output) == "evil and also"


def test_ordered_list_keeps_its_start_and_lists_stay_apart():
    output = render("3. three\n4. four\n\n- bullet\n")
    assert '<ol start="3">' in output
    assert "<ul>\n<li>bullet</li>\n</ul>" in output


def test_fenced_code_shows_html_as_text():
    output = render("```html\n<script>alert(1)</script>\n```\n")
    assert "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>" in output


def test_allowed_raw_html_is_kept_and_limited():
    output = render('H<sub>2</sub>O, x<sup>2</sup>, <abbr title="International Organization for Migration">IOM</abbr>')
    assert "H<sub>2</sub>O, x<sup>2</sup>" in output
    assert '<abbr title="International Organization for Migration">IOM</abbr>' in output


def test_raw_table_keeps_numeric_spans_only():
    output = render('<table><tr><td colspan="2" rowspan="x" align="center" style="color:red">c</td></tr></table>')
    assert elements(output, "td") == [{"colspan": "2", "align": "center"}]


# --- what the checker reports ---

DOCUMENT = """\
# Module
Text with <sup>2</sup> and a <br> line.
<p onclick="alert(1)">click</p>
<iframe src="https://evil.example"></iframe>
Inline `<script>` code and <https://example.org> and <micic@iom.int>.
<!-- a note for other authors -->

```html
<script>alert(1)</script>
![in fence](images/fence.png) [in fence](fence.md)
```

    <form>indented code</form>

- item

    <b>in the item</b>
![Map](images/map.png) and [next](03-evacuation.md#before) `[not](code.md)`
\\[not a link](escaped.md) and [^1] is a footnote
[ref link][guide] and ![ref image][pic] and [guide]

[guide]: https://micicinitiative.iom.int/guidelines "Guidelines"
[pic]: images/kit.jpg
[^1]: Footnote with [a link](04-return.md).
<a href="javascript:alert(1)">bad</a> <a href="https://ok.example">ok</a>
"""


def test_find_raw_html_lines():
    # 2: <sup> and <br> are allowed; 5: code span and autolinks are not tags; 6: comments are not reported;
    # 8-11 and 13: code; 17: list content, not code; 25: only the javascript: link counts.
    assert find_raw_html(DOCUMENT) == [3, 4, 17, 25]


def test_find_raw_html_reports_both_ends_of_a_long_element():
    assert find_raw_html("<div>\n<span style='x'>a</span>\n<center>b\n</center>\n</div>") == [2, 3, 4]


def test_find_raw_html_reports_what_the_sanitiser_changes_only():
    text = (
        '<a href="03-evacuation.md">ok</a> <abbr title="Guideline">G</abbr>\n'
        '<img src="https://evil.example/x.png" alt="x">\n'
        '<span class="callout">a class only callouts have</span>\n'
        '<td align="middle">x</td>\n'
        "<?php echo 1; ?>\n"
    )
    assert find_raw_html(text) == [2, 3, 4, 5]


def test_find_images_lines():
    assert find_images(DOCUMENT) == [(18, "images/map.png", "Map"), (20, "images/kit.jpg", "ref image")]


def test_find_links_lines():
    assert find_links(DOCUMENT) == [
        (5, "https://example.org"),
        (5, "mailto:micic@iom.int"),
        (18, "03-evacuation.md#before"),
        (20, "https://micicinitiative.iom.int/guidelines"),
        (20, "https://micicinitiative.iom.int/guidelines"),
        (24, "04-return.md"),
    ]


def test_finders_count_windows_line_endings():
    text = "Intro\r\n\r\n![Map](images/map.png)\r\n<p onclick='x'>a</p>\r\n[next](02.md)\r\n"
    assert find_images(text) == [(3, "images/map.png", "Map")]
    assert find_raw_html(text) == [4]
    assert find_links(text) == [(5, "02.md")]


def test_finders_on_nested_image_link_and_titles():
    text = 'Intro\n\n[![Logo](images/map.png "Map")](https://www.iom.int/ "IOM")\n'
    assert find_images(text) == [(3, "images/map.png", "Logo")]
    assert find_links(text) == [(3, "https://www.iom.int/")]


def test_unclosed_fence_is_not_code():
    # Python-Markdown needs the closing fence too; without it the lines are ordinary Markdown.
    assert find_images("```\n![Map](images/map.png)\n") == [(2, "images/map.png", "Map")]
