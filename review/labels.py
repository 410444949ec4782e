"""What reviewers read: red-flag codes, verdicts, statuses and roles in Bahasa Indonesia."""

from __future__ import annotations

from classifier.flags import FLAG_CODES
from patrol.cases import partners, referrals
from patrol.cases.takedowns import days_between
from patrol.queue import reasons
from review import numbers

FLAG_LABELS: dict[str, str] = {
    "visit_visa_for_work": "Visa kunjungan/ziarah untuk bekerja",
    "umrah_visa_for_work": "Visa umrah/haji untuk bekerja",
    "tourist_visa_for_work": "Visa turis/bebas visa untuk bekerja",
    "closed_destination": "PRT ke negara Timur Tengah yang ditutup",
    "scam_compound_job": "Kerja 'admin/CS' di sarang penipuan online",
    "unofficial_route": "Jalur tidak resmi (jalur tikus)",
    "no_passport_or_fake_docs": "Tanpa paspor / dokumen palsu",
    "underage_or_age_fraud": "Di bawah umur / umur dipalsukan",
    "bypass_authorities": "Disuruh mengelabui petugas",
    "passport_or_id_withheld": "Paspor/dokumen ditahan",
    "restricted_freedom": "Kebebasan dibatasi (HP disita, tak boleh keluar)",
    "penalty_for_leaving": "Denda atau ancaman bila berhenti",
    "fee_upfront": "Biaya di muka",
    "wage_deduction_debt": "Potong gaji / jeratan utang",
    "no_contract": "Tanpa kontrak kerja",
    "no_training_or_certificate": "Tanpa pelatihan/sertifikat",
    "no_medical": "Tanpa pemeriksaan kesehatan",
    "too_fast_processing": "Proses terlalu cepat",
    "no_licensed_agency": "Tanpa perusahaan resmi (P3MI)",
    "unrealistic_salary": "Gaji tidak wajar",
    "shelter_holding": "Ditampung sebelum berangkat",
    "minimal_requirements": "Syarat sangat mudah",
    "vague_employer_location": "Pemberi kerja/lokasi disamarkan",
    "contact_private_only": "Hanya lewat japri",
    "other": "Lainnya (tulis di catatan)",
}
assert set(FLAG_LABELS) == set(FLAG_CODES) | {"other"}, "every red-flag code needs a label"

# Why a post is not an offer (a verdict "Bukan"): the kinds of hard negative the corpus names.
BENIGN_REASON_LABELS = {
    "warning": "Peringatan/imbauan resmi",
    "news": "Berita atau liputan",
    "licensed_ad": "Lowongan resmi (P3MI berizin atau G to G)",
    "domestic_job": "Lowongan kerja dalam negeri yang wajar",
    "question": "Pertanyaan pencari kerja",
    "story": "Cerita pekerja atau purna pekerja migran",
    "travel_ad": "Iklan perjalanan/umrah, bukan lowongan",
    "service_ad": "Iklan jasa lain, bukan lowongan",
    "unrelated": "Tidak berkaitan dengan rekrutmen",
    "other": FLAG_LABELS["other"],
}
# What an admin should look at (a verdict "Ragu-ragu"); red flags may be ticked as well.
UNSURE_REASON_LABELS = {
    "needs_context": "Perlu konteks lain (gambar, tautan, unggahan sebelumnya)",
    "check_agency": "Izin perusahaan perlu dicek",
    "mixed_message": "Campuran peringatan dan tawaran",
    "unclear_language": "Bahasa atau istilah tidak jelas",
}
# Offered with "Ilegal" and "Ragu-ragu" when a company the post names is not in the register.
AGENCY_REASON_LABELS = {
    reasons.UNLISTED_AGENCY: "Perusahaan yang disebut tidak ada di daftar P3MI berizin "
                             "(atau izinnya habis)",
}
# Every code a decision may carry, for showing decisions already made.
DECISION_REASON_LABELS = {**FLAG_LABELS, **BENIGN_REASON_LABELS, **UNSURE_REASON_LABELS,
                          **AGENCY_REASON_LABELS}
assert set(DECISION_REASON_LABELS) == reasons.ALL, "every decision reason needs a label"

VERDICT_LABELS = {"illegal": "Ilegal", "benign": "Bukan", "unsure": "Ragu-ragu (ke admin)"}
STATUS_LABELS = {"open": "Terbuka", "claimed": "Diambil", "decided": "Diputus",
                 "escalated": "Ke admin", "dismissed": "Dikeluarkan"}
REASON_LABELS = {"threshold": "Di atas ambang", "uncertain": "Sampel dekat ambang",
                 "random": "Sampel acak"}
RUN_LABELS = {"running": "Berjalan", "finished": "Selesai", "failed": "Ada sumber gagal",
              "interrupted": "Terputus"}
# Where the work is: they go to different partners (docs/scenarios.md).
SCOPE_LABELS = {"migrant": "Pekerja migran (luar negeri)", "domestic": "TPPO dalam negeri"}
ROLE_LABELS = {"reviewer": "Peninjau", "analyst": "Analis", "admin": "Admin"}
ENTITY_LABELS = {"phone": "Telepon/WA", "telegram": "Telegram", "instagram": "Instagram",
                 "tiktok": "TikTok", "facebook": "Facebook", "bank_account": "Rekening",
                 "organisation": "Perusahaan",
                 "handle": "Akun @ (platform tidak disebut)"}

