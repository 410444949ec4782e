"""Scope: a reviewer sees whether an offer is for work abroad or trafficking inside Indonesia."""

import json

import pytest

from classifier import load_scorer
from classifier.analysis import analyse
from classifier.data.write_corpus import authored
from classifier.scope import DOMESTIC, MIGRANT, scope_of


@pytest.fixture(scope="module")
def rules():
    return load_scorer("rules")


@pytest.mark.parametrize("text", [
    "Dicari cewek usia 16-20 utk pemandu lagu di karaoke Tarakan, KTP ditahan bos selama "
    "kontrak, gaji dijelaskan di lokasi. hub 0812-0000-1111",
    "Butuh 10 org kerja kebun di Ketapang, tiket dipinjamkan potong gaji, HP dititip mandor",
    "kerja di luar kota, mess disediakan, gaji dibayar akhir kontrak",
    "\U0001F1EE\U0001F1E9 Loker LC Timika, umur 17 boleh, jemput dari kampung",
])
def test_offers_inside_indonesia_are_domestic(rules, text):
    assert rules.score([text])[0].scope == DOMESTIC


@pytest.mark.parametrize("text", [
    "Lowongan kebun sawit di Pahang, masuk pakai paspor pelancong, permit nyusul",
    "L0k3r k3rj4 d1 M@l4ys!4 g4j1 t1ngg1, hub 0812-0000-2222",  # leetspeak, "!" for i
    "Loker ART \U0001F1F8\U0001F1E6 gaji besar tiket gratis",  # a flag emoji, no name
    "uang saku 2jt cair sebelum brgkt, gak usah lewat PT, negaranya nanti dikasih tau",
    "Ikut jalur saudara aja, lebih cepat",
    "kerja ke luar, berangkat minggu depan, japri",
])
def test_offers_for_work_abroad_are_migrant(rules, text):
    assert rules.score([text])[0].scope == MIGRANT


def test_scope_agrees_with_the_scenario_of_authored_offers():
    """The authors named each offer's scenario; `domestic` is the only one inside Indonesia."""
    offers = [r for r in authored() if r["label"] == "illegal"]
    wrong = [r for r in offers
             if scope_of(analyse(r["text"])) != (DOMESTIC if r["scenario"] == "domestic"
                                                 else MIGRANT)]
    assert len(wrong) <= 0.05 * len(offers), [r["text"][:80] for r in wrong]
    domestic = [r for r in offers if r["scenario"] == "domestic"]
    assert sum(r in wrong for r in domestic) <= 0.1 * len(domestic)


def test_the_active_model_reports_scope_in_its_json(tmp_path):
    from tests.conftest import run_patrol
    text = "Dicari cewek 15-17 thn utk cafe di Sorong, KTP ditahan bos, hub 0812-0000-3333"
    result = run_patrol("classify", text, "--json", cwd=tmp_path)
    assert json.loads(result.stdout)["scope"] == DOMESTIC, result.stderr
