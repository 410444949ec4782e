"""Folders shipped in the package are real folders also when the code runs from a zipped egg
(Scrapyd), where Alembic and the model loader could not read them otherwise."""

from __future__ import annotations

import zipfile

from package_files import real_dir


def test_a_folder_inside_a_zip_is_extracted_once_and_a_real_one_used_as_it_is(tmp_path):
    egg = tmp_path / "project.egg"
    with zipfile.ZipFile(egg, "w") as zipped:
        zipped.writestr("storage/migrations/env.py", "# env\n")
        zipped.writestr("storage/migrations/versions/0001_initial.py", "# 0001\n")
        zipped.writestr("storage/db.py", "# not part of the folder\n")
    folder = real_dir(egg / "storage" / "migrations")
    assert folder.is_dir() and not str(folder).startswith(str(egg))
    assert (folder / "versions" / "0001_initial.py").read_text() == "# 0001\n"
    assert not (folder.parent / "db.py").exists()
    assert real_dir(egg / "storage" / "migrations") == folder  # the same copy next time
    assert real_dir(tmp_path) == tmp_path
    assert real_dir(egg / "models") == egg / "models"  # not in the zip: left for the caller
