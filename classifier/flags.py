"""Red-flag codes (docs/red-flags.md) and a spaCy matcher that finds them with their spans.

Phrases are written in the normalised form (lower case, leetspeak folded; see normalise.py) and
matched token by token with a PhraseMatcher on a blank Indonesian pipeline. A few flags need a
window of tokens ("admin ... kamboja", "gaji ... 15 jt"): a `Window` is a head token, up to
`max_gap` tokens of anything, then a fixed tail. They are matched in plain Python with the
semantics of spaCy's Matcher with greedy="FIRST" (leftmost, then longest, no overlaps), because
the Matcher's wildcard states cost as much as the rest of the analysis together.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

import spacy
from spacy.matcher import PhraseMatcher

from classifier.memo import Memo
from classifier.nlp import char_span, indonesian, token_ids
from classifier.normalise import NormalisedText, normalise
from classifier.result import Flag

STRONG, MEDIUM, WEAK = 2.0, 1.0, 0.4


# A token test: one of a set of lower-case words, or a full match of a regular expression.
TokenTest = frozenset[str] | re.Pattern


@dataclass(frozen=True)
class Window:
    head: frozenset[str]
    max_gap: int
    tail: tuple[TokenTest, ...]


@dataclass(frozen=True)
class FlagDef:
    code: str
    weight: float
    meaning: str
    phrases: tuple[str, ...] = ()
    windows: tuple[Window, ...] = ()


_SCAM_JOBS = frozenset({
    "admin", "cs", "operator", "marketing", "typing", "telemarketing", "customer", "scammer",
    "judi", "slot", "crypto", "kripto", "kasino", "casino", "online", "entry", "game", "ktv"})
_SCAM_PLACES = frozenset({
    "kamboja", "cambodia", "myanmar", "laos", "phnom", "sihanoukville", "myawaddy", "poipet",
    "bavet", "kandal", "kampot", "bokeo", "shwe", "kk", "mae", "thailand", "bangkok"})
# Places that are themselves the scam hubs: a job there is the lure, whatever it is called.
_SCAM_HUBS = frozenset({
    "kamboja", "cambodia", "sihanoukville", "myawaddy", "poipet", "bavet", "phnom", "bokeo",
    "kampot", "kandal"})
_JOB = frozenset({"lowongan", "kerja", "bekerja", "job", "pekerjaan", "gaji", "karaoke",
                  "work", "vacancy", "hiring"})
_JUTA_10_PLUS = re.compile(r"[1-9]\d{1,2}")
_USD_800_PLUS = re.compile(r"[89]\d\d|[1-9][.,]?\d{3}")
_DOMESTIC = frozenset({
    "art", "prt", "pembantu", "plrt", "babysitter", "nanny", "pengasuh", "sopir", "supir", "tkw",
    "rt", "housemaid", "maid", "jaga", "lansia", "khadimat", "khadamah"})
_GULF = frozenset({
    "saudi", "arab", "dubai", "uae", "emirat", "oman", "qatar", "kuwait", "bahrain", "yordania",
    "jordan", "suriah", "syria", "irak", "iraq", "timteng", "riyadh", "jeddah", "mekkah",
    "makkah", "madinah", "abu", "doha"})
# Closed to placement whatever the job: war zones.
_CONFLICT = frozenset({
    "suriah", "syria", "irak", "iraq", "erbil", "yaman", "yemen", "libya", "sudan",
    "afghanistan", "afganistan"})
_SALARY = frozenset({"gaji", "gajih", "salary", "upah", "penghasilan", "pendapatan", "income"})
# "pelaut" stands for a seaman's book ("buku pelaut"), which a fishing crew needs as a passport.
_DOCUMENTS = frozenset({"paspor", "passport", "ktp", "ijazah", "dokumen", "pelaut"})
_PAPERS = frozenset({"paspor", "passport", "dokumen", "permit", "pelaut"})
_HELD = frozenset({"dipegang", "ditahan", "dititip", "dititipkan", "disita",
                   "dikumpulkan", "tahan", "pegang", "kept", "held", "withheld", "confiscated",
                   "ditinggal", "collected"})
_KEPT = frozenset({"disimpan", "simpan"})
_KEEPERS = frozenset({"agen", "bos", "boss", "majikan", "perusahaan", "kami", "pt", "sponsor",
                      "mandor", "atasan", "manajer", "manajemen", "pemilik", "kantor", "hrd",
                      "yayasan", "outlet"})
# "Comes later" or "we make it": papers arranged outside the lawful process.
_LATER_OR_MADE = frozenset({
    "nyusul", "menyusul", "belakangan", "dibuatin", "dibuatkan", "buatin", "buatkan",
    "dibikinin", "dibikinkan", "bikinin", "bikinkan"})
# After normalisation "gak", "ga", "tdk" are all "tidak".
_WITHOUT = frozenset({"tanpa", "tidak", "bukan", "no"})
_AGENCY = frozenset({"pt", "p3mi", "pjtki", "pptkis", "agen", "agensi", "agency"})
_AUTHORITIES = frozenset({
    "bp2mi", "bp3mi", "kp2mi", "disnaker", "imigrasi", "ltsa", "siskop2mi", "kemnaker"})
_TRAINING = frozenset({
    "blk", "lpk", "pelatihan", "kursus", "training", "sertifikat", "ujian", "tes", "test",
    "sekolah", "bst", "certificate"})
_CROSSING = frozenset({
    "masuk", "nyebrang", "nyeberang", "menyeberang", "menyebrang", "lewat", "via", "jalur"})
# Jetties and land crossings used to slip into Malaysia (docs/scenarios.md, `malaysia`).
_EXIT_POINTS = frozenset({
    "nunukan", "sebatik", "tawau", "entikong", "aruk", "dumai", "bengkalis", "pelintung"})
_FEW = re.compile(r"[1-9]")
_DAYS = frozenset({"hari", "minggu"})
_DEPART = frozenset({"terbang", "berangkat"})
_DEDUCT = frozenset({"potongan", "dipotong"})  # not "potong": "potong rambut 3 bulan sekali"
_MONTHS = frozenset({"bulan"})
_PAY = frozenset({"bayar", "transfer", "setor", "tf", "dp"})
_COST = frozenset({"biaya", "ongkos", "fee"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MONEY_UNIT = frozenset({"jt", "juta", "rb", "ribu", "rp"})
# Trafficking inside Indonesia (docs/scenarios.md, the ILO indicators as ads phrase them).
# 17 is the age of an identity card, and real job ads take "17-30 tahun": only younger ones.
_MINOR_AGE = frozenset({"13", "14", "15", "16"})
_DASH = frozenset({"-", "–", "sampai"})
_AGE = frozenset({"umur", "usia", "umurnya", "usianya"})
_PHONE_WORDS = frozenset({"hp", "handphone", "ponsel", "hape"})
_PHONE_TAKEN = frozenset({"dikumpul", "dikumpulkan", "disimpan", "disimpen", "dititip",
                          "dititipkan", "dipegang", "disita", "ditahan", "simpan"})
_FARE = frozenset({"ongkos", "tiket", "transport", "ongkosnya", "tiketnya"})
_LENT = frozenset({"dipinjamkan", "dipinjemin", "dipinjam", "dipinjami", "dipinjemkan",
                   "pinjamkan"})
# Not "diberikan": "BPJS diberikan setelah 3 bulan" is an ordinary probation.
_PAID_OUT = frozenset({"dibayar", "dibayarkan", "keluar", "diambil", "cair"})
_EVERY_OR_AFTER = frozenset({"tiap", "setiap", "sesudah", "setelah"})
_LONG_PERIOD = re.compile(r"[2-9]|1[0-2]")
_END = frozenset({"akhir", "habis", "selesai"})
_TERM = frozenset({"kontrak", "proyek", "musim"})
_RAN_OFF = frozenset({"kabur", "lari", "berhenti"})
_PUNISHED = frozenset({"didenda", "denda", "dilaporkan", "laporkan", "ditagih"})
_EXPLAINED = frozenset({"dijelaskan", "dijelasin", "diatur", "dibahas"})
_ARRIVAL = frozenset({"sampai", "tiba", "datang"})
_THERE = frozenset({"lokasi", "tempat"})

FLAGS: tuple[FlagDef, ...] = (
    FlagDef("visit_visa_for_work", STRONG, "work on a visit/ziarah visa", (
        "visa ziarah", "visa ziaroh", "visa kunjungan", "visit visa", "visa visit",
        "visa dirubah di sana", "visa diubah di sana", "visa ganti di sana", "pakai visa ziarah",
        "visa kunjungan kerja", "jalur ziarah", "lewat ziarah", "pas lawatan", "visit pass")),
    FlagDef("umrah_visa_for_work", STRONG, "umrah/hajj visa used to enter and then work", (
        "umroh sambil kerja", "umrah sambil kerja", "visa umroh", "visa umrah",
        "umroh plus kerja", "umroh + kerja", "paket umroh kerja",
        "sampai sana langsung kerja", "visa haji", "umroh sekalian kerja",
        "umroh gratis sekalian kerja", "umroh terus kerja", "umroh trus kerja", "umroh lalu kerja",
        "umrah then work", "lewat umroh", "jalur umroh", "via umroh", "pakai umroh",
        "umroh dulu", "umrah visa", "umroh visa", "hajj visa")),
    FlagDef("tourist_visa_for_work", STRONG, "tourist/visa-free entry used for work", (
        "visa turis", "visa wisata", "visa tourist", "tourist visa", "bebas visa",
        "ngaku liburan", "ngaku wisata", "berangkat sbg turis", "berangkat sebagai turis",
        "pakai paspor wisata", "paspor pelancong", "visa pelancong", "pakai visa bisnis",
        "masuk pakai visa bisnis", "berangkat pakai visa bisnis", "visa on arrival",
        "go as a tourist", "enter as a tourist", "enter as tourist", "travel as a tourist",
        "permit nyusul", "permit menyusul", "permit diurus di sana", "kerja sambil tunggu permit",
        "masuk pakai paspor pelancong", "visa magang kerja", "visa pelajar kerja full",
        "visa schengen turis", "schengen turis", "visa turis schengen")),
    FlagDef("closed_destination", STRONG, "domestic work in a closed Middle-East destination",
        windows=(Window(_DOMESTIC, 3, (_GULF,)), Window(_JOB, 5, (_CONFLICT,)))),
    FlagDef("scam_compound_job", STRONG, "'admin/CS/marketing' jobs in scam hubs", (
        "kk park", "golden triangle", "segitiga emas", "typing job", "admin judi",
        "admin slot", "cs judi", "marketing crypto", "scam online", "pogo"),
        windows=(Window(_SCAM_JOBS, 6, (_SCAM_PLACES,)), Window(_SCAM_PLACES, 6, (_SCAM_JOBS,)),
                 Window(_JOB, 3, (_SCAM_HUBS,)))),
    FlagDef("unofficial_route", STRONG, "crossing outside official checkpoints", (
        "jalur tikus", "pelabuhan tikus", "jalur belakang", "lewat belakang", "lewat hutan",
        "speedboat malam", "speed boat malam", "nyebrang dr sebatik", "nyebrang dari sebatik",
        "jalan tikus", "lewat jalur darat tanpa cap", "tanpa cap paspor", "jalur samping",
        "jalan setapak", "nyebrang sungai", "lewat pelabuhan kecil", "kapal kayu malam"),
        # "masuk lewat nunukan", "nyebrang via tawau"
        windows=(Window(_CROSSING, 1, (_EXIT_POINTS,)),)),
    FlagDef("no_passport_or_fake_docs", STRONG, "missing, borrowed or forged documents", (
        "pake paspor org lain", "pakai paspor orang lain", "dokumen kami urus semua",
        "data bisa diubah", "identitas baru", "paspor aspal", "we arrange passport",
        "passport arranged", "nama orang lain", "paspor orang lain", "paspor palsu",
        "we arrange all documents", "we arrange documents", "documents arranged by us",
        "fake passport", "borrowed passport"),
        # "paspor kami yg buatin", "permit belakangan"; "tanpa paspor", "gak usah paspor"
        windows=(Window(_DOCUMENTS | _PAPERS, 2, (_LATER_OR_MADE,)),
                 Window(_WITHOUT, 2, (_PAPERS,)))),
    FlagDef("underage_or_age_fraud", STRONG, "under 18, or age changed", (
        "umur di paspor kami tuakan", "umur bisa diatur", "usia bisa diatur",
        "umur bisa dituakan", "umur dituakan", "blm 18 gpp", "belum 18 gpp",
        "belum 18 tahun boleh", "dibawah umur boleh", "min 16", "min 17", "minimal 16 tahun",
        "minimal 17 tahun", "usia 15", "usia 16", "usia 17", "umur 16", "umur 17",
        "under 18 ok", "under 18 is ok", "age 16", "age 17", "min age 16", "min age 17",
        "16th ke atas", "17th ke atas", "16th keatas", "17th keatas", "16 tahun ke atas",
        "17 tahun ke atas", "16 tahun keatas", "17 tahun keatas",
        "belum punya ktp bisa", "belum punya ktp boleh", "blm punya ktp", "belum ada ktp",
        "usia 15-17", "umur 15-17", "putus sekolah boleh", "lulus smp boleh"),
        # "umur 14", "16-20 tahun", "15 ke atas", "14–17 tahun", "gak usah bawa KTP"
        windows=(Window(_AGE, 0, (_MINOR_AGE,)),
                 Window(_MINOR_AGE, 0, (_DASH, _NUMBER, frozenset({"tahun"}))),
                 Window(_MINOR_AGE, 1, (frozenset({"ke"}), frozenset({"atas"}))),
                 Window(_MINOR_AGE, 1, (frozenset({"keatas"}),)),
                 Window(_AGE, 0, (re.compile(r"1[3-6][–-]\d\d"),)),
                 Window(_WITHOUT | {"sonde", "tra", "seng", "ndak"}, 2, (frozenset({"ktp"}),)))),
    FlagDef("bypass_authorities", STRONG, "told to avoid or deceive officials", (
        "bilang aja mau liburan", "bilang mau liburan", "bilang aja liburan",
        "bilang aja mau umroh", "gausah lapor", "lolos imigrasi dijamin",
        "dijamin lolos imigrasi", "tanpa rekom", "tanpa rekomendasi", "jangan bilang kerja",
        "jangan bilang mau kerja", "aman dari petugas", "bebas pemeriksaan",
        "say you are on holiday", "say you are a tourist", "don't tell immigration",
        "do not tell immigration", "tidak perlu lewat bp2mi", "tidak perlu lewat disnaker",
        "tidak perlu lewat pemerintah", "tidak perlu ke disnaker", "tidak perlu ke bp2mi",
        "kalau razia bilang liburan", "kalau ditanya bilang liburan", "bilang saja liburan"),
        # "gak usah lapor disnaker", "ga usah lewat BP2MI"; "usah" comes only negated
        windows=(Window(frozenset({"usah"}), 2, (_AUTHORITIES,)),
                 Window(frozenset({"tanpa"}), 1, (_AUTHORITIES,)))),
    FlagDef("passport_or_id_withheld", STRONG, "documents kept by recruiter/employer", (
        "ktp asli jaminan", "ijazah asli jaminan", "keep your passport",
        "passport kept", "passport held", "hold your passport"),
        # "paspor nanti dipegang agen", "ktp kami tahan dulu", "paspor disimpan bos"
        windows=(Window(_DOCUMENTS, 2, (_HELD,)), Window(_DOCUMENTS, 2, (_KEPT, _KEEPERS)))),
    FlagDef("restricted_freedom", STRONG, "confinement, phone taken", (
        "hp disita", "hp dikumpulkan", "hp ditahan", "hp dipegang", "tidak boleh keluar",
        "dilarang keluar", "tidak boleh pegang hp", "dilarang pegang hp", "tidak boleh pulang",
        "tidak ada libur", "tanpa libur", "not allowed to go out", "not allowed to leave",
        "cannot go out", "no day off", "phone will be kept", "phone will be taken",
        # isolation and movement (docs/scenarios.md, "Trafficking inside Indonesia")
        "hp dipegang bos", "hp dipegang mandor", "hp dipegang manajer", "hp disimpan bos",
        "tidak boleh pulang selama kontrak", "tidak boleh keluar mess", "kerja 7 hari seminggu",
        "7 hari kerja tanpa libur", "tidak bisa pulang", "ndak bisa pulang", "tra bisa pulang",
        "sonde bisa pulang", "seng bisa pulang", "dilarang pulang", "7 hari seminggu",
        "tra ada libur", "seng ada libur", "no libur", "tidak boleh bawa hp",
        "tidak diperkenankan membawa hp", "dilarang bawa hp", "no leave permitted"),
        # "HP dikumpul di kapal", "HP disimpan oleh manajer", "HP semua saya simpan"
        windows=(Window(_PHONE_WORDS, 2, (_PHONE_TAKEN,)),)),
    FlagDef("penalty_for_leaving", STRONG, "fines or threats for quitting", (
        "denda kalau resign", "denda jika resign", "denda kalo resign", "ganti rugi",
        "kontrak gak bisa putus", "kontrak tidak bisa diputus", "kabur dijual",
        "denda kabur", "bayar denda", "break contract", "penalty if", "pay penalty",
        "pay a penalty", "fine if you leave", "cannot resign", "can not resign",
        "tidak boleh berhenti sebelum", "keluarga wajib ganti", "ditagih ke keluarga"),
        # "yang kabur dari mess didenda 10 jt", "lari sebelum kontrak habis akan kami laporkan"
        windows=(Window(_RAN_OFF, 6, (_PUNISHED,)),)),
    FlagDef("fee_upfront", MEDIUM, "payment before departure", (
        "biaya admin", "dp dulu", "uang pendaftaran", "biaya pendaftaran", "tf ke rek",
        "transfer ke rek", "uang pelicin", "biaya proses", "biaya pemberangkatan",
        "uang jaminan", "biaya visa", "biaya tiket ditanggung sendiri", "bayar di depan",
        "uang muka", "biaya administrasi"),
        # "bayar 25 juta langsung berangkat", "transfer 2 jt dulu", "biaya berangkat 35 jt"
        windows=(Window(_PAY, 1, (_NUMBER, _MONEY_UNIT)),
                 Window(_COST, 2, (_NUMBER, _MONEY_UNIT)))),
    FlagDef("wage_deduction_debt", MEDIUM, "costs recovered from salary / debt bondage", (
        "potong gaji", "potongan gaji", "dipotong gaji", "gaji dipotong", "ditalangin",
        "ditalangi", "talangan", "ditanggung dulu", "bayar pake gaji", "bayar pakai gaji",
        "kasbon", "hutang biaya", "deducted from salary", "deducted from your salary",
        "cut from salary", "cut from your salary",
        # Trafficking inside Indonesia: wages held back, the fare lent (docs/scenarios.md)
        "gaji dibayar akhir kontrak", "gaji dibayar di akhir kontrak", "gaji ditahan",
        "gaji dibayar setelah kontrak selesai", "ongkos dipinjamkan", "tiket dipinjamkan",
        "ongkos dipotong gaji", "tiket dipotong gaji", "utang ongkos", "hutang ongkos",
        "utang tiket", "hutang tiket", "ongkos diganti dari gaji", "paid back from salary",
        "repaid from salary", "repaid from your salary", "dipotong dari gaji",
        "dicicil dari gaji", "ganti pakai gaji", "diganti pakai gaji", "uang panjar",
        "bantu utang", "bantu hutang", "tanggung dulu"),
        # "potongan 7 bulan", "dipotong 5 bln"; the fare lent ("tiket kapal dipinjam dulu");
        # wages kept ("gaji 3 bulan pertama ditahan", "ditabung bos"), paid at the end of the
        # term or every few months, or to the parents
        windows=(Window(_DEDUCT, 1, (_NUMBER, _MONTHS)),
                 Window(_FARE, 4, (_LENT,)),
                 Window(_SALARY, 4, (frozenset({"ditahan", "ditabung"}),)),
                 Window(_PAID_OUT, 2, (_END, _TERM)),
                 Window(_PAID_OUT, 2, (_EVERY_OR_AFTER, _LONG_PERIOD, _MONTHS)),
                 Window(_SALARY, 3, (frozenset({"orang"}), frozenset({"tua"}))),
                 Window(_SALARY, 3, (frozenset({"ortu"}),)))),
    FlagDef("no_contract", MEDIUM, "no or unreadable contract before departure", (
        "tanpa kontrak", "kontrak di sana", "kontrak disana", "kontrak bahasa mandarin",
        "gak usah tanda tangan", "tidak ada kontrak", "kontrak menyusul",
        "no contract", "contract signed on board", "contract signed there")),
    FlagDef("no_training_or_certificate", MEDIUM, "skips BLK/LPK, competency, orientation", (
        "langsung kerja tanpa", "without training"),
        # "tanpa BLK", "no BST", "gak usah kursus", "tidak perlu ke LPK", "tanpa ujian bahasa"
        windows=(Window(frozenset({"tanpa", "tidak", "no"}), 2, (_TRAINING,)),)),
    FlagDef("no_medical", MEDIUM, "skips the medical check", (
        "tdk perlu medical", "tidak perlu medical", "gak perlu medical", "tanpa mcu",
        "gak usah cek kesehatan", "tanpa medical", "medical di sana", "medical disana",
        "tanpa cek kesehatan", "no medical check", "no need medical", "medical not needed",
        "without medical")),
    FlagDef("too_fast_processing", MEDIUM, "unrealistically quick departure", (
        "proses cepat", "cepat terbang", "siap terbang", "proses kilat", "langsung terbang",
        "langsung berangkat", "berangkat minggu depan", "terbang minggu depan",
        "proses seminggu", "berangkat cepat", "berangkat minggu ini", "terbang minggu ini",
        "fast process", "quick process", "fly next week", "depart next week"),
        # "proses 2 minggu", "berangkat 5 hari lagi", "3 hari berangkat"
        windows=(Window(frozenset({"proses", "terbang", "berangkat"}), 1, (_FEW, _DAYS)),
                 Window(_FEW, 0, (_DAYS, _DEPART)))),
    FlagDef("no_licensed_agency", MEDIUM, "no licensed company; a personal recruiter", (
        "lewat kenalan", "sponsor langsung", "tanpa perusahaan", "jalur mandiri tanpa",
        "lewat calo", "langsung ke majikan", "langsung majikan", "langsung agen",
        "langsung ke agen", "direct employer",
        # village sponsors and family routes (docs/scenarios.md)
        "jalur kekeluargaan", "lewat saudara", "lewat keluarga", "uang fit", "uang saku keluarga",
        "tidak perlu lewat pt", "tidak perlu pt", "no agency needed"),
        # "tanpa PT", "gak pakai PT", "ga usah lewat agen", "bukan PJTKI"
        windows=(Window(_WITHOUT | {"usah"}, 2, (_AGENCY,)),)),
    FlagDef("unrealistic_salary", MEDIUM, "pay far above norms for unskilled work", (
        "gaji besar kerja santai", "gaji fantastis", "gaji menggiurkan", "gaji tinggi tanpa",
        "gaji besar tanpa", "gaji dollar", "gaji dolar", "gaji 2 digit", "gaji dua digit",
        "gaji gede"),
        windows=(
            # ten million rupiah or more, or USD 800+ a month, for unskilled work
            Window(_SALARY, 2, (_JUTA_10_PLUS, frozenset({"jt", "juta"}))),
            Window(_SALARY, 2, (frozenset({"$"}), _USD_800_PLUS)),
            Window(_SALARY, 2, (_USD_800_PLUS, frozenset({"usd", "dollar", "dolar", "$"}))),
        )),
    FlagDef("shelter_holding", MEDIUM, "workers held in a house/camp before crossing", (
        "ditampung dulu", "penampungan", "transit di rumah agen", "nunggu di batam",
        "nunggu di nunukan", "menunggu di penampungan", "tinggal di mess agen")),
    FlagDef("minimal_requirements", WEAK, "almost no requirements", (
        "syarat mudah", "cukup ktp", "modal ktp", "tanpa pengalaman", "tanpa ijazah",
        "semua biaya ditanggung", "tidak perlu pengalaman", "tanpa skill", "tanpa keahlian",
        "no experience", "no certificate", "no exp", "tidak perlu ijazah", "no degree",
        "yang penting bisa", "cukup bisa")),
    FlagDef("vague_employer_location", WEAK, "employer or place hidden", (
        "negara asia", "lokasi dikasih tau nanti", "lokasi menyusul", "perusahaan besar",
        "job ln", "kerja ln", "loker ln", "negeri jiran", "negara minyak",
        "timur tengah", "lokasi dirahasiakan", "lokasi detail dikasih tau",
        "dikasih tau setelah sampai", "lokasi kerja dikasih tau nanti",
        "location will be informed", "location informed later", "yang pasti asia tenggara",
        "pokoknya asia tenggara", "negara tetangga", "somewhere in southeast asia",
        "detail after interview", "details after interview", "lokasi setelah interview",
        "lokasi dikasih tau setelah interview", "dijelaskan di lokasi",
        "nanti dijelaskan di lokasi", "pekerjaan dijelaskan setelah sampai",
        "tujuan dikasih tau nanti", "negara tujuan dikasih tau nanti",
        "discussed upon arrival", "explained upon arrival", "explained on arrival",
        "briefing lengkap setelah sampai"),
        # "gaji dijelaskan sampai lokasi", "dijelasin pas sudah sampai", "diatur di tempat"
        windows=(Window(_EXPLAINED, 2, (_ARRIVAL,)), Window(_EXPLAINED, 1, (_THERE,)))),
    FlagDef("contact_private_only", WEAK, "contact only via private chat", (
        "japri", "pm aja", "dm aja", "inbox", "wa aja", "chat pribadi", "minat hub",
        "minat wa", "hub wa", "via wa", "langsung wa", "minat pm", "minat dm", "dm sekarang",
        "pm sekarang", "dm me", "pm me", "dm for info", "pm for info", "inbox me")),
)

FLAG_CODES: dict[str, FlagDef] = {f.code: f for f in FLAGS}


def total_weight(codes: set[str]) -> float:
    """The summed weight of these codes, added in FLAGS' order: a set's own order changes with
    each process's string hashes, and with it the last bit of the sum."""
    return sum(flag.weight for flag in FLAGS if flag.code in codes)


