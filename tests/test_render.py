"""Tests for analysis.render: the Quarto-free renderer (pandoc HTML + Typst PDF).

The pure text transforms (numbering, cross-references, callouts, visibility) are tested
without pandoc; the rendering tests use the fixture book in tests/fixtures/render (index
without number + two chapters) and a factsheet. Figures are written by matplotlib here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import render
from analysis.render import (
    SYNTHETIC_MARK,
    RenderError,
    Source,
    apply_format,
    number_sources,
    parse_attrs,
    parse_blocks,
    prepare_markdown,
    render_book,
    render_document,
    resolve_references,
    serialize,
    split_front_matter,
)

FIXTURES = Path(__file__).parent / "fixtures" / "render"
PROVENANCE = "Snapshot sha256:1a2b3c4d… · code 0.1.0 (9f8e7d6c) · regio: Utrecht"
META = {
    "title": "Kwestie van lange adem",
    "subtitle": "Testrapport",
    "author": "Verwey-Jonker Instituut",
    "date": "23 november 2026",
    "provenance": PROVENANCE,
    "synthetic": True,
    "lang": "nl",
}
HAS_PDFTOTEXT = shutil.which("pdftotext") is not None


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


def _write_svg(path: Path, ys: list[float]) -> None:
    import matplotlib

    matplotlib.use("svg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "fixed"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(5, 2.5))
    ax.plot(ys)
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


@pytest.fixture(scope="module")
def src(tmp_path_factory) -> Path:
    """The fixture sources with their figures; two figures share the name 'figuur.svg'."""
    root = tmp_path_factory.mktemp("bron")
    shutil.copytree(FIXTURES, root, dirs_exist_ok=True)
    _write_svg(root / "figuren" / "figuur.svg", [1, 3, 2])
    _write_svg(root / "hoofdstukken" / "figuren" / "figuur.svg", [3, 1, 2])
    return root


def chapters(src: Path) -> list[Path]:
    return [src / "index.qmd", src / "hoofdstukken" / "eerste.qmd", src / "hoofdstukken" / "tweede.qmd"]


@pytest.fixture(scope="module")
def book(src, tmp_path_factory) -> dict[str, Path]:
    return render_book(chapters(src), META, tmp_path_factory.mktemp("boek") / "uit")


@pytest.fixture(scope="module")
def book_html(book) -> str:
    return book["html"].read_text(encoding="utf-8")


def pdf_pages(path: Path) -> list[str]:
    """Text per page (whitespace normalised), via poppler's pdftotext."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    return [" ".join(page.decode("utf-8").split()) for page in out.split(b"\f") if page.strip()]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def lines(text: str) -> list[str]:
    return text.strip("\n").splitlines()


# --------------------------------------------------------------------------------------
# Pure transforms (no pandoc)
# --------------------------------------------------------------------------------------


def test_front_matter_and_attributes():
    meta, body = split_front_matter("---\ntitle: Inleiding\nonbekend: 3\n---\n\n# Kop\n")
    assert meta == {"title": "Inleiding", "onbekend": 3}
    assert body.strip() == "# Kop"
    assert split_front_matter("# Geen front matter\n") == ({}, "# Geen front matter\n")

    attrs = parse_attrs('#fig-totaal fig-alt="Alt \\"tekst\\" hier" width="90%" .klein')
    assert attrs.id == "fig-totaal" and attrs.classes == ("klein",)
    assert attrs.get("fig-alt") == 'Alt "tekst" hier' and attrs.get("width") == "90%"
    assert parse_attrs("-").unnumbered and parse_attrs("#sec-x .unnumbered").unnumbered


BOOK_DOCS = [
    ("index.qmd", lines("""
# Voorwoord {.unnumbered}

Zie @sec-twee en @fig-b.
""")),
    ("een.qmd", lines("""
# Een {#sec-een}

## Achtergrond {#sec-achter}

![Eerste figuur](a.svg){#fig-a fig-alt="Alt a" width="90%"}

| x | y |
|---|---|
| 1 | 2 |

: Eerste tabel {#tbl-a}
""")),
    ("twee.qmd", lines("""
# Twee {#sec-twee}

## Resultaten {#sec-res}

### Detail {#sec-detail}

## Zonder nummer {.unnumbered}

![Tweede
figuur](b.svg){#fig-b}

| x | y |
|---|---|
| 1 | 2 |
: Tweede tabel {#tbl-b}

![Derde figuur](c.svg){#fig-c}
""")),
]


