"""`rocu acronyms PATH... [--json]`: the definitions files make, without storing anything."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import cli


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lines_per_file_in_a_folder_and_nothing_stored(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs, "a.txt", "Each Office of the Police and Crime Commissioner (OPCC) met.\n")
    write(docs, "b.md", "# Note\n\nACPO (the Association of Chief Police Officers) wrote.\n")
    write(docs, "c.txt", "Nothing is defined here at all.\n")
    db = tmp_path / "store.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "acronyms", "--json", str(docs)], obj={})
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    by_file = {line["file"].rsplit("/", 1)[-1]: line["definitions"] for line in lines}
    assert by_file == {
        "a.txt": [{"short": "OPCC", "long": "Office of the Police and Crime Commissioner"}],
        "b.md": [{"short": "ACPO", "long": "Association of Chief Police Officers"}],
        "c.txt": [],
    }
    assert not db.exists()


def test_bad_paths_get_one_line_each_and_exit_1_while_others_are_read(tmp_path):
    good = write(tmp_path, "good.txt", "the Police Central e-Crime Unit (PCeU) said\n")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    odd = write(tmp_path, "notes.xyz", "text")
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(
        cli, ["acronyms", str(good), str(binary), str(odd), str(missing)], obj={}
    )
    assert result.exit_code == 1
    assert "PCeU = Police Central e-Crime Unit" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert all("cannot read" in line for line in errors)
    assert "Traceback" not in result.output
