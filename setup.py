"""Scrapyd eggs. Everything about the package is in pyproject.toml; this file exists because
`scrapyd-deploy` builds with `python setup.py bdist_egg` (and writes a setup.py of its own
that would leave the model out, if there were none).

An egg carries the model that is active where it is built, as `models/ACTIVE` and
`models/<version>/` at the egg's root, the same layout as a checkout, so a Scrapyd node scores
with exactly that model. Wheels and editable installs are unchanged.
"""

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.bdist_egg import bdist_egg

HERE = Path(__file__).resolve().parent


def active_model() -> Path:
    models = Path(os.environ.get("PATROL_MODELS_DIR") or HERE / "models")
    active = models / "ACTIVE"
    if not active.is_file():
        raise SystemExit(f"no active model in {models}: run `patrol models promote VERSION` "
                         "before building an egg")
    version = active.read_text(encoding="utf-8").strip()
    if not (models / version / "model_card.json").is_file():
        raise SystemExit(f"{active} names {version!r}, which is not a model in {models}")
    return models / version


class EggWithModel(bdist_egg):
    def call_command(self, cmdname, **kw):
        command = super().call_command(cmdname, **kw)
        if cmdname == "install_lib":  # the egg's tree is in place; add the model before zipping
            model = active_model()
            target = Path(self.bdist_dir) / "models"
            shutil.copytree(model, target / model.name, dirs_exist_ok=True)
            (target / "ACTIVE").write_text(model.name + "\n", encoding="utf-8")
        return command


setup(cmdclass={"bdist_egg": EggWithModel})
