"""The one table of settings: `patrol` and the crawler read it, and it prints the README's tables
(which `make readme` writes)."""

import dataclasses
import subprocess
import sys

from scrapy.utils.project import get_project_settings

import settings_table
from patrol.config import Config, load_config
from settings_table import CONFIG, SCRAPY_DEFAULTS, SETTINGS


def test_the_command_prints_the_readme_tables():
    printed = subprocess.run([sys.executable, "-m", "settings_table"], capture_output=True,
                             text=True, check=True).stdout
    tables = (settings_table.markdown_table(), settings_table.scrapy_markdown_table())
    assert printed == "\n".join(tables)


def test_config_has_a_field_for_each_setting_and_its_default(tmp_path, monkeypatch):
    for setting in CONFIG:
        monkeypatch.delenv(setting.env, raising=False)
    assert [field.name for field in dataclasses.fields(Config)] == [s.name for s in CONFIG]
    config = load_config(tmp_path / "patrol.toml")
    for setting in CONFIG:
        value = getattr(config, setting.name)
        assert value == setting.default
        assert setting.default is None or type(value) is setting.kind


def test_each_setting_is_named_once_and_has_a_sound_default():
    for key in ("name", "env", "toml", "scrapy", "flag"):
        names = [getattr(s, key) for s in SETTINGS if getattr(s, key)]
        assert len(names) == len(set(names)), key
    for setting in SETTINGS:
        assert setting.default is None or type(setting.default) is setting.kind, setting.name
        assert setting.env or setting.scrapy, setting.name


def test_the_crawler_settings_carry_the_table_defaults():
    settings = get_project_settings()
    scrapy = {name: settings.get(name) for name in settings if name.startswith("PATROL_")}
    assert scrapy == SCRAPY_DEFAULTS


def test_the_table_imports_no_other_package_of_the_project():
    code = ("import sys, settings_table; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'patrol', 'crawler', 'classifier', 'storage', 'review'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