IMPORTED = "import"  # the source of posts brought in by `patrol import`


def origin(platform: str, source: str | None) -> str:
    """Where a post was seen, platform first: "telegram · sumber lokerln", "facebook ·
    diimpor". A post imported by hand has the source "import", which says nothing of where it
    was posted."""
    if source == IMPORTED:
        return f"{platform} · diimpor"
    return f"{platform} · sumber {source}" if source and source != platform else platform


# Messages shown after a redirect, chosen by a fixed key so a URL cannot inject text.
MESSAGES = {
    "decided": "Keputusan tersimpan.",
    "released": "Item dilepas kembali ke antrean.",
    "empty": "Tidak ada item terbuka di antrean.",
    "user_added": "Pengguna ditambahkan.",
    "user_changed": "Pengguna diperbarui.",
    "logged_out": "Anda sudah keluar.",
    "promoted": "Model baru aktif. Jalankan `patrol rescore` agar antrean memakai skornya.",
    "rolled_back": "Model sebelumnya aktif kembali. Jalankan `patrol rescore`.",
    "referral_proposed": "Usulan rujukan tersimpan sebagai draf. Admin akan mengirimnya.",
    "referral_sent": "Rujukan terkirim; paket bukti tersimpan bersamanya.",
    "referral_changed": "Status rujukan diperbarui.",
    "referral_noted": "Catatan ditambahkan.",
    "partner_saved": "Mitra tersimpan.",
    "agency_saved": "Daftar P3MI diperbarui.",
}

PARTNER_KIND_LABELS = {"police": "Kepolisian (Polda/Polres)",
                      "platform": "Kanal pelaporan platform", "agency": "Instansi lain"}
REFERRAL_STATUS_LABELS = {"draft": "Draf (usulan)", "sent": "Terkirim",
                          "acknowledged": "Diterima mitra", "acted_on": "Ditindaklanjuti",
                          "closed": "Ditutup", "rejected": "Ditolak mitra"}
SUBJECT_LABELS = {"items": "Item", "recruiter": "Perekrut", "group": "Grup mirip"}
assert set(REFERRAL_STATUS_LABELS) == set(referrals.STATUSES), "every status needs a label"
assert set(PARTNER_KIND_LABELS) == set(partners.KINDS), "every partner kind needs a label"

# Why a change to a user was refused (storage.users.UserError.kind).
USER_REFUSALS = {
    "role": "Peran tidak dikenal.",
    "name": "Nama pengguna hanya boleh berisi huruf, angka, titik, garis bawah, dan tanda "
            "hubung, diawali huruf atau angka, paling panjang 40 karakter.",
    "password": "Kata sandi paling sedikit 8 karakter.",
    "exists": "Nama pengguna itu sudah dipakai.",
    "missing": "Pengguna itu tidak ada.",
    "last_admin": "Ini admin aktif terakhir. Jadikan atau aktifkan admin lain dulu, agar tetap "
                  "ada yang bisa memutus item yang menunggu admin dan mengelola pengguna.",
}

# Why a model change was refused, for the analysts' pages (details stay as the code gives them).
REFUSALS = {
    "worse": "Kandidat lebih buruk dari model aktif pada set evaluasi beku ({detail}). Centang "
             "\"Paksa promosi\" dan tulis alasannya bila tetap ingin memakainya.",
    "no_reason": "Promosi paksa perlu alasan; alasan itu masuk log audit.",
    "unloadable": "Model ini tidak bisa dimuat atau diverifikasi, jadi tidak dipromosikan: "
                  "{detail}",
    "already_active": "Model ini sudah aktif.",
    "nothing_to_roll_back": "Tidak ada model sebelumnya untuk dikembalikan.",
}


def online_status(status, referred_at=None) -> str:
    """What `patrol recheck` last found of a post (a patrol.cases.takedowns.OnlineStatus, or
    None when it was never looked at again), and with `referred_at` (when its first referral was
    sent) how long after that it was taken down, or how long it has stayed up since."""
    if status is None:
        return "belum diperiksa ulang"
    since = None
    if status.online:
        shown = f"masih online (diperiksa {status.checked_at:%Y-%m-%d %H:%M} UTC)"
        if referred_at is not None:
            since = f"{_days(referred_at, status.checked_at)} hari setelah dirujuk"
    else:
        shown = f"sudah diturunkan sejak {status.gone_since:%Y-%m-%d %H:%M} UTC"
        if referred_at is not None:
            since = f"online {_days(referred_at, status.gone_since)} hari setelah dirujuk"
    return f"{shown}; {since}" if since else shown


def _days(start, end) -> str:
    return numbers.number(round(days_between(start, end), 1), 1)


def takedown(found: dict | None) -> str:
    """What the rechecks say of a referral's posts (patrol.cases.takedowns.Takedown.to_dict())."""
    if not found or not found["checked"]:
        return "belum diperiksa ulang"
    if found["days_up"] is not None:
        return f"sudah diturunkan semua, {numbers.number(found['days_up'], 1)} hari setelah dikirim"
    online = found["checked"] - found["gone"]
    unchecked = found["posts"] - found["checked"]
    parts = [f"{online} dari {found['posts']} unggahan masih online"]
    if found["gone"]:
        parts.append(f"{found['gone']} sudah diturunkan")
    if unchecked:
        parts.append(f"{unchecked} belum diperiksa")
    return ", ".join(parts)
