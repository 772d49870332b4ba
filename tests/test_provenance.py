from analysis import provenance


def test_code_hash_depends_on_paths_and_contents(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.py").write_text("y = 2\n")
    eerste = provenance.hash_bestanden([tmp_path / "b.py", tmp_path / "a.py"], tmp_path)
    assert eerste == provenance.hash_bestanden([tmp_path / "a.py", tmp_path / "b.py"], tmp_path)  # order-free
    (tmp_path / "a.py").write_text("x = 2\n")
    assert provenance.hash_bestanden([tmp_path / "a.py", tmp_path / "b.py"], tmp_path) != eerste


def test_provenance_line_names_snapshot_data_kind_and_code():
    regel = provenance.provenance_regel("ab" * 32, True, "Utrecht")
    assert regel.startswith("Snapshot sha256:abababababab (synthetische data) · code ")
    assert provenance.code_versie() in regel and regel.endswith("Utrecht")
    assert "onderzoeksdata" in provenance.provenance_regel("ab" * 32, False, "Nederland")