def test_book_numbering_chapters_sections_figures_tables():
    docs, targets = number_sources(BOOK_DOCS, book=True)
    index, een, twee = ("\n".join(d) for d in docs)
    assert "# Voorwoord {.unnumbered}" in index  # index is not a chapter
    assert "# [1]{.header-section-number} Een {#sec-een}" in een
    assert "## [1.1]{.header-section-number} Achtergrond {#sec-achter}" in een
    assert '![Figuur 1.1: Eerste figuur](a.svg){#fig-a alt="Alt a" width="90%"}' in een
    assert ": Tabel 1.1: Eerste tabel {#tbl-a}" in een
    assert "# [2]{.header-section-number} Twee {#sec-twee}" in twee
    assert "### [2.1.1]{.header-section-number} Detail {#sec-detail}" in twee
    assert "## Zonder nummer {.unnumbered}" in twee
    # Per-chapter counters, separate for figures and tables; multi-line figure paragraphs.
    assert "![Figuur 2.1: Tweede figuur](b.svg){#fig-b}" in twee
    assert "![Figuur 2.2: Derde figuur](c.svg){#fig-c}" in twee
    assert ": Tabel 2.1: Tweede tabel {#tbl-b}" in twee
    assert {k: t.number for k, t in targets.items()} == {
        "sec-een": "1", "sec-achter": "1.1", "fig-a": "1.1", "tbl-a": "1.1",
        "sec-twee": "2", "sec-res": "2.1", "sec-detail": "2.1.1", "fig-b": "2.1", "tbl-b": "2.1",
        "fig-c": "2.2",
    }


def test_numbering_follows_reading_order_within_a_file():
    doc = lines("""
# A {#sec-a}

![Fa](a.svg){#fig-a}

# B {#sec-b}
![Fb](b.svg){#fig-b}

| x |
|---|
| 1 |

Table: Tb {#tbl-b}
""")
    _, targets = number_sources([("ab.qmd", doc)], book=True)
    assert [(t.label, t.number) for t in targets.values()] == [
        ("sec-a", "1"), ("fig-a", "1.1"), ("sec-b", "2"), ("fig-b", "2.1"), ("tbl-b", "2.1")]


def test_document_numbering_has_no_chapter_prefix():
    docs, targets = number_sources([BOOK_DOCS[1]], book=False)
    text = "\n".join(docs[0])
    assert "# Een {#sec-een}" in text and "header-section-number" not in text
    assert "![Figuur 1: Eerste figuur]" in text and ": Tabel 1: Eerste tabel" in text
    assert resolve_references(["Zie @sec-achter en @fig-a."], targets, "f.qmd") == [
        "Zie [Achtergrond](#sec-achter) en [Figuur 1](#fig-a)."
    ]


def test_reference_forms():
    _, targets = number_sources(BOOK_DOCS, book=True)
    text = lines("""
Zie @fig-b. Ook (zie @tbl-a), @sec-twee, @sec-achter; @sec-detail: en [@fig-a].
Alleen het nummer: -@fig-b. Hoofdletter: @Fig-a.
Geen verwijzingen: info@fig-a.nl, `@fig-onbekend` en \\@fig-onbekend.
```
@fig-onbekend in code
```
""")
    out = resolve_references(text, targets, "t.qmd")
    assert out[0] == ("Zie [Figuur 2.1](#fig-b). Ook (zie [Tabel 1.1](#tbl-a)), [Hoofdstuk 2](#sec-twee), "
                      "[Paragraaf 1.1](#sec-achter); [Paragraaf 2.1.1](#sec-detail): en [Figuur 1.1](#fig-a).")
    assert out[1] == "Alleen het nummer: [2.1](#fig-b). Hoofdletter: [Figuur 1.1](#fig-a)."
    assert out[2:] == text[2:]


