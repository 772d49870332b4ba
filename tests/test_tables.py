"""Report tables as pipe tables: separator widths follow the content, group headings in bold."""

import pandas as pd

from analysis.tables import CEL_MARGE, KOP_MARGE, MAX_STREEPJES, MIN_STREEPJES, Tabel, kolombreedtes, tabel_markdown


def _tabel(weergave: pd.DataFrame) -> Tabel:
    return Tabel(id="tabel-9.9", label="tbl-x", titel="Titel", weergave=weergave, data=weergave)


def test_column_widths_follow_the_longest_cell_and_header_word():
    weergave = pd.DataFrame({"Hulpvorm": ["Maatschappelijk werk", "GGZ"], "Ouders met drank": ["12%", "7%"]})
    # "Maatschappelijk werk" = 20 characters; the header may wrap, so its longest word counts.
    assert kolombreedtes(weergave) == [20 + CEL_MARGE, 6 + CEL_MARGE]


def test_a_long_header_word_over_short_cells_does_not_widen_its_column_beyond_the_margin():
    weergave = pd.DataFrame({"Hulpvorm": ["Formele hulp totaal"], "Partnergeweld N=509": ["80,0%"], "4 ACE's N=177": ["81,4%"]})
    # "Partnergeweld" (13) over "80,0%" (5): 5 + KOP_MARGE; "ACE's"/"N=177" (5) = the cell.
    assert kolombreedtes(weergave) == [19 + CEL_MARGE, 5 + KOP_MARGE + CEL_MARGE, 5 + CEL_MARGE]


def test_column_widths_are_bounded():
    weergave = pd.DataFrame({"a": ["x" * 100], "b": [""]})
    assert kolombreedtes(weergave) == [MAX_STREEPJES + CEL_MARGE, MIN_STREEPJES + CEL_MARGE]


def test_pipe_table_markup():
    weergave = pd.DataFrame({"Groep": ["Ouders", "Moeders"], "T0": ["", "74%"]})
    md = tabel_markdown(_tabel(weergave))
    assert md.splitlines()[:4] == ["| Groep | T0 |", "|:---------|-----:|", "| **Ouders** |  |", "| Moeders | 74% |"]
    assert ": Titel {#tbl-x}" in md