_WINDOW_FLAGS = tuple(f for f in FLAGS if f.windows)
# Each distinct token test of the windows gets a bit; a word's bits are computed once.
_TESTS = list(dict.fromkeys(t for f in _WINDOW_FLAGS for w in f.windows for t in (w.head, *w.tail)))
_TEST_BIT = {t: i for i, t in enumerate(_TESTS)}


class _Compiled(NamedTuple):
    """A window as bits: `tests[i]` has bit `_TEST_BIT[t]` set for each window test t that
    token i passes."""

    code: str
    needs: int  # the bits of all its tests: unless some words pass them all, it cannot match
    head: int
    gap: int  # as many tokens as `max_gap`, plus one
    first: int  # the tail's first test
    rest: tuple[int, ...]  # the rest of the tail


_WINDOWS = tuple(_Compiled(f.code, sum({1 << _TEST_BIT[t] for t in (w.head, *w.tail)}),
                           1 << _TEST_BIT[w.head], w.max_gap + 1, 1 << _TEST_BIT[w.tail[0]],
                           tuple(1 << _TEST_BIT[t] for t in w.tail[1:]))
                 for f in _WINDOW_FLAGS for w in f.windows)
_WINDOW_CODES = tuple(f.code for f in _WINDOW_FLAGS)
# A post none of whose words heads a window has no window flag. The heads' bits are or-ed:
# windows share heads, and a sum carried a shared head's bit into its neighbour's.
_HEAD_BITS = functools.reduce(operator.or_, (w.head for w in _WINDOWS), 0)