def test_unknown_and_duplicate_labels_raise():
    _, targets = number_sources(BOOK_DOCS, book=True)
    with pytest.raises(RenderError, match=r"hoofdstuk9\.qmd.*fig-bestaat-niet"):
        resolve_references(["Zie @fig-bestaat-niet."], targets, "hoofdstuk9.qmd")
    with pytest.raises(RenderError, match=r"dubbel\.qmd.*duplicate label 'fig-a'.*een\.qmd"):
        number_sources(BOOK_DOCS + [("dubbel.qmd", ["![X](x.svg){#fig-a}"])], book=True)
    with pytest.raises(RenderError, match="tbl-los"):
        number_sources([("los.qmd", ["Tekst.", "", ": Los {#tbl-los}"])], book=True)


def _transform(text: str, fmt: str) -> str:
    return "\n".join(serialize(apply_format(parse_blocks(lines(text), "t.qmd"), fmt, "t.qmd")))


def test_visibility_callouts_and_pagebreak():
    text = """
::: {.content-visible when-format="html"}
Alleen HTML.
:::

::: {.content-visible when-format="pdf"}
Alleen PDF.
:::

::: {.content-hidden when-format="html"}
Niet in HTML.
:::

::: {.callout-note}
Notitie.
:::

::: {.callout-warning}
## Eigen titel
Pas op.
:::

::: {.callout-important title="Let goed op"}
Belangrijk.
:::

{{< pagebreak >}}

```
::: {.callout-note}
in code blijft alles staan
```
"""
    html, typst = _transform(text, "html"), _transform(text, "typst")
    assert "Alleen HTML." in html and "Alleen PDF." not in html and "Niet in HTML." not in html
    assert "Alleen PDF." in typst and "Niet in HTML." in typst and "Alleen HTML." not in typst
    assert "::: {.callout .callout-note}" in html and "Opmerking" in html
    assert "Eigen titel" in html and "## Eigen titel" not in html and "Let goed op" in html
    assert '#callout(kind: "note", title: [' in typst and "Opmerking" in typst
    assert '#callout(kind: "warning", title: [' in typst and "Eigen titel" in typst
    assert '#callout(kind: "important", title: [' in typst and "Let goed op" in typst
    assert "#pagebreak(weak: true)" in typst and "pagebreak" not in html
    assert "in code blijft alles staan" in html and "in code blijft alles staan" in typst
    assert _transform("::: {.callout-caution}\nx\n:::", "html").count("Opgelet") == 1
    assert "#note[" in _transform("::: {.tabelnoot}\nNoot.\n:::", "typst")
    assert "::: {.tabelnoot}" in _transform("::: {.tabelnoot}\nNoot.\n:::", "html")
    with pytest.raises(RenderError, match="not closed"):
        parse_blocks(["::: {.callout-note}", "tekst"], "t.qmd")
    with pytest.raises(RenderError, match="shortcode"):
        _transform("{{< include x.qmd >}}", "html")


def test_prepare_markdown_on_fixture_book(src):
    sources = [render.load_source(p) for p in chapters(src)]
    md, assets = prepare_markdown(sources, "html", book=True, asset_prefix="figuren/")
    assert "[Hoofdstuk 2](#sec-tweede)" in md
    assert "![Figuur 2.1: Het totale geweld per meting](figuren/figuur-" in md
    assert ": Tabel 2.1: Partnergeweld per meting {#tbl-partner}" in md
    # Same file name in two folders -> two distinct, content-addressed assets.
    assert len(assets) == 2 and len({p.read_bytes() for p in assets.values()}) == 2
    assert all(rel.startswith("figuren/figuur-") and rel.endswith(".svg") for rel in assets)


