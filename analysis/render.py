"""The Quarto-free renderer: the report's ``.qmd`` sources to HTML (pandoc) and PDF (Typst).

Where Quarto is installed the project is rendered with ``quarto render``. Everywhere else
(CI, this machine) this module renders the *same* sources to the same document:

1. Quarto-specific markdown is resolved in Python on the text, with pure functions
   (:func:`prepare_markdown` and the helpers it calls): ``content-visible``/``content-hidden``
   divs, callouts, the ``pagebreak`` shortcode, book numbering of chapters, sections, figures
   and tables, and ``@fig-``/``@tbl-``/``@sec-`` cross-references (Quarto's Dutch strings).
2. pandoc turns the resulting plain pandoc markdown into HTML (``report/_html``) and Typst
   (``report/_typst``); typst-py compiles the Typst source to PDF with the fonts bundled with
   matplotlib, a fixed timestamp and no system fonts, so both outputs are reproducible.
3. Outputs are written to a temporary folder next to the target and moved into place only
   when everything succeeded.

Supported Quarto subset: YAML front matter (``title``; other keys ignored), ATX headings with
``{#sec-x}`` / ``{.unnumbered}`` / ``{-}``, standalone figures
``![Caption](fig.svg){#fig-x fig-alt="..." width="90%"}``, pipe tables followed by a caption
line ``: Caption {#tbl-x}``, references ``@fig-x``, ``-@fig-x``, ``[@fig-x]``, callouts
(note, warning, important, tip, caution; title from ``title="..."`` or a heading inside),
``{{< pagebreak >}}`` and ``content-visible``/``content-hidden`` with ``when-format`` /
``unless-format``. Divs ``.tabelnoot`` / ``.figuurnoot`` are set in small print.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

__all__ = [
    "RenderError",
    "render_book",
    "render_document",
    "prepare_markdown",
    "Source",
    "SYNTHETIC_MARK",
]

# --------------------------------------------------------------------------------------
# Constants: Quarto's Dutch strings (_language-nl.yml) and the fixed texts of the report
# --------------------------------------------------------------------------------------

CROSSREF_TITLES = {"fig": "Figuur", "tbl": "Tabel"}
CHAPTER_PREFIX = "Hoofdstuk"
SECTION_PREFIX = "Paragraaf"
TOC_TITLE = "Inhoudsopgave"
CAPTION_DELIM = ": "
CALLOUT_TITLES = {
    "note": "Opmerking",
    "warning": "Waarschuwing",
    "important": "Belangrijk",
    "tip": "Tip",
    "caution": "Opgelet",
}
SYNTHETIC_MARK = "Synthetische data — geen echte onderzoeksgegevens"
# Divs set in small print under a table or figure (HTML: CSS class; PDF: Typst #note).
NOTE_CLASSES = ("tabelnoot", "figuurnoot")

# Formats as Quarto's when-format/unless-format name them, per output of this renderer.
FORMAT_NAMES = {"html": {"html", "html4", "html5", "html:js"}, "typst": {"pdf", "typst"}}

REPORT_DIR = Path(__file__).resolve().parent.parent / "report"
HTML_TEMPLATE = REPORT_DIR / "_html" / "template.html"
HTML_CSS = REPORT_DIR / "_html" / "stijl.css"
TYPST_BOOK_TEMPLATE = REPORT_DIR / "_typst" / "rapport.typ"
TYPST_DOCUMENT_TEMPLATE = REPORT_DIR / "_typst" / "factsheet.typ"

# pandoc markdown as Quarto reads it, minus what we resolve ourselves: citations (``@x``
# would become Typst ``#cite``) and YAML blocks (front matter is stripped beforehand).
PANDOC_FROM = "markdown-citations-yaml_metadata_block"
DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z, used when SOURCE_DATE_EPOCH is unset


class RenderError(RuntimeError):
    """Rendering failed; the message names the file and, where relevant, the label."""


# --------------------------------------------------------------------------------------
# Sources and attributes
# --------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Source:
    """One ``.qmd`` file: ``name`` is used in messages, ``folder`` to resolve figure paths."""

    name: str
    folder: Path
    body: str
    meta: dict[str, Any] = field(default_factory=dict)


def split_front_matter(text: str, where: str = "<tekst>") -> tuple[dict[str, Any], str]:
    """Split optional YAML front matter from the markdown body."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text.lstrip("\ufeff")
    try:
        meta = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise RenderError(f"{where}: invalid YAML front matter: {exc}") from exc
    if not isinstance(meta, dict):
        raise RenderError(f"{where}: front matter is not a mapping")
    return meta, text[m.end():]