def _headed_by(bits: int) -> tuple[_Compiled, ...]:
    """The windows whose head test is among these bits."""
    return tuple(w for w in _WINDOWS if bits & w.head)


# By a token's bits: few tokens head any window, so each token tries only its own windows.
_HEADED = Memo(_headed_by, 2**12)

# Red-flag families (docs/red-flags.md), for recall per family.
FAMILIES: dict[str, tuple[str, ...]] = {
    "visa_misuse": ("visit_visa_for_work", "umrah_visa_for_work", "tourist_visa_for_work"),
    "destination_and_job": ("closed_destination", "scam_compound_job"),
    "route_and_documents": ("unofficial_route", "no_passport_or_fake_docs",
                            "underage_or_age_fraud", "bypass_authorities"),
    "coercion": ("passport_or_id_withheld", "restricted_freedom", "penalty_for_leaving"),
    "costs_and_debt": ("fee_upfront", "wage_deduction_debt"),
    "skipped_procedure": ("no_contract", "no_training_or_certificate", "no_medical",
                          "too_fast_processing", "no_licensed_agency", "shelter_holding"),
    "lures": ("unrealistic_salary", "minimal_requirements", "vague_employer_location",
              "contact_private_only"),
}
FAMILY_OF = {code: family for family, codes in FAMILIES.items() for code in codes}


