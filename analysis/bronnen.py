"""Fill the report's Jinja2 templates (``report/*.qmd``) with a scope's facts and artifacts,
giving plain Quarto sources in ``build/`` that ``quarto render`` and :mod:`analysis.render`
both turn into the same document.

Templates see:
  ``f``       the scope's facts (``f.h04.categorie.geen.T0`` …), ``nl`` the national facts;
  ``regels``  the codebook's scoring rules (``regels.partnergeweld_mild_max``);
  ``meta``    title, provenance, synthetic flag, scope name;
  ``figuur("figuur-4.1")`` / ``tabel("tabel-4.1")`` the Quarto markup of an artifact.
A missing fact is an error (StrictUndefined), never an empty spot in the text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jinja2
import yaml

from analysis.codebook import load_codebook
from analysis.disclosure import MINIMUM_CELGROOTTE, ONDERDRUKT
from analysis.feiten import lees_feiten
from analysis.provenance import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "report"


def opsomming(delen: list[str]) -> str:
    """Dutch enumeration: "a", "a en b", "a, b en c"."""
    delen = [str(d) for d in delen]
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1] if delen else ""


def jinja_omgeving(root: Path = TEMPLATES) -> jinja2.Environment:
    # Quarto attributes like {#fig-x} must not start a Jinja comment: comments are {## … ##}.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root)),
        undefined=jinja2.StrictUndefined,
        comment_start_string="{##",
        comment_end_string="##}",
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.do"],
    )
    env.filters["opsomming"] = opsomming
    return env


def _relatief(doel: Path, van: Path) -> str:
    return Path(os.path.relpath(doel, van)).as_posix()


def figuur_markdown(artefacten: Path, figuur_id: str, doelmap: Path) -> str:
    """Quarto figure markup for an artifact, with its path relative to the filled source."""
    meta = json.loads((artefacten / "figures" / f"{figuur_id}.json").read_text(encoding="utf-8"))
    pad = _relatief(artefacten / "figures" / f"{figuur_id}.svg", doelmap)
    alt = meta["alt"].replace('"', "'")
    return f'![{meta["titel"]}]({pad}){{#{meta["label"]} fig-alt="{alt}"}}'


def tabel_markdown(artefacten: Path, tabel_id: str) -> str:
    return (artefacten / "tables" / f"{tabel_id}.md").read_text(encoding="utf-8").rstrip("\n")


def label_van(artefacten: Path, soort: str, item_id: str) -> str:
    """The cross-reference label (``fig-…``/``tbl-…``) of an artifact, for ``@label`` in prose."""
    folder = "figures" if soort == "figuur" else "tables"
    return json.loads((artefacten / folder / f"{item_id}.json").read_text(encoding="utf-8"))["label"]


def vul_sjabloon(
    sjabloon: str, doel: Path, *, artefacten: Path, meta: dict, nationaal: Path | None = None, root: Path = TEMPLATES,
    extra: dict | None = None,
) -> Path:
    """Render one template to ``doel`` (a .qmd) for the scope whose artifacts are ``artefacten``;
    ``extra`` adds names to the template context (e.g. the audit summary for the colofon)."""
    doel.parent.mkdir(parents=True, exist_ok=True)
    context = {
        "f": lees_feiten(artefacten),
        "nl": lees_feiten(nationaal) if nationaal else None,
        "regels": {k: v["waarde"] for k, v in load_codebook().raw["regels"].items()},
        "studie": {"n_regios": len(load_codebook().regios), "regios": load_codebook().regios},
        "beveiliging": {"minimum": MINIMUM_CELGROOTTE, "symbool": ONDERDRUKT},
        "meta": meta,
        "figuur": lambda i: figuur_markdown(artefacten, i, doel.parent),
        "tabel": lambda i: tabel_markdown(artefacten, i),
        "ref": lambda i: "@" + label_van(artefacten, "figuur" if i.startswith("figuur") else "tabel", i),
        **(extra or {}),
    }
    tekst = jinja_omgeving(root).get_template(sjabloon).render(**context)
    doel.write_text(tekst, encoding="utf-8")
    return doel


def boek_hoofdstukken(quarto_yml: Path = PROJECT_ROOT / "_quarto.yml") -> list[str]:
    """The book's chapter files as listed in ``_quarto.yml`` (the one list of chapters)."""
    config = yaml.safe_load(quarto_yml.read_text(encoding="utf-8"))
    return list(config["book"]["chapters"])


def boek_metadata(quarto_yml: Path = PROJECT_ROOT / "_quarto.yml") -> dict:
    config = yaml.safe_load(quarto_yml.read_text(encoding="utf-8"))
    return {k: config["book"][k] for k in ("title", "subtitle", "author", "date") if k in config["book"]}