def load_source(path: Path) -> Source:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"{path}: cannot read source: {exc}") from exc
    meta, body = split_front_matter(text, str(path))
    return Source(name=str(path), folder=path.resolve().parent, body=body, meta=meta)


_ATTR_TOKEN = re.compile(
    r"""\s*(?:
        \#(?P<id>[^\s}]+)
      | \.(?P<cls>[^\s}]+)
      | (?P<key>[^\s=}"']+)=(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'}]+))
      | (?P<dash>-)(?=\s|$)
    )""",
    re.X,
)


@dataclass(frozen=True)
class Attrs:
    """A pandoc attribute block ``{#id .class key="value"}``."""

    id: str = ""
    classes: tuple[str, ...] = ()
    kv: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.kv:
            if k == key:
                return v
        return default

    def without(self, *keys: str) -> Attrs:
        return Attrs(self.id, self.classes, tuple((k, v) for k, v in self.kv if k not in keys))

    def renamed(self, old: str, new: str) -> Attrs:
        return Attrs(self.id, self.classes, tuple((new if k == old else k, v) for k, v in self.kv))

    @property
    def unnumbered(self) -> bool:
        return "unnumbered" in self.classes

    def format(self) -> str:
        parts = [f"#{self.id}"] if self.id else []
        parts += [f".{c}" for c in self.classes]
        for k, v in self.kv:
            escaped = v.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'{k}="{escaped}"')
        return "{" + " ".join(parts) + "}" if parts else ""


def parse_attrs(text: str, where: str = "<tekst>") -> Attrs:
    """Parse the inside of an attribute block (without the braces)."""
    ident, classes, kv = "", [], []
    pos, text = 0, text.strip()
    while pos < len(text):
        m = _ATTR_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise RenderError(f"{where}: cannot parse attributes {{{text}}}")
        pos = m.end()
        if m.group("id"):
            ident = m.group("id")
        elif m.group("cls"):
            classes.append(m.group("cls"))
        elif m.group("dash"):
            classes.append("unnumbered")
        else:
            value = m.group("dq")
            if value is not None:
                value = re.sub(r"\\(.)", r"\1", value)
            else:
                value = m.group("sq") if m.group("sq") is not None else m.group("bare")
            kv.append((m.group("key"), value))
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return Attrs(ident, tuple(classes), tuple(kv))


# --------------------------------------------------------------------------------------
# Block structure: fenced divs and code blocks
# --------------------------------------------------------------------------------------

_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DIV_OPEN = re.compile(r"^(:{3,})[ \t]*(?:\{(?P<attrs>[^{}]*)\}|(?P<cls>[^\s{}:]+))[ \t]*:*[ \t]*$")
_DIV_CLOSE = re.compile(r"^:{3,}[ \t]*$")


@dataclass
class Code:
    lines: list[str]


@dataclass
class Div:
    attrs: Attrs
    children: list[Any]  # str (a line) | Code | Div


def code_mask(lines: list[str]) -> list[bool]:
    """For every line: is it part of a fenced code block (fences included)?"""
    mask, fence = [], None
    for line in lines:
        if fence is None:
            m = _CODE_FENCE.match(line)
            if m:
                fence = m.group(1)
            mask.append(fence is not None)
        else:
            mask.append(True)
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                fence = None
    return mask