class RedFlagMatcher:
    """Finds red flags in a normalised text; spans refer to the original text."""

    def __init__(self, nlp: spacy.language.Language | None = None) -> None:
        self.nlp = nlp or indonesian()
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for flag in FLAGS:
            if flag.phrases:
                # Phrases go through the same normalisation as posts ("gak" -> "tidak").
                phrases = [normalise(p).text for p in flag.phrases]
                self._phrases.add(flag.code, list(self.nlp.tokenizer.pipe(phrases)))

    def find(self, norm: NormalisedText, doc: spacy.tokens.Doc | None = None,
             ids: list[int] | None = None) -> list[Flag]:
        """The flags of `norm`, whose tokens are `doc` with `token_ids(doc)` as `ids`."""
        doc = doc if doc is not None else self.nlp.make_doc(norm.text)
        strings = self.nlp.vocab.strings
        matches = [(strings[match_id], start, end) for match_id, start, end in self._phrases(doc)]
        matches += window_matches(ids if ids is not None else token_ids(doc))
        spans = {(*char_span(doc, start, end), code): None for code, start, end in matches}
        flags = []
        for start, end, code in _drop_nested(list(spans)):
            o_start, o_end = norm.span(start, end)
            flags.append(Flag(code=code, text=norm.original[o_start:o_end],
                              start=o_start, end=o_end))
        return flags


