"""Milliseconds to render and sanitise one realistic course module (about 2,000 words).

Run: python bench/render.py [--rounds 200]
Prints the module's size and the mean (and median) milliseconds per render_markdown call.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.content.render import render_markdown  # noqa: E402

ASSETS = {f"images/figure-{n}.png": f"/media/course-1/images/figure-{n}.png" for n in range(1, 4)}

PARAGRAPH = (
    "Migrants caught in a country in crisis often lack the networks, documents and language skills that "
    "citizens rely on. **Consular staff** and *emergency managers* share the work of reaching them before, "
    "during and after the crisis; the [MICIC Guidelines](https://micicinitiative.iom.int/guidelines) set out "
    "who does what, and [the next module](03-evacuation.md#before-a-crisis) explains evacuation planning{note}."
)

SECTION = """\
## {title}

{p1}

{p2}

> [!key-point] What to remember
> Keep contact lists **current** and in the languages migrants read.
>
> - Agree on one hotline number.
> - Share it with employers and community leaders.

| Phase | Who leads | Typical actions |
|:------|:---------:|----------------:|
| Preparedness | Host state | Contact lists, drills, *pre-positioned* supplies |
| Emergency response | Host state with consulates | Warnings, shelter, evacuation |
| Post-crisis | Origin and host states | Documents, return, reintegration |

{p3}

![Evacuation routes for figure {n}](images/figure-{n}.png "Figure {n}")

> [!case-study]
> During a flood, a consulate used `SMS broadcasts` and a shared spreadsheet to locate {n}00 nationals.

1. Identify the migrants present.
2. Map their locations and needs.
3. Agree on roles with the host state.

{p4}

> [!practice] Try it
> Draft a message announcing the hotline, in two languages.
"""


def module_text() -> str:
    titles = ["Before a crisis", "Early warning", "Evacuation", "Shelter and assistance", "After the crisis", "Return"]
    sections = []
    for n, title in enumerate(titles, start=1):
        paragraphs = {f"p{k}": PARAGRAPH.format(note=f"[^{n}-{k}]" if k % 2 else "") for k in range(1, 5)}
        sections.append(SECTION.format(title=title, n=n % 3 + 1, **paragraphs))
    notes = [f"[^{n}-{k}]: Guideline {n}, practice {k}: see the MICIC Guidelines." for n in range(1, 7) for k in (1, 3)]
    return "# Module 2: Protecting migrants\n\n" + "\n".join(sections) + "\n" + "\n".join(notes) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    text = module_text()
    render_markdown(text, ASSETS.get)  # warm up imports and regex caches
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        render_markdown(text, ASSETS.get)
        timings.append((time.perf_counter() - start) * 1000)
    html = render_markdown(text, ASSETS.get)
    print(f"module: {len(text.split())} words, {len(text)} characters of Markdown, {len(html)} of HTML")
    print(f"render_markdown: mean {statistics.mean(timings):.2f} ms, median {statistics.median(timings):.2f} ms")
    print(f"({rounds} renders)")


if __name__ == "__main__":
    main()
