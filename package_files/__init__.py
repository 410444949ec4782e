"""Folders shipped inside the package (migrations, the bundled model) as real directories.

Scrapyd runs a deployed project from its zipped egg, where `Path(__file__).parent / "x"` names
a member of the zip, not a folder; Alembic and the model loader need folders. A folder found
inside a zip is extracted once per egg into the temporary directory and that copy is used.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from pathlib import Path


def real_dir(path: Path) -> Path:
    """`path` itself when it is on disk, else its extracted copy from the zip it lies in."""
    if path.is_dir():
        return path
    archive = next((p for p in path.parents if p.is_file() and zipfile.is_zipfile(p)), None)
    if archive is None:
        return path  # missing: the caller's own error names the path
    inner = path.relative_to(archive).as_posix() + "/"
    stat = archive.stat()
    key = hashlib.sha256(f"{archive}:{stat.st_size}:{stat.st_mtime_ns}:{inner}".encode())
    target = Path(tempfile.gettempdir()) / "cyber-patrol-unzipped" / key.hexdigest()[:16]
    if (target / inner).is_dir():
        return target / inner
    with zipfile.ZipFile(archive) as zipped:
        members = [name for name in zipped.namelist() if name.startswith(inner)]
        if not members:
            return path
        _extract(zipped, members, target)
    return target / inner


def _extract(zipped: zipfile.ZipFile, members: list[str], target: Path) -> None:
    # Into a private folder first, then renamed: two jobs starting together never see half.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent))
    zipped.extractall(staging, members)
    try:
        os.rename(staging, target)
    except OSError:  # another job extracted it first
        shutil.rmtree(staging, ignore_errors=True)