def window_matches(ids: list[int]) -> list[tuple[str, int, int]]:
    """(code, start token, end token) of each window flag in the tokens with these ORTH ids,
    as spaCy's Matcher with greedy="FIRST" would find them."""
    tests = list(map(_WINDOW_TESTS.__getitem__, ids))
    present = functools.reduce(operator.or_, tests, 0)
    if not present & _HEAD_BITS:
        return []
    spans: dict[str, list[tuple[int, int]]] = {}
    size = len(tests)
    for start in itertools.compress(range(size), tests):
        for window in _HEADED[tests[start]]:
            if window.needs & present != window.needs:
                continue
            # The head, then 0..max_gap tokens of anything, then the tail.
            width = 1 + len(window.rest)
            for first in range(start + 1, min(start + 1 + window.gap, size - width + 1)):
                if tests[first] & window.first and all(
                        tests[first + k] & bit for k, bit in enumerate(window.rest, 1)):
                    spans.setdefault(window.code, []).append((start, first + width))
    return [(code, start, end) for code in _WINDOW_CODES if spans.get(code)
            for start, end in _first_longest(spans[code])]


# A word's bits from the word-list tests in one lookup: trying each of the forty tests on each
# new word was a tenth of the time of a crawl's first posts.
def _bits_of_listed_words() -> dict[str, int]:
    bits: dict[str, int] = {}
    for test, bit in _TEST_BIT.items():
        for word in test if isinstance(test, frozenset) else ():
            bits[word] = bits.get(word, 0) | 1 << bit
    return bits