def parse_blocks(lines: list[str], where: str) -> list[Any]:
    """Group lines into a tree of fenced divs and code blocks (all else stays lines)."""
    root: list[Any] = []
    stack: list[list[Any]] = [root]
    mask = code_mask(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        if mask[i]:
            j = i
            while j < len(lines) and mask[j]:
                j += 1
            stack[-1].append(Code(lines[i:j]))
            i = j
            continue
        m = _DIV_OPEN.match(line)
        if m:
            attrs = (parse_attrs(m.group("attrs"), where) if m.group("attrs") is not None
                     else Attrs(classes=(m.group("cls"),)))
            div = Div(attrs, [])
            stack[-1].append(div)
            stack.append(div.children)
        elif _DIV_CLOSE.match(line):
            if len(stack) == 1:
                raise RenderError(f"{where}: line {i + 1}: ':::' closes a div that was never opened")
            stack.pop()
        else:
            stack[-1].append(line)
        i += 1
    if len(stack) > 1:
        raise RenderError(f"{where}: a fenced div ('::: {{...}}') is not closed")
    return root


def serialize(nodes: list[Any]) -> list[str]:
    """Turn a block tree back into markdown lines (divs get blank lines around fences)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Code):
            out.extend(node.lines)
        else:
            out += ["", f"::: {node.attrs.format() or '{}'}", ""]
            out += serialize(node.children)
            out += ["", ":::", ""]
    return out


# --------------------------------------------------------------------------------------
# Format-specific transforms: visibility, callouts, shortcodes
# --------------------------------------------------------------------------------------

_SHORTCODE = re.compile(r"\{\{<\s*(?P<name>[\w-]+)(?P<args>[^>]*)>\}\}")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$")
_TRAILING_ATTRS = re.compile(r"[ \t]*\{(?P<attrs>[^{}]*)\}[ \t]*$")


def _format_matches(value: str, fmt: str) -> bool:
    names = {n.strip() for n in re.split(r"[,\s]+", value) if n.strip()}
    return bool(names & FORMAT_NAMES[fmt])


def _is_visible(div: Div, fmt: str, where: str) -> bool:
    classes = div.attrs.classes
    if "content-visible" not in classes and "content-hidden" not in classes:
        return True
    for key, _ in div.attrs.kv:
        if key in ("when-meta", "unless-meta", "when-profile", "unless-profile"):
            raise RenderError(f"{where}: '{key}' on content-visible/content-hidden is not supported")
    when, unless = div.attrs.get("when-format"), div.attrs.get("unless-format")
    condition = True
    if when is not None:
        condition = _format_matches(when, fmt)
    if unless is not None:
        condition = condition and not _format_matches(unless, fmt)
    return condition if "content-visible" in classes else not condition


def _callout_kind(attrs: Attrs) -> str | None:
    for c in attrs.classes:
        if c.startswith("callout-") and c[len("callout-"):] in CALLOUT_TITLES:
            return c[len("callout-"):]
    return None


def parse_heading(line: str) -> tuple[int, str, Attrs] | None:
    """``## Text {#id .cls}`` -> (level, text, attrs); None if the line is no heading."""
    m = _HEADING.match(line)
    if not m:
        return None
    text = m.group("text")
    attrs = Attrs()
    am = _TRAILING_ATTRS.search(text)
    if am:
        try:
            attrs = parse_attrs(am.group("attrs"))
            text = text[: am.start()]
        except RenderError:  # braces that are no attribute block stay text, as in pandoc
            pass
    text = re.sub(r"[ \t]+#+$", "", text).strip()
    return len(m.group("hashes")), text, attrs


def _raw_typst(code: str) -> list[str]:
    return ["", "```{=typst}", code, "```", ""]


def _callout(div: Div, kind: str, fmt: str) -> list[str]:
    children = list(div.children)
    title = div.attrs.get("title")
    first = next((k for k, c in enumerate(children) if not (isinstance(c, str) and not c.strip())), None)
    if first is not None and isinstance(children[first], str):
        heading = parse_heading(children[first])
        if heading:
            title = title or heading[1]
            del children[first]
    title = title or CALLOUT_TITLES[kind]
    body = serialize(children)
    if fmt == "html":
        return (["", f"::: {{.callout .callout-{kind}}}", "", "::: {.callout-title}", "", title,
                 "", ":::", "", "::: {.callout-body}", ""] + body + ["", ":::", "", ":::", ""])
    return (_raw_typst(f'#callout(kind: "{kind}", title: [') + [title]
            + _raw_typst("])[") + body + _raw_typst("]"))


def apply_format(nodes: list[Any], fmt: str, where: str) -> list[Any]:
    """Resolve visibility divs, callouts and shortcodes for one output format."""
    out: list[Any] = []
    for node in nodes:
        if isinstance(node, Code):
            out.append(node)
        elif isinstance(node, str):
            out.extend(_shortcodes(node, fmt, where))
        else:
            if not _is_visible(node, fmt, where):
                continue
            if node.attrs.id.startswith(("fig-", "tbl-")):
                raise RenderError(f"{where}: figure/table divs ('::: {{#{node.attrs.id}}}') are not "
                                  "supported; use ![...](...){#fig-...} or a table caption line")
            children = apply_format(node.children, fmt, where)
            kind = _callout_kind(node.attrs)
            if kind:
                out.extend(_callout(Div(node.attrs, children), kind, fmt))
            elif {"content-visible", "content-hidden"} & set(node.attrs.classes):
                out.extend(children)
            elif fmt == "typst" and set(NOTE_CLASSES) & set(node.attrs.classes):
                out += _raw_typst("#note[") + serialize(children) + _raw_typst("]")
            else:
                out.append(Div(node.attrs, children))
    return out


def _shortcodes(line: str, fmt: str, where: str) -> list[str]:
    m = _SHORTCODE.search(line)
    if not m:
        return [line]
    if m.group("name") == "pagebreak" and line.strip() == m.group(0):
        return [""] if fmt == "html" else _raw_typst("#pagebreak(weak: true)")
    raise RenderError(f"{where}: unsupported shortcode {m.group(0)!r}")


# --------------------------------------------------------------------------------------
# Numbering and cross-references (pure functions on lines)
# --------------------------------------------------------------------------------------

_TABLE_CAPTION = re.compile(r"^(?:[Tt]able)?:[ \t]+(?P<text>.*?)[ \t]*$")


@dataclass(frozen=True)
class Target:
    """Something a cross-reference can point to."""

    label: str
    kind: str  # "fig", "tbl" or "sec"
    number: str | None  # "4.1", "2" or None (unnumbered)
    level: int  # heading level (sections), 0 otherwise
    title: str  # heading text (used for unnumbered sections)
    where: str


def parse_figure(paragraph: str) -> tuple[str, str, str] | None:
    """``![caption](target){attrs}`` as a whole paragraph -> (caption, target, attrs)."""
    text = paragraph.strip()
    if not text.startswith("!["):
        return None
    depth, pos = 0, 1
    while pos < len(text):
        ch = text[pos]
        if ch == "\\":
            pos += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                break
        pos += 1
    m = re.fullmatch(r"\]\((?P<target>[^()\s]+(?:\s+\"[^\"]*\")?)\)(?:\{(?P<attrs>[^{}]*)\})?",
                     text[pos:])
    if depth != 0 or not m:
        return None
    return text[2:pos], m.group("target"), m.group("attrs") or ""


def _previous_nonblank(lines: list[str], max_blank: int = 1) -> str | None:
    """The last non-blank line, if at most ``max_blank`` blank lines follow it."""
    for k in range(len(lines) - 1, max(-1, len(lines) - 2 - max_blank), -1):
        if lines[k].strip():
            return lines[k]
    return None


class _Numbering:
    """Counters while walking through the sources in reading order."""

    def __init__(self, book: bool) -> None:
        self.book = book
        self.targets: dict[str, Target] = {}
        self.chapters = 0
        self.chapter: str | None = None  # number of the current chapter, None if unnumbered
        self.sections = [0] * 7  # index = heading level
        self.counters = {"fig": 0, "tbl": 0}

    def add(self, label: str, kind: str, number: str | None, where: str, level: int = 0, title: str = "") -> None:
        if label in self.targets:
            raise RenderError(f"{where}: duplicate label '{label}' (also in {self.targets[label].where})")
        self.targets[label] = Target(label, kind, number, level, title, where)

    def next(self, kind: str) -> str:
        self.counters[kind] += 1
        return f"{self.chapter}.{self.counters[kind]}" if self.chapter else str(self.counters[kind])

    def heading(self, level: int, text: str, attrs: Attrs, where: str) -> str:
        number = None
        if self.book and level == 1:
            self.counters = {"fig": 0, "tbl": 0}
            self.sections = [0] * 7
            self.chapter = None
            if not attrs.unnumbered:
                self.chapters += 1
                self.chapter = number = str(self.chapters)
        elif self.book and self.chapter and not attrs.unnumbered:
            self.sections[level] += 1
            self.sections[level + 1:] = [0] * (6 - level)
            number = ".".join([self.chapter] + [str(n) for n in self.sections[2: level + 1]])
        if attrs.id:
            self.add(attrs.id, "sec", number, where, level, text)
        if not number:
            return f"{'#' * level} {text} {attrs.format()}".rstrip()
        return f"{'#' * level} [{number}]{{.header-section-number}} {text} {attrs.format()}".rstrip()

    def figure(self, caption: str, target: str, attr_text: str, where: str) -> str:
        attrs = parse_attrs(attr_text, where).renamed("fig-alt", "alt")
        if attrs.id.startswith("fig-"):
            number = self.next("fig")
            self.add(attrs.id, "fig", number, where)
            caption = f"{CROSSREF_TITLES['fig']} {number}{CAPTION_DELIM}{caption}"
        return f"![{caption}]({target}){attrs.format()}"

    def table_caption(self, text: str, after_table: bool, where: str) -> str | None:
        am = _TRAILING_ATTRS.search(text)
        attrs = parse_attrs(am.group("attrs"), where) if am else Attrs()
        if not attrs.id.startswith("tbl-"):
            return None
        if not after_table:
            raise RenderError(f"{where}: table caption '{attrs.id}' does not follow a pipe table")
        number = self.next("tbl")
        self.add(attrs.id, "tbl", number, where)
        text = text[: am.start()].rstrip()
        return f": {CROSSREF_TITLES['tbl']} {number}{CAPTION_DELIM}{text} {attrs.format()}"


def number_sources(docs: list[tuple[str, list[str]]], book: bool) -> tuple[list[list[str]], dict[str, Target]]:
    """Number headings, figures and tables; return rewritten lines and all targets.

    ``docs`` is a list of (name, lines) in reading order. In a book, level-1 headings are
    chapters (numbered in order, skipping ``.unnumbered`` ones), sections are numbered
    ``4.2``, and figures/tables per chapter ``4.1`` (separate counters). In a document,
    figures and tables are numbered ``1, 2, ...`` and headings are not numbered.
    """
    state = _Numbering(book)
    out_docs: list[list[str]] = []
    for where, lines in docs:
        mask = code_mask(lines)
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if mask[i - 1]:
                out.append(line)
                continue
            heading = parse_heading(line)
            if heading:
                out.append(state.heading(*heading, where=where))
                continue
            if line.startswith("![") and (not out or not out[-1].strip() or parse_heading(out[-1])):
                end = i
                while end < len(lines) and not mask[end] and lines[end].strip():
                    end += 1
                figure = parse_figure(" ".join(part.strip() for part in lines[i - 1: end]))
                if figure:
                    out.append(state.figure(*figure, where))
                    i = end
                    continue
            m = _TABLE_CAPTION.match(line)
            if m:
                previous = _previous_nonblank(out)
                caption = state.table_caption(m.group("text"), previous is not None and "|" in previous, where)
                if caption:
                    out.append(caption)
                    continue
            out.append(line)
        out_docs.append(out)
    return out_docs, state.targets


_REF = re.compile(
    r"(?P<open>\[)?(?<![\w@\\])(?P<minus>-)?@(?P<prefix>[Ff]ig|[Tt]bl|[Ss]ec)-(?P<rest>[\w-]*\w)(?(open)\])"
)
_CODE_SPAN = re.compile(r"(`+).+?\1")


def reference_text(target: Target, suppress_prefix: bool = False) -> str:
    """The visible text of a reference: 'Figuur 4.1', 'Hoofdstuk 4', 'Paragraaf 4.2'."""
    if target.kind == "sec":
        if target.number is None:
            return target.title
        prefix = CHAPTER_PREFIX if target.level == 1 else SECTION_PREFIX
    else:
        prefix = CROSSREF_TITLES[target.kind]
    return target.number if suppress_prefix else f"{prefix} {target.number}"


def resolve_references(lines: list[str], targets: dict[str, Target], where: str) -> list[str]:
    """Replace ``@fig-x`` etc. by markdown links ``[Figuur 4.1](#fig-x)``; unknown -> error."""

    def replace(m: re.Match[str]) -> str:
        label = f"{m.group('prefix').lower()}-{m.group('rest')}"
        if label not in targets:
            raise RenderError(f"{where}: unknown cross-reference label '@{label}'")
        text = reference_text(targets[label], bool(m.group("minus")))
        text = text.replace("[", "\\[").replace("]", "\\]")
        return f"[{text}](#{label})"

    out, mask = [], code_mask(lines)
    for line, in_code in zip(lines, mask):
        if in_code or "@" not in line:
            out.append(line)
            continue
        pieces, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(_REF.sub(replace, line[last: span.start()]))
            pieces.append(span.group(0))
            last = span.end()
        pieces.append(_REF.sub(replace, line[last:]))
        out.append("".join(pieces))
    return out


# --------------------------------------------------------------------------------------
# Figures (file assets)
# --------------------------------------------------------------------------------------

_IMAGE_TARGET = re.compile(r"(!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\()(?P<target><[^>]*>|[^)\s]+)")


def asset_name(path: Path, data: bytes) -> str:
    """A deterministic, collision-safe file name: '<stem>-<content hash>.<ext>'."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "figuur"
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{path.suffix.lower()}"


def rewrite_images(lines: list[str], folder: Path, prefix: str, where: str) -> tuple[list[str], dict[str, Path]]:
    """Point every image at ``<prefix><asset name>``; return the lines and {rel path: source}."""
    assets: dict[str, Path] = {}

    def replace(m: re.Match[str]) -> str:
        target = m.group("target").strip("<>")
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target):
            raise RenderError(f"{where}: figure '{target}' is not a local file")
        path = Path(unquote(target))
        path = path if path.is_absolute() else folder / path
        if not path.is_file():
            raise RenderError(f"{where}: figure file not found: '{target}'")
        rel = prefix + asset_name(path, path.read_bytes())
        assets[rel] = path
        return m.group(1) + rel

    mask = code_mask(lines)
    out = [line if in_code else _IMAGE_TARGET.sub(replace, line) for line, in_code in zip(lines, mask)]
    return out, assets


# --------------------------------------------------------------------------------------
# Whole sources -> pandoc markdown
# --------------------------------------------------------------------------------------


def _has_chapter_heading(lines: list[str]) -> bool:
    mask = code_mask(lines)
    return any(not c and (h := parse_heading(line)) and h[0] == 1 for line, c in zip(lines, mask))


def prepare_markdown(sources: list[Source], fmt: str, book: bool, asset_prefix: str) -> tuple[str, dict[str, Path]]:
    """Resolve the Quarto subset for ``fmt`` ('html' or 'typst'): markdown + figure assets."""
    docs = []
    for src in sources:
        nodes = apply_format(parse_blocks(src.body.splitlines(), src.name), fmt, src.name)
        lines = serialize(nodes)
        if book and src.meta.get("title") and not _has_chapter_heading(lines):
            lines = [f"# {src.meta['title']}", ""] + lines
        docs.append((src.name, lines))
    numbered, targets = number_sources(docs, book)
    parts, assets = [], {}
    for src, lines in zip(sources, numbered):
        lines = resolve_references(lines, targets, src.name)
        lines, found = rewrite_images(lines, src.folder, asset_prefix, src.name)
        assets.update(found)
        parts.append("\n".join(lines).strip("\n"))
    text = "\n\n".join(parts) + "\n"
    return re.sub(r"\n{3,}", "\n\n", text), assets


# --------------------------------------------------------------------------------------
# pandoc, Typst and atomic output (thin I/O)
# --------------------------------------------------------------------------------------


def _pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except Exception as exc:  # pragma: no cover - depends on the environment
        raise RenderError(f"pandoc is not available: {exc}") from exc


def _meta_args(meta: dict[str, Any], fallback_title: str | None) -> list[str]:
    title = meta.get("title") or fallback_title
    if not title:
        raise RenderError("meta: a 'title' is required")
    pairs: list[tuple[str, str]] = [("title", str(title)), ("lang", str(meta.get("lang") or "nl")),
                                    ("toc-title", TOC_TITLE)]
    for key in ("subtitle", "date", "provenance"):
        if meta.get(key):
            pairs.append((key, str(meta[key])))
    authors = meta.get("author")
    for author in [authors] if isinstance(authors, str) else (authors or []):
        pairs.append(("author", str(author)))
    if meta.get("synthetic"):
        pairs.append(("synthetic-mark", SYNTHETIC_MARK))
    return [f"--metadata={k}={v}" for k, v in pairs]


def _run_pandoc(markdown: str, args: list[str], cwd: Path, what: str) -> str:
    cmd = [_pandoc_path(), f"--from={PANDOC_FROM}", *args]
    proc = subprocess.run(cmd, input=markdown.encode("utf-8"), capture_output=True, cwd=cwd)
    if proc.returncode != 0:
        raise RenderError(f"{what}: pandoc failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8")


def _html(markdown: str, meta_args: list[str], toc: bool, scratch: Path, what: str) -> str:
    header = scratch / "stijl.html"
    header.write_text(f"<style>\n{HTML_CSS.read_text(encoding='utf-8')}</style>\n", encoding="utf-8")
    args = ["--to=html5", "--standalone", f"--template={HTML_TEMPLATE}", "--wrap=none",
            f"--include-in-header={header.name}", *meta_args]
    if toc:
        args += ["--toc", "--toc-depth=2"]
    return _run_pandoc(markdown, args, scratch, what)


def _timestamp() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch) if epoch.isdigit() else DEFAULT_EPOCH, tz=timezone.utc)


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"


def _pdf(markdown: str, meta_args: list[str], template: Path, assets: dict[str, Path], scratch: Path,
         what: str) -> bytes:
    """pandoc -> Typst source in ``scratch`` (with the figures) -> PDF bytes."""
    import typst

    # pandoc's default --columns (72), as under Quarto: a narrow pipe table keeps natural
    # ("auto") column widths; a wide one gets relative widths from its separator line, which
    # analysis.tables sizes by content (so a label column is not squeezed to one word a line).
    source = _run_pandoc(markdown, ["--to=typst", "--standalone", f"--template={template}",
                                    *meta_args], scratch, what)
    _copy_assets(assets, scratch)
    main = scratch / "main.typ"
    main.write_text(source, encoding="utf-8")
    try:
        pdf = typst.compile(main, root=scratch, font_paths=[_font_dir()], ignore_system_fonts=True,
                            timestamp=_timestamp())
    except Exception as exc:  # typst.TypstError and friends
        raise RenderError(f"{what}: typst failed: {exc}") from exc
    if not isinstance(pdf, bytes):
        raise RenderError(f"{what}: typst did not return a single PDF")
    return pdf


def _copy_assets(assets: dict[str, Path], into: Path) -> None:
    for rel, src in sorted(assets.items()):
        dest = into / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)


def _commit(staging: Path, target: Path, names: list[str]) -> None:
    """Move ``staging/<name>`` to ``target/<name>``; absent names remove stale targets."""
    target.mkdir(parents=True, exist_ok=True)
    trash = staging / ".vorige"
    trash.mkdir()
    for name in names:
        src, dest = staging / name, target / name
        if dest.is_dir() and not dest.is_symlink():
            os.replace(dest, trash / name)
        if src.exists():
            os.replace(src, dest)
        elif dest.exists() or dest.is_symlink():
            os.replace(dest, trash / name)


def _staging(target_dir: Path, stem: str) -> Path:
    target_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{stem}.tmp-", dir=target_dir))


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def render_book(chapters: list[Path], meta: dict, out_dir: Path, pdf_name: str = "rapport.pdf") -> dict[str, Path]:
    """Render a Quarto-style book to ``out_dir/index.html`` (one page) and ``out_dir/<pdf_name>``."""
    if not chapters:
        raise RenderError("render_book: no chapters given")
    out_dir = Path(out_dir)
    sources = [load_source(Path(p)) for p in chapters]
    fallback = sources[0].meta.get("title")
    meta_args = _meta_args(meta, fallback)
    html_md, html_assets = prepare_markdown(sources, "html", book=True, asset_prefix="figuren/")
    pdf_md, pdf_assets = prepare_markdown(sources, "typst", book=True, asset_prefix="figuren/")

    staging = _staging(out_dir.parent, out_dir.name)
    try:
        scratch = staging / ".werk"
        (scratch / "typst").mkdir(parents=True)
        result = staging / "uitvoer"
        result.mkdir()
        html = _html(html_md, meta_args, True, scratch, "render_book")
        (result / "index.html").write_bytes(html.encode("utf-8"))
        _copy_assets(html_assets, result)
        pdf = _pdf(pdf_md, meta_args, TYPST_BOOK_TEMPLATE, pdf_assets, scratch / "typst", "render_book")
        (result / pdf_name).write_bytes(pdf)
        _commit(result, out_dir, ["figuren", "index.html", pdf_name])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"html": out_dir / "index.html", "pdf": out_dir / pdf_name}


def render_document(source: Path, meta: dict, out_html: Path, out_pdf: Path) -> dict[str, Path]:
    """Render one document (a factsheet) to ``out_html`` (+ ``<stem>_files/``) and ``out_pdf``."""
    out_html, out_pdf = Path(out_html), Path(out_pdf)
    src = load_source(Path(source))
    meta_args = _meta_args(meta, src.meta.get("title"))
    files_dir = f"{out_html.stem}_files"
    html_md, html_assets = prepare_markdown([src], "html", book=False, asset_prefix=f"{files_dir}/")
    pdf_md, pdf_assets = prepare_markdown([src], "typst", book=False, asset_prefix="figuren/")

    staging = _staging(out_html.parent, out_html.stem)
    pdf_staging = _staging(out_pdf.parent, out_pdf.stem) if out_pdf.parent != out_html.parent else staging
    try:
        scratch = staging / ".werk"
        (scratch / "typst").mkdir(parents=True)
        result = staging / "uitvoer"
        result.mkdir()
        html = _html(html_md, meta_args, False, scratch, src.name)
        (result / out_html.name).write_bytes(html.encode("utf-8"))
        _copy_assets(html_assets, result)
        pdf = _pdf(pdf_md, meta_args, TYPST_DOCUMENT_TEMPLATE, pdf_assets, scratch / "typst", src.name)
        pdf_result = pdf_staging / "uitvoer-pdf"
        pdf_result.mkdir()
        (pdf_result / out_pdf.name).write_bytes(pdf)
        _commit(result, out_html.parent, [files_dir, out_html.name])
        _commit(pdf_result, out_pdf.parent, [out_pdf.name])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if pdf_staging != staging:
            shutil.rmtree(pdf_staging, ignore_errors=True)
    return {"html": out_html, "pdf": out_pdf}
