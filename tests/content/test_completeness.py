"""Completeness of the security toolkit's content, checked against the source text extraction.

The expected items are read from the SOURCE TEXT (``source/security-toolkit-2022.txt``), not from the YAML: each page's
range in the source is found by its heading line ("TOOL 9: PROJECT DESIGN CHECKLIST" ... next heading), and small
per-page parsers pull out the questions, prompts, risks, results, indicators, glossary terms, acronyms and
footnotes. Where the extraction is too mangled for a parser (Tool 5, the split columns of Tool 11, a few prompts
broken across cells, the duplicated risk cells of Tool 6), a hand-made list written from reading the source is kept
in this file.

The YAML items of each page are then compared with the expectation: the count per answer kind, the printed
numbers in order, the section each item stands in, its footnote markers and its wording. Wording is compared after
normalisation (lower case, no punctuation, hyphens and apostrophes dropped so that "know-how"/"knowhow" and
"userfriendly"/"user-friendly" agree, footnote markers and links removed), with a similarity ratio for text that a
parser read from an intact source line (at most one word in thirty may differ: a letter lost at a cell's edge, a
word restored from a truncated line), and, for the hand-made lists, an exact match of the opening and closing words
plus a similarity check of the whole text against the source passage between them.

Besides the items: Tool 8's specific objectives and Annex VII's expected results (section titles there), the
glossary terms and definitions, the acronyms, every page's footnotes (labels, texts, citations, and the place of
each marker the source prints as a superscript), a body check that every passage of the page's source range is on
the page (mended, or quoted in an editorial note or in an editors' `mended:` entry), a check that no reader note
speaks of the extraction, and a few sentences per page checked verbatim in the rendered
page.

Run: HANDBOOK_CONTENT=<repo>/content python -m pytest tests/content/test_completeness.py -q
"""
from __future__ import annotations

import html
import os
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from handbook import load_content, render_page
from support import EXTRACTION_WORDS

CONTENT = Path(os.environ.get("HANDBOOK_CONTENT", Path(__file__).resolve().parents[2] / "content"))
# The publication's own text, copied into the repository under its licence (see source/README.md).
SOURCE = Path(__file__).resolve().parent / "source" / "security-toolkit-2022.txt"
PUBLICATION = "security-toolkit"

#: Similarity a parsed item's text must reach against its source text (after normalisation).
RATIO = 0.9
#: Similarity for a hand-listed item whose end is lost in the extraction (compared from its opening words).
LOOSE = 0.85

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_MAP = str.maketrans(SUP, "0123456789")

SUBSECTORS = ["Security Sector Reform", "Transnational and Organized Crime", "Conflict Prevention", "Stabilization"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]


# --------------------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------------------