_LISTED_BITS = _bits_of_listed_words()
_PATTERN_BITS = tuple((t, 1 << b) for t, b in _TEST_BIT.items() if not isinstance(t, frozenset))


def _window_tests(orth: int) -> int:
    """The bits of the window tests the word with this ORTH id passes, on its lower case (as
    spaCy's LOWER, which the phrases match)."""
    word = indonesian().vocab.strings[orth].lower()
    bits = _LISTED_BITS.get(word, 0)
    for pattern, bit in _PATTERN_BITS:
        if pattern.fullmatch(word):
            bits |= bit
    return bits


_WINDOW_TESTS = Memo(_window_tests, 2**16)


def _first_longest(matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leftmost, then longest, matches that share no token (spaCy's greedy="FIRST")."""
    kept: list[tuple[int, int]] = []
    taken: set[int] = set()
    for start, end in sorted(set(matches), key=lambda m: (m[0], -m[1])):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    return kept


def _drop_nested(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest span per code where spans of the same code overlap."""
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    # Spans come by start, so one overlaps a kept span of its code exactly when it starts
    # before the furthest end kept for that code.
    kept_end: dict[str, int] = {}
    for span in spans:
        start, end, code = span
        if kept_end.get(code, -1) > start:
            continue
        kept.append(span)
        kept_end[code] = max(kept_end.get(code, -1), end)
    return kept