def test_missing_figure_raises(tmp_path):
    (tmp_path / "h.qmd").write_text("# H {#sec-h}\n\n![Weg](figuren/weg.svg){#fig-weg}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"h\.qmd.*weg\.svg"):
        prepare_markdown([render.load_source(tmp_path / "h.qmd")], "html", True, "figuren/")


# --------------------------------------------------------------------------------------
# Rendering: book
# --------------------------------------------------------------------------------------


def test_book_html(book, book_html, src):
    out = book["html"].parent
    assert book == {"html": out / "index.html", "pdf": out / "rapport.pdf"}
    assert '<html lang="nl"' in book_html
    assert "Inhoudsopgave" in book_html and 'id="TOC"' in book_html
    assert '<a href="#sec-tweede" id="toc-sec-tweede"><span class="header-section-number">2</span> Tweede hoofdstuk</a>' in book_html
    # Numbering and cross-references
    assert '<a href="#sec-tweede">Hoofdstuk 2</a>' in book_html
    assert '<a href="#fig-lijn">Figuur 2.1</a>' in book_html
    assert '<a href="#tbl-partner">Tabel 2.1</a>' in book_html
    assert '<a href="#sec-achtergrond">Paragraaf 1.1</a>' in book_html
    assert "<figcaption>Figuur 2.1: Het totale geweld per meting</figcaption>" in book_html
    assert "<caption>Tabel 2.1: Partnergeweld per meting</caption>" in book_html
    assert "<strong>45%</strong>" in book_html
    assert 'alt="Lijndiagram van het totale geweld"' in book_html
    assert '<figure id="fig-lijn">' in book_html and '<table id="tbl-partner">' in book_html
    # Callouts, visibility
    assert '<div class="callout callout-note">' in book_html and "<p>Opmerking</p>" in book_html
    assert "Deze alinea staat alleen in de HTML-versie." in book_html
    assert "alleen in de PDF-versie" not in book_html
    # Banner first, provenance in the footer, figures copied next to the page
    assert book_html.index(SYNTHETIC_MARK) < book_html.index('id="title-block-header"')
    footer = book_html[book_html.index("<footer"):]
    assert PROVENANCE in footer
    figures = sorted(p.name for p in (out / "figuren").iterdir())
    assert len(figures) == 2
    for name in figures:
        assert f'src="figuren/{name}"' in book_html
    # No machine paths, no network resources
    for path in {str(src), str(out), str(Path.home()), os.getcwd(), str(Path(render.__file__).parent)}:
        assert path not in book_html
    assert "http://" not in book_html and "https://" not in book_html and "mathjax" not in book_html.lower()


def test_book_pdf_is_a_reproducible_pdf(book, src, tmp_path):
    pdf = book["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    again = render_book(chapters(src), META, tmp_path / "opnieuw")
    assert again["pdf"].read_bytes() == pdf
    assert tree_bytes(book["html"].parent) == tree_bytes(tmp_path / "opnieuw")


@pytest.mark.skipif(not HAS_PDFTOTEXT, reason="pdftotext (poppler-utils) not installed")
def test_book_pdf_text(book):
    pages = pdf_pages(book["pdf"])
    text = " ".join(pages)
    assert len(pages) >= 4
    for page in pages:
        assert SYNTHETIC_MARK in page
        assert PROVENANCE in page
    assert "Kwestie van lange adem" in pages[0] and "23 november 2026" in pages[0]
    assert "Inhoudsopgave" in text
    assert "Dit testboek verwijst vooruit naar Hoofdstuk 2, naar Figuur 2.1 en naar Tabel 2.1." in text
    assert "Zie Figuur 2.1 en Tabel 2.1 (zie ook Paragraaf 1.1)." in text
    assert "Figuur 2.1: Het totale geweld per meting" in text
    assert "Tabel 2.1: Partnergeweld per meting" in text
    assert "2 Tweede hoofdstuk" in text and "2.1 Resultaten" in text
    assert "Opmerking" in text and "Let op de kleine aantallen" in text
    assert "alleen in de PDF-versie" in text and "alleen in de HTML-versie" not in text
    assert "Figure" not in text
    # Chapters start on a new page
    assert any(page.startswith(f"{SYNTHETIC_MARK} 2 Tweede hoofdstuk") for page in pages)


def test_no_synthetic_mark_when_not_synthetic(src, tmp_path):
    result = render_book(chapters(src), dict(META, synthetic=False), tmp_path / "echt")
    html = result["html"].read_text(encoding="utf-8")
    assert SYNTHETIC_MARK not in html and 'class="synthetisch"' not in html
    assert PROVENANCE in html
    if HAS_PDFTOTEXT:
        pages = pdf_pages(result["pdf"])
        assert all(SYNTHETIC_MARK not in page and PROVENANCE in page for page in pages)


def test_failed_render_leaves_previous_output_untouched(src, tmp_path):
    out = tmp_path / "uit"
    render_book(chapters(src), META, out)
    before = tree_bytes(out)

    kapot = tmp_path / "kapot"
    shutil.copytree(src, kapot)
    # 1. Unknown label: fails while preparing, names the file and the label.
    (kapot / "hoofdstukken" / "derde.qmd").write_text("# Derde\n\nZie @fig-bestaat-niet.\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"derde\.qmd.*fig-bestaat-niet"):
        render_book(chapters(kapot) + [kapot / "hoofdstukken" / "derde.qmd"], META, out)
    # 2. Typst fails after the HTML was already written to the staging folder.
    (kapot / "hoofdstukken" / "derde.qmd").write_text(
        "# Derde\n\n```{=typst}\n#bestaat-niet()\n```\n", encoding="utf-8")
    with pytest.raises(RenderError, match="typst failed"):
        render_book(chapters(kapot) + [kapot / "hoofdstukken" / "derde.qmd"], META, out)

    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot", "uit"]  # no staging left


def test_timestamp_follows_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert render._timestamp().isoformat() == "2000-01-01T00:00:00+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render._timestamp().year == 2023


# --------------------------------------------------------------------------------------
# Rendering: single document (factsheet)
# --------------------------------------------------------------------------------------


def test_factsheet(src, tmp_path):
    folder = tmp_path / "factsheets"
    meta = dict(META, title="Factsheet Utrecht", subtitle=None, synthetic=False)
    result = render_document(src / "factsheet.qmd", meta, folder / "utrecht.html", folder / "utrecht.pdf")
    assert result == {"html": folder / "utrecht.html", "pdf": folder / "utrecht.pdf"}
    html = result["html"].read_text(encoding="utf-8")
    assert '<html lang="nl"' in html and "<h1 class=\"title\">Factsheet Utrecht</h1>" in html
    assert '<a href="#fig-regio">Figuur 1</a>' in html and '<a href="#tbl-regio">Tabel 1</a>' in html
    assert "<figcaption>Figuur 1: Verloop in de regio</figcaption>" in html
    assert "<caption>Tabel 1: Aantallen in de regio</caption>" in html
    assert 'class="header-section-number"' not in html and 'id="TOC"' not in html
    assert SYNTHETIC_MARK not in html and PROVENANCE in html
    assets = list((folder / "utrecht_files").iterdir())
    assert len(assets) == 1 and f'src="utrecht_files/{assets[0].name}"' in html
    assert str(tmp_path) not in html and str(src) not in html
    pdf = result["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    # A second factsheet in the same folder has its own figure folder; reruns are identical.
    render_document(src / "factsheet.qmd", meta, folder / "zeeland.html", folder / "zeeland.pdf")
    assert (folder / "zeeland_files").is_dir() and (folder / "utrecht_files").is_dir()
    assert (folder / "zeeland.pdf").read_bytes() == pdf
    again = render_document(src / "factsheet.qmd", meta, folder / "utrecht.html", folder / "utrecht.pdf")
    assert again["html"].read_text(encoding="utf-8") == html and again["pdf"].read_bytes() == pdf
    assert sorted(p.name for p in folder.iterdir()) == [
        "utrecht.html", "utrecht.pdf", "utrecht_files", "zeeland.html", "zeeland.pdf", "zeeland_files"]
    if HAS_PDFTOTEXT:
        text = " ".join(pdf_pages(result["pdf"]))
        assert "Figuur 1: Verloop in de regio" in text and "Tabel 1: Aantallen in de regio" in text
        assert "In Figuur 1 staat het verloop; Tabel 1 geeft de aantallen." in text
        assert PROVENANCE in text and SYNTHETIC_MARK not in text


def test_source_dataclass_is_usable_directly(tmp_path):
    (tmp_path / "f.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    source = Source(name="los.qmd", folder=tmp_path, body="![Los](f.svg){#fig-los}\n\nZie @fig-los.\n")
    md, assets = prepare_markdown([source], "typst", book=False, asset_prefix="figuren/")
    assert "![Figuur 1: Los](figuren/f-" in md and "[Figuur 1](#fig-los)" in md
    assert list(assets.values()) == [tmp_path / "f.svg"]