def clean_yaml(text: str) -> str:
    """Drop Markdown that the source does not have: footnote markers, link targets, gap marks."""
    text = re.sub(r"\[\^[A-Za-z0-9-]+\]", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("[…]", " ").replace("[...]", " ")


def clean_src(text: str) -> str:
    """Drop the source's footnote markers (superscripts, ``^{12.}``)."""
    text = re.sub(r"\^\{[^}]*\}", " ", text)
    return re.sub(f"[{SUP}]+", " ", text)


def words(text: str) -> list[str]:
    text = text.lower().replace("&amp;", "&")
    text = re.sub(r"[\-\u00ad\u2010-\u2015'\u2018\u2019]", "", text)  # hyphens, dashes, apostrophes: join
    text = re.sub(r"[^0-9a-zà-öø-ÿ]+", " ", text)
    return text.split()


def squash(text: str) -> str:
    return "".join(words(text))


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def word_edits(a: list[str], b: list[str]) -> int:
    """Words inserted, deleted or replaced between a and b; a word split in two ("protection sensitive" for
    "protection-sensitive") is no edit."""
    n = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal" and "".join(a[i1:i2]) != "".join(b[j1:j2]):
            n += max(i2 - i1, j2 - j1)
    return n


def differs(source: str, yaml_text: str) -> str:
    """Return why ``yaml_text`` is not the source text mended, or "" when it is.

    Both are normalised; they must be similar (ratio >= RATIO) and differ by at most one word in thirty (at
    least one word: a letter lost at a cell's edge, a word restored from a truncated line).
    """
    a, b = words(clean_src(source)), words(clean_yaml(yaml_text))
    r = ratio("".join(a), "".join(b))
    edits, allowed = word_edits(a, b), max(1, len(a) // 30)
    if r < RATIO or edits > allowed:
        return f"similarity {r:.2f} (min {RATIO}), {edits} words differ (max {allowed})"
    return ""


def join_split(a: str, b: str) -> str:
    """Join a word split across two table cells; the letter at the split is often printed in both
    ("you" + "ur" for "your", "Fore" + "estry" for "Forestry")."""
    if a and b and a[-1] == b[0]:
        return a + b[1:]
    return a + b


def sup_labels(text: str) -> list[str]:
    """Footnote numbers printed as superscripts in a source text."""
    return [m.translate(SUP_MAP) for m in re.findall(f"[{SUP}]+", text)]


def yaml_labels(text: str) -> list[str]:
    return re.findall(r"\[\^([A-Za-z0-9-]+)\]", text)


# --------------------------------------------------------------------------------------------------------------
# The source and its page ranges
# --------------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def source_lines() -> tuple[str, ...]:
    return tuple(SOURCE.read_text(encoding="utf-8").splitlines())


def _heading_patterns():
    pats = [("acronyms", r"ACRONYMS"), ("glossary", r"GLOSSARY OF TERMS\S*"), ("introduction", r"INTRODUCTION"),
            ("section-1", r"SECTION 1"), ("section-2", r"SECTION 2")]
    pats += [(f"tool-{n:02d}", rf"TOOL {n}: .+") for n in range(1, 12)]
    pats += [("_annexes", r"ANNEXES")]
    pats += [(f"annex-{i:02d}", rf"ANNEX {r}: .+") for i, r in enumerate(ROMAN, 1)]
    pats += [("references", r"REFERENCES")]
    return pats


@lru_cache(maxsize=None)
def page_ranges() -> dict[str, tuple[int, int]]:
    """Line ranges of the pages in the source, found by their heading lines (table-of-contents lines have tabs)."""
    lines = source_lines()
    starts = []
    for pid, pat in _heading_patterns():
        found = [i for i, line in enumerate(lines) if "\t" not in line and re.fullmatch(pat, line.strip())]
        assert found, f"heading of {pid} not found in the source"
        starts.append((pid, found[0]))
    assert [s for _, s in starts] == sorted(s for _, s in starts), "source headings out of order"
    toc = next(i for i, line in enumerate(lines) if line.strip() == "TABLE OF CONTENTS")
    ranges = {"about": (0, toc)}
    for (pid, start), (_, end) in zip(starts, starts[1:] + [("_end", len(lines))]):
        if not pid.startswith("_"):
            ranges[pid] = (start, end)
    return ranges


def src(pid: str) -> list[str]:
    a, b = page_ranges()[pid]
    return list(source_lines()[a:b])


def cells_of(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


# --------------------------------------------------------------------------------------------------------------
# Expected items
# --------------------------------------------------------------------------------------------------------------

@dataclass
class E:
    """One expected item. ``text`` is compared by similarity; ``prefix``/``suffix`` exactly (hand-made lists)."""

    kind: str
    number: str = ""
    text: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    group: str | None = None          # a section title on the item's path starts with this
    cell: tuple | None = None         # items with the same cell stand in the same section, others not
    contains: str | None = None       # the item's text contains these words
    markers: tuple = ()               # footnote labels cited in the item's text
    details: list | None = None       # expected mitigation measures (Tool 6)
    alt: tuple = ()                   # other acceptable texts

    def show(self) -> str:
        body = self.text or self.prefix or self.contains or ""
        return f"{self.kind} {self.number or '-'} {body[:70]!r}"


NUM_ONLY = re.compile(r"^(\d+)\.$")
NUM_TEXT = re.compile(r"^(\d+)\.\s+(.*)$")
EMBEDDED_NUM = re.compile(r"\s(\d+)\.\s+(?=[A-Z])")


def _split_numbered(text: str, first: str | None):
    """Split '3. Do ...? 4. What ...?' into [(3, 'Do ...?'), (4, 'What ...?')]."""
    parts = EMBEDDED_NUM.split(" " + text if first is None else text)
    out = []
    if first is not None:
        out.append([first, parts[0].strip()])
    elif parts[0].strip():
        out.append([None, parts[0].strip()])
    for i in range(1, len(parts), 2):
        out.append([parts[i], parts[i + 1].strip()])
    return out


def parse_numbered_table(lines, groups, kind):
    """Parse a question table: group name in the first column, numbered questions, 'Note ...' prompts.

    Returns [E] with numbers as printed; a question whose number was lost gets the next number in its group.
    """
    items: list[E] = []
    group, last, pending = None, 0, None
    for line in lines:
        if "\t" not in line and not line.startswith("Note "):
            continue
        cells = cells_of(line)
        if any(c.endswith("stions") for c in cells):  # header rows, "Que | estions" too
            continue
        for c in cells:
            if not c:
                continue
            name = next((g for g in groups if c.startswith(g)), None)
            if name:
                group, last = name, 0
                rest = c[len(name):].strip()
                if not rest or "Relevant" in rest:
                    continue
                c = rest
            if NUM_ONLY.match(c):
                pending = NUM_ONLY.match(c).group(1)
                continue
            m = NUM_TEXT.match(c)
            if m:
                found = _split_numbered(m.group(2), m.group(1))
            elif c.startswith("Note "):
                items.append(E("text", "", c, group=group, cell=(group,)))
                pending = None
                continue
            elif "?" in c and len(c.split()) >= 3 and c[0].isupper():
                found = _split_numbered(c, pending)
            elif c[0].islower() and "sub-sectors" not in c and "Relevant" not in c and items:
                items[-1].text += " " + c
                continue
            else:
                continue
            for num, text in found:
                if num is None:
                    num = str(last + 1)
                last = int(num)
                items.append(E(kind, f"{num}.", text, group=group, cell=(group,)))
            pending = None
    return items


def override(items, group, number, **kw):
    """Replace the parsed text of one item by a hand-made expectation."""
    hits = [e for e in items if e.group == group and e.number == number]
    assert len(hits) == 1, (group, number, hits)
    hits[0].text = kw.pop("text", None)
    for k, v in kw.items():
        setattr(hits[0], k, v)


# ---- Tool 1 --------------------------------------------------------------------------------------------------

def exp_tool01():
    rows, supports, prompt = [], [], None
    for line in src("tool-01"):
        if "\t" not in line:
            continue
        cells = cells_of(line)
        if cells[0] == "Areas":
            continue
        if cells[0].startswith("Based on you"):
            prompt = join_split(cells[0], cells[1])  # "Based on you" | "ur context, ...": "your" split
        elif cells[0] and len(cells) > 1 and cells[1]:
            rows.append([cells[0], cells[1]])
        elif not cells[0] and len(cells) > 1 and cells[1].startswith("For support"):
            supports.append(cells[1])
    lacking = [r for r in rows if "For support" not in r[1]]
    assert len(lacking) == len(supports) == 2, "Tool 1: support lines of Budget/Guiding Principles not found"
    for row, sup in zip(lacking, supports):
        row[1] += " " + sup
    out = [E("text", "", q, group=area, cell=(area,)) for area, q in rows]
    out.append(E("text", "", prompt))
    return out


# ---- Tool 2 --------------------------------------------------------------------------------------------------

T2_GROUPS = ["Immigration", "Emigration, diaspora and remittances", "Labour migration", "Return migration",
             "Displacement", "Environmental migration", "Migrants in vulnerable"]


def exp_tool02():
    items = parse_numbered_table(src("tool-02"), T2_GROUPS, "text")
    # The first two environmental-migration questions lost their numbers and run together in one cell; the
    # printed "3." that follows shows there are two of them, the second one beginning "Are the impacts".
    env = [e for e in items if e.group == "Environmental migration"]
    first = env[0]
    head, tail = first.text.split(" Are the impacts", 1)
    first.text = head
    items.insert(items.index(first) + 1, E("text", "2.", "Are the impacts" + tail, group=first.group,
                                           cell=first.cell))
    return items


# ---- Tool 3 --------------------------------------------------------------------------------------------------

def exp_tool03():
    return parse_numbered_table(src("tool-03"), SUBSECTORS, "yes-no")


# ---- Tool 4 --------------------------------------------------------------------------------------------------

T4_FOLLOW_UPS = ("If so, how?", "What kind of support do they need?", "Do they consider it negatively",
                 "In which sectors?", "If yes, does it include migration?")
T4_GROUP_TITLES = ["Migrants", "Communities impacted by migration", "National governments",
                   "Subnational governments", "Civil society", "Private sector", "International organizations",
                   "Other development and regional cooperation agencies"]


def _t4_questions(cell: str) -> list[str]:
    cell = re.sub(r"Click if should be [a-z ]+:", " ", cell)
    cell = re.sub(r"^\s*1\.\s+", "", cell).strip()
    parts = [p for p in re.split(r"(?<=\?)\s+(?=[A-Z])", cell) if p.strip()]
    out = []
    for p in parts:
        if out and p.startswith(T4_FOLLOW_UPS):
            out[-1] += " " + p
        else:
            out.append(p)
    return out


def exp_tool04():
    items, qr_groups, in_qr = [], [], False
    for line in src("tool-04"):
        if "\t" not in line:
            continue
        cells = cells_of(line)
        if cells[0].startswith("Quick reference"):
            in_qr = True
            continue
        if in_qr:
            if cells[0] == "partners":  # "Key government" / "partners": one name over two lines
                qr_groups[-1] += " partners"
            elif cells[0]:
                qr_groups.append(cells[0])
            text = join_split(cells[1], cells[2] if len(cells) > 2 else "")  # "... Fore" | "estry"
            items.append(E("tick", "", text, cell=("qr", len(qr_groups) - 1)))
            continue
        if len(cells) >= 4 and "?" in cells[1]:
            name = re.sub(r"\s*Relevant sub-sectors:\s*$", "", cells[0]).strip()
            title = next(t for t in T4_GROUP_TITLES if name.startswith(t))
            for col, cell in zip(("Experience", "Roles", "Needs"), cells[1:4]):
                for n, q in enumerate(_t4_questions(cell), 1):
                    items.append(E("text", f"{n}.", q, group=title, cell=(title, col)))
            items.append(E("roles", "", contains=name, group=title))
    # the quick reference's groups are titled as in the source's first column, its two lines joined
    for e in items:
        if e.cell and e.cell[0] == "qr":
            e.group = qr_groups[e.cell[1]]
    return items


# ---- Tool 5 (hand-made: the extraction runs the interventions of a cell together, numbers mostly lost) -------

T5 = {
    "Security Sector Reform": [
        [("Institute a complaints and feedback mechanism, in a consultative manner", "and other community members"),
         ("Build the capacities of security actors to implement", "and other community members"),
         ("Improve the effectiveness of security institutions", "civilian oversight of security forces"),
         ("Implement community policing schemes", "community engagement and social cohesion")],
        [("Establish a Migrant Resource Centre where information", "available are communicated"),
         ("Build the understanding of security actors on the rights", "targeted capacity development efforts")],
        [("Support measures that encourage the recruitment of a diverse", "background and language skills"),
         ("Support partner governments efforts to employ migrant women", "a diverse and representative workforce"),
         ("Propose institutional changes or reforms", "perspectives, such as from migrants")],
    ],
    "Transnational and Organized Crime": [
        [("Assess the types of inequalities and vulnerabilities", "develop strategies and plans to address them"),
         ("Support partner countries' efforts to review and revise", "adequate housing, and employment opportunities")],
        [("Work with partner countries to reinforce cross-border", "security forces and law enforcement services"),
         ("Support efforts to make security services", "transnational crime, and migration governance")],
        [("Build the capacities of law enforcement to implement", "human rights and the rule of law"),
         ("Institute a complaints and feedback mechanism, where individuals", "misconduct or rights violations"),
         ("Ensure that participation of victims of trafficking", "victim / witnesses (UNODC, 2021a)")],
        [("Develop a campaign to communicate to the general public", "human trafficking cases and report them"),
         ("Work with partner countries to make sure that timely", "measures (e.g. regulation of labour)")],
    ],
    "Conflict Prevention": [
        [("Implement conflict prevention efforts with a whole of community", "address challenges that threaten peace"),
         ("Support the inclusion of migrants and communities in decision-making", "trust building measures between the two"),
         ("Offer vocational and skills training to migrants", "their integration within the labour market"),
         ("Work with the diaspora to leverage their transnational", "to support conflict prevention efforts"),
         ("Build the capacity of local actors to reduce", "early warning, and conflict resolution mechanisms")],
        [("Facilitate exchanges between political and civic actors", "at the earliest possible stage"),
         ("Work with partner countries to build regional networks", "effectively in civilian crisis management"),
         ("Utilize tools like the Displacement Tracking Matrix (DTM)", "of migration and stability dynamics (FSMI)")],
        [("Work with partner countries to implement conflict sensitivity", "are aiming to mainstream migration"),
         ("Facilitate inter and intracommunity dialogue", "for these to be resolved"),
         ("Create or strengthen existing conflict resolution mechanisms", "the tensions between migrants and communities"),
         ("Support partner countries (especially local government", "with high percentages of migrants")],
    ],
    "Stabilization": [
        [("Support the inclusion of displaced persons in", "development efforts through community-based planning"),
         ("In full respect of do no harm and conflict sensitivity", "markets and small bridges, etc."),
         ("Support community public works projects", "participation and create job opportunities"),
         ("Work on environmental restoration/renewal projects", "assets and common services (IOM, 2016)")],
        [("Vocational training and small business support initiatives", "with displaced persons and communities"),
         ("Offer support to businesses and cooperatives", "open source technology or solar street lighting")],
        [("Promote and support community-based planning processes", "and community-driven recovery process"),
         ("Identify \"peace actors\" in the community", "basis for intercommunal engagement (IOM, 2016)")],
    ],
}
T5_NOTE = "Note any potential interventions that should be considered."


def exp_tool05():
    items = []
    for sub, problems in T5.items():
        for p, interventions in enumerate(problems, 1):
            for n, (prefix, suffix) in enumerate(interventions, 1):
                items.append(E("tick", f"{n}.", prefix=prefix, suffix=suffix, group=sub, cell=(sub, p)))
        items.append(E("text", "", T5_NOTE, group=sub, cell=(sub, "note")))
    # the hand list is kept honest against the source: every intervention's opening words are in it
    text = squash(clean_src(" ".join(src("tool-05"))))
    missing = [e.prefix for e in items if e.prefix and squash(e.prefix)[:40] not in text]
    assert not missing, f"Tool 5 hand list: opening words not in the source: {missing}"
    return items


# ---- Tool 6 --------------------------------------------------------------------------------------------------

T6_LOST_MEASURE = ("Context and risk analysis should be regularly updated to feed into the dynamic implementation "
                   "of the intervention to prevent and mitigate safety.")


def exp_tool06():
    risks = []
    for line in src("tool-06"):
        if "\t" not in line:
            continue
        cells = cells_of(line)
        if "L" in cells or any(c.startswith(("Indicat", "Indica", "Examples of risks")) for c in cells):
            continue  # header rows and the damaged copy of the last risk's measures (it carries "L M H")
        first, rest = cells[0], [c for c in cells[1:] if len(c.split()) >= 4]
        if first and len(first.split()) >= 5:
            risks.append(E("low-medium-high", "", first, details=[]))
        for c in rest:
            if c[0].islower():
                continue  # damaged copy whose opening words are lost ("to initiating any actions ...")
            risks[-1].details.append(c)
    # The last risk's third measure survives only in the damaged copies (with "regular updated"); hand-made.
    assert any("Context and risk analysis should be regular updated" in line for line in src("tool-06"))
    risks[-1].details.append(T6_LOST_MEASURE)
    return risks


# ---- Tool 7 --------------------------------------------------------------------------------------------------

INPUTS = "Add inputs based on your context"
T7_RESULT = re.compile(r"(?:^|\s)(\d\.\d(?:\.\d)?):\s*")


def exp_tool07():
    lines = src("tool-07")
    start = next(i for i, line in enumerate(lines) if line.startswith("CHANGE IN"))
    items, bullets, skip_next = [], [], False

    def flush():
        text = " ".join(bullets).replace("**", "")
        parts = T7_RESULT.split(" " + text)
        for i in range(1, len(parts), 2):
            num = parts[i]
            items.append(E("tick", num, parts[i + 1].strip(), group=SUBSECTORS[int(num[0]) - 1],
                           cell=(len(num), num[0])))
        bullets.clear()

    impacts = 0
    for line in lines[start + 1:]:
        line = line.strip()
        if not line:
            continue
        if skip_next:
            skip_next = False
            continue
        if line == "Assumption":
            skip_next = True
            continue
        if line == "Activities":
            break
        if sorted(line.lower().split()) == sorted(INPUTS.lower().split()):
            flush()
            items.append(E("text", "", INPUTS))
            continue
        if line.startswith("- "):
            bullets.append(line[2:])
            continue
        if line.isupper() or line.startswith("INSTITUTIONAL"):
            continue
        items.append(E("tick", "", line, group=SUBSECTORS[impacts], cell=("impact", impacts)))
        impacts += 1
    flush()
    return items


# ---- Tool 8 and Annex VII: indicators in the third column, objectives/results in the second ------------------

def _columns(pid, ind_re):
    ind, obj = [], []
    for line in src(pid):
        if "\t" not in line:
            continue
        cells = line.split("\t")
        if cells[0].strip().startswith("Sub-sector"):
            continue
        for idx, c in enumerate(cells[1:], 1):
            c = c.strip()
            if not c:
                continue
            if ind_re.search(c) or idx == 2:
                ind.append(c)
            elif idx == 1:
                obj.append(c)
    return " ".join(ind), " ".join(obj)


def _split_marked(text, num_re):
    parts = num_re.split(" " + text)
    out = []
    for i in range(1, len(parts), 2):
        body = parts[i + 1].strip()
        markers = sup_labels(body)
        plain = re.search(r"\.\s+(\d{2})\s*$", body)  # footnote markers printed as plain digits: "... all. 59"
        if plain:
            markers.append(plain.group(1))
            body = body[:plain.start() + 1]
        out.append((parts[i].replace(":", "."), body, tuple(markers)))
    return out


T8_IND = re.compile(r"(?<!\d)(?<!\d\.)(\d\.\d\.[a-z]):\s*")
T8_OBJ = re.compile(r"(?:^|\s)(\d[.:]\d):\s*")
A7_IND = re.compile(r"(?<!\d)(?<!\d\.)(\d\.\d\.\d\.[a-z]):\s*")
A7_RES = re.compile(r"(?:^|\s)(\d\.\d\.\d):?\s+(?=[A-Z])")


def exp_tool08():
    ind, _ = _columns("tool-08", re.compile(r"\d\.\d\.[a-z]:"))
    return [E("tick", num, body, group=num.rsplit(".", 1)[0], markers=mk)
            for num, body, mk in _split_marked(ind, T8_IND)]


def exp_annex07():
    ind, _ = _columns("annex-07", re.compile(r"\d\.\d\.\d\.[a-z]:"))
    out = []
    for num, body, mk in _split_marked(ind, A7_IND):
        result = num.rsplit(".", 1)[0]
        group = "4.1.2" if result == "4.1.3" else result  # printed 4.1.3.a-d under result 4.1.2 (as published)
        out.append(E("tick", num, body, group=group, markers=mk))
    return out


def exp_headings(pid):
    """Specific objectives (Tool 8) and expected results (Annex VII), which are section titles there."""
    if pid == "tool-08":
        _, obj = _columns(pid, re.compile(r"\d\.\d\.[a-z]:"))
        return _split_marked(obj, T8_OBJ)
    _, obj = _columns(pid, re.compile(r"\d\.\d\.\d\.[a-z]:"))
    return _split_marked(obj, A7_RES)


# ---- Tools 9, 10, 11 -----------------------------------------------------------------------------------------

def _checklist(pid: str, mended_prompt: str):
    """A Yes/No/N/A checklist whose closing "Note …" prompt is broken across the table's cells."""
    items = parse_numbered_table(src(pid), [], "yes-no-na")
    assert items[-1].kind == "text"
    items[-1].text = mended_prompt
    return items


def exp_tool09():
    # "... that effectively mainstreamed. t migra ation i S"
    return _checklist("tool-09", "Note what needs to be addressed before finalizing the project design to make sure "
                                 "that migration is effectively mainstreamed.")


def exp_tool10():
    # "... within the implementation of the inte potential areas for improvement. rventio on and 1"
    return _checklist("tool-10", "Note the extent to which migration is integrated within the implementation of the "
                                 "intervention and potential areas for improvement.")


T11_GROUPS = ["Relevance", "Coherence", "Effectiveness", "Efficiency", "Impact", "Sustainability"]


def exp_tool11():
    items = parse_numbered_table(src("tool-11"), T11_GROUPS, "yes-no-na")
    # The first eight questions are split across the table's columns; their fragments are read back by hand.
    override(items, "Relevance", "1.", text="Is migration a prominent feature in the country/region/community?")
    override(items, "Relevance", "3.", text="Did the intervention consider the needs or constraints of different "
                                            "types of migrants?")
    override(items, "Relevance", "4.", text="Were migrants of different types, nationality, gender and age groups "
                                            "sufficiently considered when assessing the project?")
    override(items, "Relevance", "5.", prefix="Were the project results aligned with migration-rela",
             suffix="or the Global Compact on Refugees")
    override(items, "Coherence", "1.", text="Was this intervention coordinated with relevant coordination groups, "
                                            "including sector groups?")
    override(items, "Coherence", "2.", text="Were efforts taken to ensure that the intervention did not duplicate "
                                            "similar efforts?")
    override(items, "Coherence", "3.", prefix="Is the intervention aligned with relevant sector po",
             suffix="employment, health, agriculture")
    # the closing prompt: its end survives only as overlapping fragments ("lessons le", "carried to be", ...)
    assert items[-1].kind == "text"
    items[-1].text = None
    items[-1].prefix = "Note the extent to which migration was integrated within the intervention and lessons le"
    items[-1].group = items[-1].cell = None
    return items


EXPECTED_ITEMS = {
    "tool-01": exp_tool01, "tool-02": exp_tool02, "tool-03": exp_tool03, "tool-04": exp_tool04,
    "tool-05": exp_tool05, "tool-06": exp_tool06, "tool-07": exp_tool07, "tool-08": exp_tool08,
    "tool-09": exp_tool09, "tool-10": exp_tool10, "tool-11": exp_tool11, "annex-07": exp_annex07,
}

#: Hand-checked totals per page and answer kind, from reading the source: they keep the parsers honest.
EXPECTED_COUNTS = {
    "tool-01": {"text": 8},
    "tool-02": {"text": 34},
    "tool-03": {"yes-no": 17, "text": 4},
    "tool-04": {"text": 40, "roles": 8, "tick": 28},
    "tool-05": {"tick": 38, "text": 4},
    "tool-06": {"low-medium-high": 7},
    "tool-07": {"tick": 36, "text": 3},
    "tool-08": {"tick": 31},
    "tool-09": {"yes-no-na": 15, "text": 1},
    "tool-10": {"yes-no-na": 14, "text": 1},
    "tool-11": {"yes-no-na": 24, "text": 1},
    "annex-07": {"tick": 58},
}

PAGES = ["about", "acronyms", "glossary", "introduction", "section-1", "section-2"] + \
        [f"tool-{n:02d}" for n in range(1, 12)] + [f"annex-{n:02d}" for n in range(1, 8)] + ["references"]


@lru_cache(maxsize=None)
def expected_items(pid: str) -> list[E]:
    fn = EXPECTED_ITEMS.get(pid)
    return fn() if fn else []


# --------------------------------------------------------------------------------------------------------------
# Expected footnotes
# --------------------------------------------------------------------------------------------------------------

FN_BRACE = re.compile(r"^\^\{(\d+|\*)\.?\s*\}\s*(.*)$")
FN_PLAIN = re.compile(r"^(\d+)\.\s+((?:Directly|In line).*)$")

#: Footnote texts printed without their numbers (Tool 8), by the number each stands for, in source order.
#: After footnote 31 the extraction repeats 31's text unnumbered (None); after 39 it prints two versions of 40
#: ("Directly contributing ..." and "In line with ..."), either of which is accepted.
T8_UNNUMBERED = [None, "32", "33", "34", "35", "36", "39", "40", "40", "41", "42", "43", "44", "45", "46", "47"]


@lru_cache(maxsize=None)
def expected_footnotes(pid: str) -> dict[str, list[str]]:
    lines = src(pid)
    out: dict[str, list[str]] = {}
    for line in lines:
        line = line.strip().replace("&}quot;", '}"')
        m = FN_BRACE.match(line) or FN_PLAIN.match(line)
        if m:
            out.setdefault(m.group(1), []).append(m.group(2))
    if pid == "introduction":
        # footnotes 4 to 8 are printed as a bulleted list below the sub-sector graphic
        after = lines.index("STABILIZATION")
        notes = [re.sub(r"^- (7 )?", "", l) for l in lines[after:] if l.startswith("- ")]
        assert len(notes) == 5, notes
        for label, text in zip("45678", notes):
            out[label] = [text]
    if pid == "tool-08":
        plain, in_block = [], False
        for i, line in enumerate(lines):
            if line.startswith("31. "):
                j = i + 1
                while j < len(lines) and not lines[j].startswith("Sub-sector"):
                    if lines[j].strip():
                        plain.append(lines[j].strip())
                    j += 1
            if line.startswith("<sup>"):
                in_block = True
            if in_block:
                plain.append(re.sub(r"</?sup>", "", line).strip())
            if "</sup>" in line:
                in_block = False
        plain = [re.sub(r"^J(?=in line)", "I", p) for p in plain if p]
        assert len(plain) == len(T8_UNNUMBERED), plain
        for label, text in zip(T8_UNNUMBERED, plain):
            if label:
                out.setdefault(label, []).append(text)
    return out


# --------------------------------------------------------------------------------------------------------------
# Spot checks of wording: sentences copied verbatim from the source
# --------------------------------------------------------------------------------------------------------------

SPOT = {
    "about": [
        "This publication was issued without formal editing by IOM.",
        "Permissions: Requests for commercial use or further rights and licensing should be submitted to "
        "publications@iom.int.",
        "ISBN 978-92-9268-245-3 (PDF)",
    ],
    "introduction": [
        "This Toolkit was developed in partnership with the United Nations Office on Drugs and Crime (UNODC).",
        "These sub-sectors were informed by the ways that DG-INTPA categorizes its work on peace and security.",
        "Security is closely tied with the governance sector concepts, among others.",
    ],
    "section-1": [
        "Security is a necessary precondition for sustainable development (European Commission, 2021).",
        "Security sector reform can help migrants access justice and exercise their rights without discrimination "
        "or fear.",
        "Community policing is another crime and conflict prevention tool that can be considered.",
        "These cross-cutting areas are non-exhaustive but important to consider and touch upon each of the "
        "referenced sub-sectors.",
    ],
    "section-2": [
        "They are not intended to be prescriptive, but rather guide or inform the mainstreaming of migration "
        "throughout the intervention cycle:",
        "Include questions relating to migration in evaluations.",
        "Highlights potential migration-related risks to interventions, as well as measures to mitigate these.",
    ],
    "tool-01": [
        "The Quick Diagnostic is intended to be a 'starting point' to mainstream migration within a security "
        "intervention.",
        "This tool should be the first point of reference for mainstreaming migration into an intervention.",
        "The Guiding Principles in Annex IV should also be kept in mind when using this tool.",
        "Depending on the need, other tools can be consulted to better understand and address the areas requiring "
        "further attention.",
    ],
    "tool-02": [
        "The Situation Analysis can be used to help gather information and evidence to inform a more nuanced "
        "understanding of the connection between migration and security in the country or region in focus.",
        "The tool can be used at the start of the programming phase or as part of the context analysis in the "
        "design phase.",
        "The data sources provided below in Annex V can be referenced when responding to the questions.",
    ],
    "tool-03": [
        "The Policy Checklist can help to explore the governance environment in relation to migration and security "
        "in a given country or region.",
        "This tool can be used in the programming or design phase.",
        "Key policy frameworks or strategies to keep in mind are referenced in Annex I.",
    ],
    "tool-04": [
        "This tool helps establish the potential experiences, role, and needs of the various stakeholders in a "
        "given country or region.",
        "Prior to using the tool, it is recommended to broadly identify the stakeholders that are present in your "
        "country or region.",
        "Potential key stakeholders are referenced in table below the tool.",
    ],
    "tool-05": [
        "This tool can be used during the design phase of the cycle.",
        "When conducting a problem analysis, it is important to consider problems facing different socioeconomic "
        "groups, including gender and age differences, as well as the needs of persons with disabilities and "
        "migrants in vulnerable situations.",
        "A lack of diversity within law enforcement and the justice system may lead to a lack of trust in security "
        "institutions.",
        "Exclusion, marginalization, and a lack of social inclusion can increase the risk of migrants being "
        "recruited into organized crime groups.",
    ],
    "tool-06": [
        "Identifying potential risks during the design phase helps ensure that measures are in place during "
        "implementation to address them.",
        "The potential risks should be contextualized based on the country or region in focus and the dynamics at "
        "play.",
        "Based on the context, users can identify whether it is a high, medium, or low risk.",
    ],
    "tool-07": [
        "The results in the tool are all in line with, and contribute to, the achievement of the SDGs.",
        "This tool should primarily be used in the design phase, when the overall logic of an intervention is "
        "elaborated.",
        "There is a political commitment for change and migrants do not face any barriers to engage",
        "Changes in capacity lead to changes in behaviour",
        "Training, development of tools, partnerships, direct assistance, coordination mechanisms, policy dialogue, "
        "community development, etc.",
    ],
    "tool-08": [
        "This tool complements the Theory of Change (Tool 7) and can be used during the design phase.",
        "This tool should be used in conjunction with the Theory of Change.",
        "The indicators can be selected or adapted based on formulated results of the intervention.",
    ],
    "tool-09": [
        "This tool should ideally be used towards the end of the design phase.",
        "The questions are ordered based on considerations that could be made along the programming and design "
        "phases.",
        "If the answer to any of the questions is no, then explore whether it would be possible to still factor it "
        "in if feasible.",
    ],
    "tool-10": [
        "The Project Monitoring Checklist is a quick reference tool to review the extent to which migration has "
        "been integrated into project activities and identify the extent to which it can be improved.",
        "This tool should be used during the implementation phase.",
        "If the answer to any of the questions is no, then explore whether it is possible to modify project "
        "activities.",
    ],
    "tool-11": [
        "Using this tool helps to evaluate how well migration was mainstreamed in an intervention and whether doing "
        "so has contributed to the achievement of the project's results.",
        "The questions are structured around OECD Development Assistance Committee (DAC) criteria for evaluating "
        "development assistance.",
        "The answers generated from this tool can help to inform the project evaluation and/or future "
        "interventions.",
    ],
    "annex-01": [
        "Individual commitments will need to be considered in line with their adoption, ratification, "
        "reservations, etc.",
        "The 1949 Migration for Employment Convention (No. 97) calls for non-discrimination of migrant workers with "
        "regard to apprenticeship and training.",
        "The Global Compact for Migration addresses issues that migrants often face within the sphere of security.",
        "Commits to manage national borders in a coordinated manner, promoting bilateral and regional cooperation, "
        "ensuring security for States, communities and migrants, and facilitating safe and regular cross-border "
        "movements of people (under Objective 11);",
    ],
    "annex-02": [
        "This Annex reflects the EU's primary development cooperation and commitments that guide the EU's approach "
        "to the governance of migration and security.",
        "A Global Strategy for the European Union's Foreign and Security Policy 2016 outlines the EU's approach to "
        "conflict prevention in its external action.",
        "The EU Security Union Strategy 2020 highlights the need for a whole-of-society approach to education about "
        "cybercrime and cyber-attacks, as well as discussing the need for social cohesion to combat radicalization "
        "and radical dialogues.",
    ],
    "annex-03": [
        "These can be referenced for more detailed and comprehensive guidance on specific elements of the "
        "integration of migration into development cooperation interventions.",
        "Provides comprehensive guidance covering assessment, planning and implementation of interventions to "
        "provide protection during a crisis.",
        "Supports stakeholders to mainstream human rights and gender equality into criminal justice interventions "
        "to address trafficking in persons and smuggling of migrants.",
    ],
    "annex-04": [
        "Therefore, gender should be taken into consideration at all phases of an intervention.",
        "Similarly, governments cannot respond to migration realities alone.",
        'Therefore, the needs and experiences of "people" should be at the centre of any intervention.',
    ],
    "annex-05": [
        "This Annex complements the Situation Analysis (Tool 2) and includes sector-specific data sources.",
        "The World Bank's Migration and Remittances Data and KNOMAD's Issue Briefs on Migration and Development "
        "provide updates on global trends in migration and remittances.",
        "The Internal Displacement Monitoring Centre also provides the Global Internal Displacement Database, "
        "Global Displacement Risk Model and the Displacement Data Exploration Tool.",
    ],
    "annex-06": [
        "It can be used to identify where the specific objectives and expected results (derived through the Theory "
        "of Change) align with the relevant SDG targets.",
        "Substantially reduce corruption and bribery in all their forms",
        "Enhance policy coherence for sustainable development",
    ],
    "annex-07": [
        "This Annex is a continuation of the Indicator Bank (Tool 8).",
        "Security actors have increased capacity to protect migrants' and/or displaced persons' rights.",
        "Policymakers understand the importance of local ownership and community-centred stabilization which is "
        "inclusive of all.",
    ],
    "references": [
        "Social Cohesion and Forced Displacement: A Desk Review to Inform Programming and Project Design.",
        "Diasporas as catalysts for dialogue: the cases of Laos and Papua.",
        "Glossary on Migration 2019. International Migration Law, No. 34.",
    ],
    "glossary": [
        "A form of migration in which people repeatedly move back and forth between two or more countries.",
        "To learn more, see IOM's Glossary on Migration (IOM, 2019a).",
        "The movement of persons away from their place of usual residence, either across an international border "
        "or within a State.",
    ],
    "acronyms": ["Fragility, Stability and Mobility Index", "United Nations Office on Drugs and Crime"],
}


def plain_rendered(markdown: str) -> str:
    """Rendered page as plain text: no tags, link targets, footnote markers or emphasis; whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", markdown)
    text = re.sub(r"\[\^[A-Za-z0-9-]+\]:?", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = html.unescape(text).replace("**", "").replace("\\|", "|")
    text = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    text = re.sub(r"\s*\|\s*", " ", text)  # table cells
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([.,;:?)])", r"\1", text)


def plain_sentence(sentence: str) -> str:
    return re.sub(r"\s+([.,;:?)])", r"\1", re.sub(r"\s+", " ", sentence)).strip()


# --------------------------------------------------------------------------------------------------------------
# Fixtures and helpers on the YAML side
# --------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pub():
    return load_content(CONTENT)[PUBLICATION]


@lru_cache(maxsize=None)
def editorial(pid: str) -> dict[str, tuple[str, ...]]:
    """The page's reader notes ("note"/"notes" fields) and its editors' mends ("mended"), read from its YAML file
    (the content model does not carry mends: they are never shown)."""
    found: dict[str, list[str]] = {"note": [], "mended": []}

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                field = {"note": "note", "notes": "note", "mended": "mended"}.get(key)
                if field:
                    found[field].extend([value] if isinstance(value, str) else value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((CONTENT / PUBLICATION).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("id") == pid:
            walk(data)
            return {k: tuple(v) for k, v in found.items()}
    raise AssertionError(f"no content file with id {pid}")


def items_with_paths(page):
    """[(titles of the enclosing sections, innermost section, item)] in page order."""
    out = []

    def walk(sections, titles):
        for s in sections:
            here = titles + ([s.title] if s.title else [])
            for it in s.items:
                out.append((here, s, it))
            walk(s.sections, here)

    walk(page.sections, [])
    return out


def section_titles(page):
    out = []

    def walk(sections):
        for s in sections:
            out.append(s.title)
            walk(s.sections)

    walk(page.sections)
    return out


@lru_cache(maxsize=None)
def src_squashed(pid: str) -> str:
    return squash(clean_src(" ".join(src(pid))))


def source_span(pid: str, exp: "E", length: int) -> str:
    """The page's source text (squashed) from a hand-listed item's opening words to its closing words.

    The closing words are looked for after the opening ones; if the source misspells them (the YAML mends
    "threater peace"), their last five letters are looked for instead. Without closing words the span is as long
    as the YAML text.
    """
    s = src_squashed(pid)
    start = s.find(squash(exp.prefix))
    if start < 0:
        return ""
    if not exp.suffix:
        return s[start:start + length]
    suf = squash(exp.suffix)
    end = s.find(suf, start)
    if 0 <= end < start + 2 * length:
        return s[start:end + len(suf)]
    end = s.find(suf[-5:], start)
    if 0 <= end < start + 2 * length:
        return s[start:end + 5]
    return ""


def key(e_or_text) -> str:
    if isinstance(e_or_text, E):
        body = e_or_text.text or e_or_text.prefix or e_or_text.contains or ""
        return squash(clean_src(body))[:24]
    return squash(clean_yaml(e_or_text))[:24]


def check_text(pid, exp: E, text: str) -> list[str]:
    problems = []
    got = squash(clean_yaml(text))
    if exp.text is not None:
        why = [differs(t, text) for t in (exp.text,) + exp.alt]
        if all(why):
            problems.append(f"text differs from the source ({why[0]}):\n"
                            f"      source: {clean_src(exp.text)!r}\n      yaml:   {text!r}")
    if exp.prefix is not None and not got.startswith(squash(exp.prefix)):
        problems.append(f"text does not begin with the source's words {exp.prefix!r}: {text!r}")
    if exp.suffix is not None and not got.endswith(squash(exp.suffix)):
        problems.append(f"text does not end with the source's words {exp.suffix!r}: {text!r}")
    if exp.contains is not None and squash(exp.contains) not in got:
        problems.append(f"text does not contain {exp.contains!r}: {text!r}")
    if exp.prefix is not None:
        span = source_span(pid, exp, len(got))
        r = ratio(span, got)
        if r < (RATIO if exp.suffix else LOOSE):
            problems.append(f"text differs from the source between its opening and closing words "
                            f"(similarity {r:.2f}):\n      source: {span!r}\n      yaml:   {got!r}")
    return problems


# --------------------------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------------------------

def test_source_ranges_found():
    ranges = page_ranges()
    assert set(ranges) == set(PAGES)
    for pid in PAGES:
        a, b = ranges[pid]
        assert b - a > 3, pid


@pytest.mark.parametrize("pid", list(EXPECTED_COUNTS))
def test_parsers_match_hand_counts(pid):
    """The parsers' results agree with the totals counted by hand from the source."""
    got = Counter(e.kind for e in expected_items(pid))
    assert dict(got) == EXPECTED_COUNTS[pid]


@pytest.mark.parametrize("pid", PAGES)
def test_items(pub, pid):
    """Every item of the source is on the page, once, in order, with its kind, number, section and wording."""
    page = pub.pages[pid]
    exp = expected_items(pid)
    got = items_with_paths(page)
    want_kinds, got_kinds = Counter(e.kind for e in exp), Counter(it.kind for _, _, it in got)
    problems = []
    if want_kinds != got_kinds:
        problems.append(f"items by kind: expected {dict(want_kinds)}, found {dict(got_kinds)}")
    if len(exp) != len(got):
        a = [key(e) for e in exp]
        b = [key(it.text) for _, _, it in got]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag in ("delete", "replace"):
                problems += [f"missing or altered: {e.show()}" for e in exp[i1:i2]]
            if tag in ("insert", "replace"):
                problems += [f"unexpected (extra, duplicated or altered): {it.id} {it.text[:70]!r}"
                             for _, _, it in got[j1:j2]]
        pytest.fail(f"{pid}: " + "\n  ".join(problems))
    cells: dict = {}
    for e, (titles, section, it) in zip(exp, got):
        where = f"{it.id}"
        issues = []
        if it.kind != e.kind:
            issues.append(f"kind {it.kind!r}, expected {e.kind!r}")
        if it.number != e.number:
            issues.append(f"number {it.number!r}, expected {e.number!r}")
        issues += check_text(pid, e, it.text)
        if e.group is not None and not any(squash(t).startswith(squash(e.group)) for t in titles):
            issues.append(f"stands under {titles}, expected under a section titled {e.group!r}")
        cited = yaml_labels(it.text)
        for label in e.markers:
            if label not in cited:
                issues.append(f"footnote marker [^{label}] missing (source prints it on this item)")
        if e.details is not None:
            det = [d for d in it.details if d.label.lower().startswith("potential mitigation")]
            measures = [m[2:].strip() for d in det for m in d.text.splitlines() if m.startswith("- ")]
            if len(measures) != len(e.details):
                issues.append(f"{len(measures)} mitigation measures, expected {len(e.details)}")
            else:
                for w, g in zip(e.details, measures):
                    why = differs(w, g)
                    if why:
                        issues.append(f"mitigation measure differs ({why}):\n      source: {w!r}\n"
                                      f"      yaml:   {g!r}")
        if e.cell is not None:
            cells.setdefault(e.cell, set()).add(id(section))
        if issues:
            problems.append(f"{where}: " + "\n    ".join(issues))
    split = [c for c, secs in cells.items() if len(secs) > 1]
    if split:
        problems.append(f"items of one source cell/group stand in different sections: {split}")
    by_section: dict = {}
    for c, secs in cells.items():
        for s in secs:
            by_section.setdefault(s, []).append(c)
    merged = [cs for cs in by_section.values() if len(cs) > 1]
    if merged:
        problems.append(f"items of different source cells/groups stand in one section: {merged}")
    assert not problems, f"{pid}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("pid", ["tool-08", "annex-07"])
def test_objective_and_result_headings(pub, pid):
    """Tool 8's specific objectives and Annex VII's expected results (section titles there) match the source."""
    page = pub.pages[pid]
    want = exp_headings(pid)
    titles = [t for t in section_titles(page) if re.match(r"^\d[.:]\d", t)]
    assert len(titles) == len(want), f"{pid}: {len(titles)} objective/result headings, expected {len(want)}"
    problems = []
    for (num, body, markers), title in zip(want, titles):
        m = re.match(r"^(\d[.:]\d(?:\.\d)?):?\s*(.*)$", title, re.S)
        if m.group(1).replace(":", ".") != num:
            problems.append(f"heading {title[:40]!r}: number, expected {num}")
        why = differs(body, m.group(2))
        if why:
            problems.append(f"heading {num} differs ({why}):\n    source: {body!r}\n    yaml:   {m.group(2)!r}")
        for label in markers:
            if f"[^{label}]" not in title:
                problems.append(f"heading {num}: footnote marker [^{label}] missing")
    assert not problems, f"{pid}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("pid", PAGES)
def test_footnotes(pub, pid):
    """Every footnote of the page's source range is defined on the page with its text, and no other."""
    page = pub.pages[pid]
    want = expected_footnotes(pid)
    got = dict(page.footnotes)
    if set(want) == {"*"} and len(got) == 1:
        want = {next(iter(got)): want["*"]}  # the source's "*" cannot be a label; any one label will do
    problems = []
    if set(want) != set(got):
        missing, extra = sorted(set(want) - set(got), key=str), sorted(set(got) - set(want), key=str)
        problems.append(f"footnote labels: missing {missing}, unexpected {extra}")
    rendered = render_page(pub, page)
    body = re.sub(r"(?m)^\[\^[A-Za-z0-9-]+\]:.*$", "", rendered)
    for label in sorted(set(want) & set(got), key=lambda s: (len(s), s)):
        why = [differs(w, got[label]) for w in want[label]]
        if all(why):
            problems.append(f"footnote {label} differs ({why[0]}):\n    source: {want[label][0]!r}\n"
                            f"    yaml:   {got[label]!r}")
        if f"[^{label}]" not in body:
            problems.append(f"footnote {label} is not cited on the page")
    assert not problems, f"{pid}:\n  " + "\n  ".join(problems)


def _marker_context(text: str, end: int) -> str:
    """The two words before a footnote marker ending at ``end``, squashed."""
    return "".join(words(clean_yaml(clean_src(text[max(0, end - 200):end])))[-2:])


def test_footnote_markers_in_place(pub):
    """Each footnote marker the source prints as a superscript stands after the same words on the page."""
    problems = []
    for pid in PAGES:
        page = pub.pages[pid]
        body = re.sub(r"(?m)^\[\^[A-Za-z0-9-]+\]:.*$", "", render_page(pub, page))
        body = re.sub(r"<[^>]+>", " ", body)
        placed = {}
        for m in re.finditer(r"\[\^([A-Za-z0-9-]+)\]", body):
            placed.setdefault(m.group(1), set()).add(_marker_context(body, m.start()))
        # markers on the page heading are checked as cited by test_footnotes; footnote texts are left out
        text = "\n".join("" if line.startswith("^{") else line for line in src(pid)[1:])
        for m in re.finditer(f"[{SUP}]+", text):
            label, ctx = m.group().translate(SUP_MAP), _marker_context(text, m.start())
            if ctx not in placed.get(label, set()):
                problems.append(f"{pid}: marker [^{label}] should follow {ctx!r}; "
                                f"found after {sorted(placed.get(label, ()))}")
    assert not problems, "\n  ".join(problems)


def _page_text(page) -> str:
    """All the text of a page, editorial notes and editors' mends last (mends quote what the extraction garbled)."""
    notes = list(page.notes) + list(editorial(page.id)["mended"])
    out = [page.heading, page.intro, page.why, page.when, page.how, page.after]

    def walk(sections):
        for sec in sections:
            out.extend([sec.number, sec.title, sec.text])
            notes.append(sec.note)
            for it in sec.items:
                out.extend([it.number, it.text] + [d.label + " " + d.text for d in it.details])
                notes.append(it.note)
            if sec.table:
                out.extend(sec.table.columns)
                out.extend(c for row in sec.table.rows for c in row)
                out.append(sec.table.caption)
            out.append(sec.after)
            walk(sec.sections)

    walk(page.sections)
    out.extend(t for _, t in page.footnotes)
    out.extend(g.term + ": " + g.definition for g in page.glossary)
    out.extend(g.note for g in page.glossary)
    out.extend(a.abbr + " " + a.expansion + " " + a.note for a in page.acronyms)
    out.extend(page.references)
    return " ".join(x for x in out + notes if x)


#: Source text that is not content: sub-sector icon captions, answer boxes, markup left by the extraction.
BODY_JUNK = re.compile(r"</?sup>|Relevant sub-sectors:|Relevant|sub-sectors:|Click if should be [a-z ]+:"
                       r"|\s+L\s+M\s+H\s*$|(?<=\.)\s+\d{2}\s*$")


@pytest.mark.parametrize("pid", PAGES)
def test_body_complete(pub, pid):
    """Every passage of the page's source range (each table cell, paragraph or list entry of 20 letters or more)
    is found on the page, mended, or quoted in an editorial note or in a mend recorded for editors (``mended:``);
    tools and annexes carry their printed heading."""
    page = pub.pages[pid]
    lines = src(pid)
    problems = []
    if page.kind in ("tool", "annex") and squash(page.heading) != squash(clean_src(lines[0])):
        problems.append(f"heading {page.heading!r} differs from the source's {lines[0]!r}")
    page_words = words(clean_yaml(_page_text(page)))
    text = "".join(page_words)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(page_words)
    for line in lines[1:]:
        for cell in line.split("\t"):
            cell_words = words(clean_src(BODY_JUNK.sub(" ", cell)))
            want = "".join(cell_words)
            if len(want) < 20 or want in text:
                continue
            # find the passage's place by its longest run of words, then compare letter by letter around it
            matcher.set_seq1(cell_words)
            i, j, _ = matcher.find_longest_match(0, len(cell_words), 0, len(page_words))
            lo, hi = max(0, j - i - 3), j - i + len(cell_words) + 3
            window = "".join(page_words[lo:hi])
            found = sum(b.size for b in SequenceMatcher(None, want, window, autojunk=False).get_matching_blocks())
            if found / len(want) < 0.95:
                problems.append(f"not on the page ({found / len(want):.0%} found): {cell.strip()[:150]!r}")
    assert not problems, f"{pid}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("pid", PAGES)
def test_reader_notes_about_the_publication(pid):
    """Editorial notes shown to readers speak of the publication (its own slips, text that could not be reproduced),
    never of the extraction the handbook was made from."""
    bad = [f"{EXTRACTION_WORDS.search(n).group()!r} in: {n.strip()[:100]!r}"
           for n in editorial(pid)["note"] if EXTRACTION_WORDS.search(n)]
    assert not bad, f"{pid}: move these to mended:\n  " + "\n  ".join(bad)


def _glossary_source():
    entries = []
    for line in src("glossary")[1:]:
        line = line.strip()
        if not line or line.startswith(("^{", "To learn more")):
            continue
        m = re.match(r"^([A-Z][A-Za-z ,'()-]{2,60}?): (.+)$", line)
        if m and m.group(1) != "A note on terminology":
            entries.append([m.group(1), m.group(2)])
        elif line[0].islower() and entries:
            entries[-1][1] += " " + line
    return entries


def test_glossary(pub):
    """Every term of the glossary, once, in order, with its definition and footnote markers."""
    want = _glossary_source()
    assert len(want) == 27, [t for t, _ in want]
    page = pub.pages["glossary"]
    got = [(g.term, g.definition) for g in page.glossary]
    problems = []
    if [t.lower() for t, _ in want] != [t.lower() for t, _ in got]:
        wt, gt = [t.lower() for t, _ in want], [t.lower() for t, _ in got]
        problems.append(f"terms: missing {[t for t in wt if t not in gt]}, unexpected {[t for t in gt if t not in wt]}"
                        f", duplicated {[t for t, n in Counter(gt).items() if n > 1]}, order ok: {wt == gt}")
    gd = {t.lower(): d for t, d in got}
    for term, definition in want:
        if term.lower() not in gd:
            continue
        why = differs(definition, gd[term.lower()])
        if why:
            problems.append(f"definition of {term!r} differs ({why})")
        for label in sup_labels(definition):
            if f"[^{label}]" not in gd[term.lower()]:
                problems.append(f"definition of {term!r}: footnote marker [^{label}] missing")
    assert not problems, "\n  ".join(problems)


def test_acronyms(pub):
    """Every acronym, once, in the printed order, with its expansion."""
    want = []
    for line in src("acronyms")[1:]:
        toks = line.split()
        if not toks:
            continue
        n = 0
        while n < len(toks) and toks[n].isupper() and len(toks[n]) > 1:
            n += 1
        want.append((" ".join(toks[:n]), " ".join(toks[n:])))
    assert len(want) == 21, want
    got = [(a.abbr, a.expansion) for a in pub.pages["acronyms"].acronyms]
    assert [a for a, _ in got] == [a for a, _ in want]
    bad = [(a, w, g) for (a, w), (_, g) in zip(want, got) if differs(w, g)]
    assert not bad, bad


@pytest.mark.parametrize("pid", list(SPOT))
def test_spot_wording(pub, pid):
    """Sentences copied verbatim from the source stand in the rendered page."""
    page = pub.pages[pid]
    rendered = plain_rendered(render_page(pub, page))
    missing = [s for s in SPOT[pid] if plain_sentence(s) not in rendered]
    assert len(SPOT[pid]) >= 2 and not missing, f"{pid}: not found verbatim: {missing}"
