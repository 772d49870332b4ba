"""Report templates: no typed numbers in the prose, strict facts, Quarto markup of artifacts."""

import re
from pathlib import Path

import jinja2
import pytest

from analysis import bronnen
from analysis.provenance import PROJECT_ROOT

REPORT = PROJECT_ROOT / "report"
SJABLONEN = sorted(REPORT.glob("*.qmd"))
# What ground rule 4 forbids in the text outside Jinja expressions: percentages, N=…, p-values,
# effect sizes, decimal numbers.
VERBODEN = re.compile(r"\d+(?:[.,]\d+)?\s?%|\bN\s?=\s?\d|\bp\s?[<=>]\s?[.,]?\d|[η²φ]\s?=\s?[.,]?\d|\b\d+,\d+\b|\b\d{2,}\b")


def _proza(tekst: str) -> str:
    """The template text a reader sees literally: Jinja blocks/expressions/comments removed."""
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", " ", tekst, flags=re.S)


def test_all_chapters_of_the_book_have_a_template():
    for hoofdstuk in bronnen.boek_hoofdstukken():
        assert (REPORT / Path(hoofdstuk).name).is_file(), hoofdstuk


@pytest.mark.parametrize("sjabloon", SJABLONEN, ids=lambda p: p.name)
def test_no_hand_typed_numbers_in_report_prose(sjabloon):
    for nr, regel in enumerate(_proza(sjabloon.read_text(encoding="utf-8")).splitlines(), 1):
        assert not VERBODEN.search(regel), f"{sjabloon.name}:{nr}: {regel.strip()}"


def test_missing_fact_is_an_error_not_a_blank(tmp_path):
    (tmp_path / "t.qmd").write_text("Er waren {{ f.h04.bestaat_niet }} gezinnen.\n")
    env = bronnen.jinja_omgeving(tmp_path)
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("t.qmd").render(f={"h04": {}})


def test_quarto_attributes_are_not_jinja_comments(tmp_path):
    (tmp_path / "t.qmd").write_text("# Kop {#sec-kop}\n\n: Titel {#tbl-x}\n{## weg ##}")
    assert bronnen.jinja_omgeving(tmp_path).get_template("t.qmd").render() == "# Kop {#sec-kop}\n\n: Titel {#tbl-x}\n"


@pytest.mark.parametrize("delen, verwacht", [([], ""), (["a"], "a"), (["a", "b"], "a en b"), (["a", "b", "c"], "a, b en c")])
def test_opsomming(delen, verwacht):
    assert bronnen.opsomming(delen) == verwacht


def test_figure_markup_points_relative_to_the_filled_source(tmp_path):
    art = tmp_path / "_artifacts" / "nederland" / "figures"
    art.mkdir(parents=True)
    (art / "figuur-4.1.json").write_text('{"titel": "Titel (N=5)", "alt": "Een \\"staaf\\"", "label": "fig-x"}')
    md = bronnen.figuur_markdown(tmp_path / "_artifacts" / "nederland", "figuur-4.1", tmp_path / "build" / "rapport")
    assert md == "![Titel (N=5)](../../_artifacts/nederland/figures/figuur-4.1.svg){#fig-x fig-alt=\"Een 'staaf'\"}"


def test_quarto_renders_only_the_filled_chapters():
    """Quarto renders every .qmd/.ipynb/.md of a project unless ``project.render`` lists what to
    render: the list must cover every chapter of the book and nothing in report/ or notebooks/."""
    from fnmatch import fnmatch

    import yaml

    config = yaml.safe_load((PROJECT_ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    patronen = config["project"]["render"]
    for hoofdstuk in bronnen.boek_hoofdstukken():
        assert any(fnmatch(hoofdstuk, p) for p in patronen), hoofdstuk
    for bestand in ["report/04-geweld.qmd", "notebooks/04_geweld.ipynb", "README.md"]:
        assert not any(fnmatch(bestand, p) for p in patronen), bestand
