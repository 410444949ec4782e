"""Hand-written post families for the labelled corpus (see write_corpus.py and DATA_CARD.md).

All text was written for this project; no post was copied from the internet. Names, companies,
accounts and handles are invented; phone numbers are generated in a 0000 block.
Template syntax: <pool> slot, {a|b} alternatives, [optional part].
"""

POOLS = {
    "dest_gulf": ["Saudi", "Arab Saudi", "Riyadh", "Jeddah", "Dubai", "Abu Dhabi", "Qatar", "Doha",
                  "Kuwait", "Oman", "Bahrain", "Yordania", "Timteng"],
    "dest_scam": ["Kamboja", "Phnom Penh", "Sihanoukville", "Myanmar", "Myawaddy", "Laos",
                  "Poipet", "Bavet", "Kamboja (dekat perbatasan Thailand)"],
    "dest_my": ["Malaysia", "negeri jiran", "KL", "Johor", "Penang", "Sabah", "Tawau",
                "Sarawak", "Kuching", "Selangor"],
    "dest_asia": ["Taiwan", "Hongkong", "Singapura", "Korea", "Jepang", "Brunei"],
    "transit": ["Batam", "Nunukan", "Sebatik", "Dumai", "Tanjung Balai", "Entikong",
                "Tanjung Uban", "Bengkalis", "Karimun", "Tanjung Pinang"],
    "origin": ["Indramayu", "Cianjur", "Lombok Timur", "Kupang", "Cilacap", "Sukabumi",
               "Karawang", "Blitar", "Ponorogo", "Sumbawa", "Tulungagung", "Subang", "Brebes",
               "Kendal", "Lampung Timur", "Sambas", "Flores Timur", "Banyuwangi", "Cirebon"],
    "job_domestic": ["ART", "PRT", "pembantu rumah tangga", "babysitter", "pengasuh lansia",
                     "sopir pribadi", "PLRT", "nanny", "pengasuh anak"],
    "job_scam": ["admin", "CS online", "operator komputer", "marketing online", "typing job",
                 "telemarketing", "admin game online", "customer service", "admin sosmed"],
    "job_manual": ["kerja kebun sawit", "operator pabrik", "kerja restoran", "tukang bangunan",
                   "cleaning service", "kerja hotel", "buruh konstruksi", "pekerja ladang",
                   "kerja kilang", "kerja di kedai makan"],
    "salary_gulf": ["gaji 1500 riyal", "gaji 1800 SR", "gaji 7-9jt", "gaji 2000 real",
                    "gaji 1200 dirham", "gaji 1600 SAR"],
    "salary_scam": ["gaji $1000-1500", "gaji 1200 USD", "gaji 15-20jt", "gaji 18jt",
                    "gaji $1300 + bonus", "gaji 1000 dolar"],
    "salary_my": ["gaji RM 2500", "gaji 1800 ringgit", "gaji 8jt", "gaji RM 3000 bersih",
                  "gaji RM 100/hari"],
    "salary_high": ["gaji 20jt", "gaji 25jt", "gaji 30jt/bln", "gaji 22jt", "gaji 35 juta"],
    "fee": ["biaya admin 2,5jt", "DP 3jt", "uang pendaftaran 500rb", "biaya proses 15jt",
            "biaya pemberangkatan 7jt", "uang jaminan 5jt", "biaya visa 4jt",
            "biaya administrasi 1,5jt"],
    "bank": ["BRI 0000-01-114455-50-3 a.n. SRI WAHYUNI", "BCA 0000123456 a.n. Rudi H",
             "Mandiri 000-00-1122334-5 a.n. Dewi", "BNI 0000987654 a.n. Agus S",
             "DANA 0812-0000-7788"],
    "tg": ["@loker_ln_2026", "@info_kerja_jiran", "@agen_bu_sri", "@jobkamboja_vip",
           "@kerja_timteng_cepat", "@kerjaln_tanpa_ribet", "@admin_rekrut88", "@lowker_asia"],
    "pt": ["PT Sinar Jaya Mandiri", "PT Bumi Karya Utama", "PT Cahaya Abadi Sentosa",
           "PT Nusa Mitra Kencana", "PT Anugrah Duta Sejahtera", "PT Graha Insani Karya"],
    "sip": ["SIP3MI No. 000.12/2024", "SIP3MI nomor 000/45/2023", "izin SIP3MI 000.7/2025"],
    "name": ["Bu Sri", "Pak Darto", "Mas Andi", "Kak Rina", "Bang Jul", "Mbak Yuni",
             "Pak Haji Udin", "Teh Nining", "Bu Lastri"],
    "official": ["Kemnaker", "KP2MI", "BP3MI Jawa Barat", "BP3MI NTB", "Disnaker Kab. Cianjur",
                 "KBRI Phnom Penh", "KJRI Jeddah", "Kemlu RI", "LTSA Indramayu", "BP3MI Kepri",
                 "Disnakertrans Lombok Timur"],
    "police": ["Polres Nunukan", "Polda Kepri", "Polresta Barelang", "Polres Indramayu",
               "Polda NTB", "Polres Dumai", "Polda Kalbar", "Imigrasi Soekarno-Hatta",
               "Kantor Imigrasi Batam", "Polres Tanjung Balai"],
    "count": ["7", "12", "15", "23", "31", "9", "46", "5", "18"],
    "day": ["Senin (3/11)", "Selasa lalu", "Rabu (12/11)", "Kamis dini hari", "akhir pekan lalu",
            "Jumat (7/11)", "Minggu malam"],
    "city": ["Batam", "Bekasi", "Cikarang", "Surabaya", "Semarang", "Tangerang", "Medan",
             "Makassar", "Bandung", "Karawang", "Sidoarjo", "Yogyakarta", "Denpasar"],
    "job_local": ["operator produksi", "admin gudang", "kasir minimarket", "barista",
                  "staf admin", "kurir", "SPG", "teknisi AC", "helper toko", "cook helper",
                  "satpam", "driver ekspedisi", "staf gudang"],
    "umrah_price": ["Rp 29,9 jt", "Rp 33 jt", "Rp 35,5 jt", "Rp 27 jt", "Rp 31 jt"],
    "travel": ["Al-Hikmah Tour", "Barokah Umroh Wisata", "Nur Madinah Travel",
               "Safa Marwa Tour", "Cahaya Haramain Travel"],
    "month": ["Januari", "Februari", "Maret", "Mei", "Juli", "September", "Desember"],
}


def I(id, flags, texts, obfuscate=(), n=8):  # noqa: E743 - an illegal family
    return {"id": id, "label": "illegal", "category": "offer", "flags": list(flags),
            "texts": texts, "obfuscate": list(obfuscate), "n": n}


def B(id, category, texts, style="informal", n=10):
    return {"id": id, "label": "benign", "category": category, "texts": texts, "style": style,
            "n": n}


OBF = ["kerja", "Kamboja", "Malaysia", "Saudi", "visa", "paspor", "gaji", "admin", "Myanmar",
       "jalur", "umroh", "Dubai", "loker", "Qatar"]

ILLEGAL = [
    I("i-ziarah-art", ["visit_visa_for_work", "closed_destination"], [
        "Dibutuhkan {ART|PRT|pembantu} untuk <dest_gulf>, berangkat pakai visa ziarah, nanti visa dirubah di sana. <salary_gulf>. [Tanpa pengalaman boleh.] Minat hub <phone>",
        "{BUTUH CEPAT|Lowongan} {ART|PRT} <dest_gulf> 🇸🇦\nvisa ziarah aman, sampai sana langsung kerja\n<salary_gulf>\nwa <phone>",
    ], OBF),
    I("i-ziarah-sopir", ["visit_visa_for_work", "too_fast_processing"], [
        "Cari sopir pribadi ke <dest_gulf>, proses cepat 2 minggu terbang, pakai visa kunjungan dulu. [Sim A wajib.] Info japri <phone>",
        "sopir keluarga <dest_gulf> masih {butuh 3 orang|butuh 5|dibuka}, visa visit nanti diurus majikan disana. {langsung terbang|siap terbang} bulan ini. hub <name> <phone>",
    ], OBF),
    I("i-umroh-kerja", ["umrah_visa_for_work"], [
        "Paket umroh + kerja 🕋 berangkat umroh dulu, selesai ibadah langsung kerja di <dest_gulf>. <salary_gulf>. [Biaya umroh dipotong gaji.] Daftar: <phone>",
        "Mau umroh gratis sekalian kerja? visa umroh, sampai sana langsung kerja jadi {ART|cleaning service|pelayan restoran}. kuota terbatas!! japri <phone>",
        "umroh sambil kerja di <dest_gulf>, {ibu2|bapak2} yg mau berangkat bulan <month> segera daftar ke <name>, wa <phone>",
    ], OBF),
    I("i-turis-malaysia", ["tourist_visa_for_work", "bypass_authorities"], [
        "Loker <dest_my> 🇲🇾 <job_manual>, <salary_my>. Berangkat sbg turis aja, bilang aja mau liburan kalau ditanya imigrasi. Hub <phone>",
        "kerja di <dest_my>, {masuk|berangkat} pakai visa turis, permit nanti di sana. kalo ditanya petugas bilang aja liburan ke saudara. <salary_my>. wa <phone>",
    ], OBF),
    I("i-bebasvisa-thai", ["tourist_visa_for_work", "scam_compound_job", "unrealistic_salary"], [
        "Lowongan <job_scam> di Thailand, bebas visa jadi cukup paspor aja. <salary_scam>, mess + makan gratis. [Penempatan nanti bisa dipindah ke <dest_scam>.] DM <tg>",
        "Bangkok job 🇹🇭 <job_scam>, masuk bebas visa 30 hari, nanti kantor pindah ke perbatasan. <salary_scam>. Minat langsung chat <tg>",
    ], OBF),
    I("i-kamboja-admin", ["scam_compound_job", "unrealistic_salary", "minimal_requirements"], [
        "DICARI <job_scam> untuk perusahaan di <dest_scam>\n<salary_scam>\nsyarat: bisa komputer dasar, tanpa pengalaman, tanpa ijazah\ntiket + visa ditanggung\nminat wa <phone>",
        "Open recruitment <job_scam> <dest_scam> 💻 kerja santai depan laptop, <salary_scam>, cukup bisa ngetik. Tiket pesawat kami tanggung. Info <tg>",
        "yg mau kerja {kantoran|online} di <dest_scam> jadi <job_scam>, <salary_scam> bersih, tinggal di mess. gak perlu pengalaman. langsung japri aja <phone>",
    ], OBF),
    I("i-myanmar-kkpark", ["scam_compound_job", "unrealistic_salary"], [
        "Lowongan marketing crypto di {Myawaddy|KK Park|Myanmar}, <salary_scam>, target ringan, bonus besar. Berangkat via Mae Sot. Hub <tg>",
        "kerja di perusahaan investasi online <dest_scam>, tugasnya chat sama customer luar negeri (typing job). <salary_scam>. penerbangan ke Bangkok dulu, dijemput. {wa|hub} <phone>",
    ], OBF),
    I("i-judi-online", ["scam_compound_job", "no_contract"], [
        "Butuh admin slot & judi online di <dest_scam>, {gaji 15jt|gaji 17jt|$1200}, bonus tiap target. Kontrak di sana aja. Minat PM <tg>",
        "CS judi online <dest_scam> butuh 10 org, cewek/cowok, umur 18-35, bisa bhs inggris dikit. <salary_scam>. chat <phone>",
    ], OBF),
    I("i-jalurtikus-nunukan", ["unofficial_route", "no_passport_or_fake_docs"], [
        "Kerja <job_manual> di Tawau, berangkat lewat Nunukan, nyebrang pakai speedboat malam lewat jalur tikus. Tanpa paspor jg bisa. Hub <name> <phone>",
        "yg mau kerja sawit di Sabah, bisa lewat jalur belakang dari <transit>. paspor nyusul, yang penting sampai dulu. <salary_my>. wa <phone>",
    ], OBF),
    I("i-batam-speedboat", ["unofficial_route", "bypass_authorities"], [
        "Ke <dest_my> lewat <transit>, naik speedboat malam dari pelabuhan tikus, aman dari petugas. Kerja <job_manual>, <salary_my>. Japri <phone>",
        "Berangkat kerja ke Johor via <transit>, {lewat jalur tikus|lewat pelabuhan kecil|lewat jalan belakang} tanpa cap paspor, dijamin lolos. Info <name> wa <phone>",
    ], OBF),
    I("i-entikong-darat", ["unofficial_route", "no_training_or_certificate"], [
        "Kerja ladang di Sarawak, lewat Entikong jalur darat lewat hutan, tanpa pelatihan langsung kerja. <salary_my>. Hub <phone>",
        "dicari pekerja kebun Kuching, berangkat dr Entikong lewat jalan setapak, gak perlu kursus2. gaji harian RM 80. hub <phone>",
    ], OBF),
    I("i-paspor-dibuatkan", ["no_passport_or_fake_docs", "fee_upfront"], [
        "Blm punya paspor? tenang, paspor kami buatkan, <fee>. Kerja <job_manual> di <dest_my> atau <dest_asia>. Hub <phone>",
        "Loker <dest_asia> tanpa ribet, paspor dibuatin, KTP dibuatin jg kalau beda domisili. Cukup bayar <fee> ke <bank>. Info <phone>",
    ], OBF),
    I("i-paspor-orang-lain", ["no_passport_or_fake_docs", "bypass_authorities"], [
        "Bisa berangkat pake paspor org lain yg mirip, data bisa diubah, dijamin lolos imigrasi. Kerja <job_domestic> <dest_gulf>. wa <phone>",
        "Sudah pernah dideportasi? bisa berangkat lagi dengan identitas baru. Kerja ke <dest_my>. Chat <name> <phone>",
    ], OBF),
    I("i-umur-dituakan", ["underage_or_age_fraud", "closed_destination"], [
        "Cari {ART|PRT} <dest_gulf> usia 16-17 boleh, umur di paspor kami tuakan. <salary_gulf>. Hub <phone>",
        "Lowongan {pengasuh anak|ART} ke <dest_gulf> & <dest_my>, blm 18 gpp, umur bisa diatur. langsung wa <name> <phone>",
    ], OBF),
    I("i-umur-min16", ["underage_or_age_fraud", "minimal_requirements"], [
        "Loker pabrik <dest_my>, cewek min 16 thn, cukup KTP atau KK, lulusan SD boleh. <salary_my>. Minat hub <phone>",
        "Dicari pekerja restoran <dest_asia>, usia 17 thn boleh, syarat mudah, modal KTP aja. japri <phone>",
    ], OBF),
    I("i-bypass-disnaker", ["bypass_authorities", "no_licensed_agency"], [
        "Kerja ke <dest_asia> gak usah lapor disnaker, gak lewat PT, langsung sponsor. Lebih cepat & murah. <name> <phone>",
        "Jalur mandiri tanpa rekom Disnaker, tanpa PT, kita urus sendiri sampe terbang. <dest_gulf> / <dest_my>. wa <phone>",
    ], OBF),
    I("i-jangan-bilang-kerja", ["bypass_authorities", "tourist_visa_for_work"], [
        "Pas di bandara jangan bilang kerja ya, bilang aja mau umroh atau jalan2. Nanti dijemput agen di sana. Lowongan <job_domestic> <dest_gulf>, hub <phone>",
        "peserta yg berangkat minggu ini: jangan bilang mau kerja ke petugas, ngaku wisata aja. <job_scam> di <dest_scam>. grup info <tg>",
    ], OBF),
    I("i-paspor-ditahan", ["passport_or_id_withheld", "wage_deduction_debt"], [
        "Kerja kilang <dest_my>, paspor dipegang agen selama kontrak biar aman. potongan gaji 6 bulan buat biaya. <salary_my>. hub <phone>",
        "Loker {Taiwan|Hongkong} <job_domestic>, paspor disimpan perusahaan, ijazah asli jaminan. Biaya ditalangin dulu, bayar pake gaji. wa <phone>",
    ], OBF),
    I("i-hp-disita", ["restricted_freedom", "scam_compound_job"], [
        "Kerja <job_scam> di <dest_scam>, tinggal di mess kantor, hp dikumpulkan saat jam kerja, tidak boleh keluar mess tanpa izin. <salary_scam>. Minat <tg>",
        "<job_scam> <dest_scam>, 12 jam kerja, gak ada libur bulan pertama, tdk boleh pegang hp pas kerja. tapi <salary_scam>!! hub <phone>",
    ], OBF),
    I("i-denda-resign", ["penalty_for_leaving", "no_contract"], [
        "Kontrak 2 thn, denda kalau resign sebelum kontrak habis 50jt. Kerja <job_scam> di <dest_scam>. Kontrak tanda tangan di sana. Hub <phone>",
        "kerja <job_manual> <dest_my>, kontrak gak bisa putus, kalo kabur bayar denda ganti rugi tiket & visa. <salary_my>. wa <phone>",
    ], OBF),
    I("i-fee-pribadi", ["fee_upfront", "no_licensed_agency"], [
        "Pendaftaran kerja <dest_asia> dibuka! <fee>, tf ke rek pribadi <bank>. Tanpa PT, langsung majikan. Konfirmasi <phone>",
        "Slot <job_manual> <dest_my> tinggal 4. DP dulu 2jt biar slot dikunci, transfer ke rek <bank>, sisanya setelah visa jadi. wa <phone>",
        "Yg serius aja, uang pelicin 3jt buat urus dokumen, bayar di depan. Job <dest_gulf> <job_domestic>. Hub <name> <phone>",
    ], OBF),
    I("i-potongan-7bln", ["wage_deduction_debt", "minimal_requirements"], [
        "Berangkat tanpa modal! Semua biaya ditalangi dulu, nanti potongan 7 bulan dari gaji. Kerja <job_domestic> <dest_asia>. Syarat mudah. <phone>",
        "Gak punya uang? gpp, biaya proses kasbon dulu, potong gaji 5 bulan. <job_manual> di <dest_my>. minat wa <phone>",
    ], OBF),
    I("i-tanpa-kontrak", ["no_contract", "too_fast_processing"], [
        "Butuh <job_manual> <dest_my>, tanpa kontrak, gaji harian, proses seminggu langsung berangkat. Hubungi <phone>",
        "Kerja <dest_asia> kontrak menyusul ya, yg penting berangkat dulu. proses kilat 10 hari. chat <phone>",
    ], OBF),
    I("i-kontrak-mandarin", ["no_contract", "passport_or_id_withheld"], [
        "Pabrik elektronik <dest_asia>, kontrak bahasa mandarin gak usah dibaca, tanda tangan aja. Paspor dipegang perusahaan. <phone>",
        "Kerja kapal ikan, kontrak {bahasa mandarin|bahasa inggris} ditandatangani di pelabuhan, gak usah tanda tangan apa2 di sini. berangkat dr <transit>. wa <phone>",
    ], OBF),
    I("i-tanpa-blk-medical", ["no_training_or_certificate", "no_medical", "too_fast_processing"], [
        "<job_domestic> <dest_asia> tanpa BLK, tanpa medical, gak usah kursus. 2 minggu terbang. Daftar <phone>",
        "Proses 1 minggu terbang ke <dest_gulf>! tdk perlu pelatihan, tdk perlu medical, medical di sana aja. Info <name> <phone>",
    ], OBF),
    I("i-proses-kilat", ["too_fast_processing", "minimal_requirements", "vague_employer_location"], [
        "PROSES KILAT ✈️ 3 hari berangkat! Job LN negara asia, <salary_high>, cukup KTP. Lokasi dikasih tau nanti. Hub <phone>",
        "Mau kerja LN cepat? proses 3 hari, siap terbang. lokasi menyusul, yang penting gaji besar. syarat mudah. wa <phone>",
    ], OBF),
    I("i-calo-kenalan", ["no_licensed_agency", "fee_upfront"], [
        "Berangkat lewat kenalan aja, gak lewat PT, bukan PJTKI jadi lebih murah. <fee>. Kerja <job_domestic> <dest_asia>. <name> <phone>",
        "Sponsor langsung dari majikan <dest_my>, tanpa agen, tanpa PT. Biaya pemberangkatan cukup 5jt. Hub <phone>",
    ], OBF),
    I("i-penampungan", ["shelter_holding", "unofficial_route"], [
        "Calon pekerja ditampung dulu di <transit} sambil nunggu kapal. Kerja <job_manual> <dest_my>. Semua diurus. Hub <phone>".replace("}", ">"),
        "Yang sudah daftar kumpul di penampungan <transit> tgl 15, transit di rumah agen 3 hari trus nyebrang. Info <name> <phone>",
    ], OBF),
    I("i-gaji-fantastis", ["unrealistic_salary", "minimal_requirements", "contact_private_only"], [
        "Gaji fantastis! <salary_high> kerja santai di luar negeri, tanpa pengalaman, tanpa ijazah. Minat japri aja.",
        "KERJA LN <salary_high> TANPA SKILL 😱 tempat tinggal gratis, makan gratis. serius? inbox aja.",
        "Gaji besar kerja santai 💸 <salary_high>/bln, negara asia, semua biaya ditanggung. pm aja buat info",
    ], OBF),
    I("i-negeri-jiran-euph", ["vague_employer_location", "unofficial_route"], [
        "Yg mau kerja di negeri jiran, ada jalan belakang lewat <transit}, gak usah ribet urus dokumen. Gaji ringgit. japri".replace("}", ">"),
        "Kerja ke negeri jiran tanpa ribet 🚤 nyebrang dr Sebatik, sampai langsung kerja. hub <name> <phone>",
    ], OBF),
    I("i-negara-minyak", ["closed_destination", "vague_employer_location", "fee_upfront"], [
        "Lowongan {ART|PRT} negara minyak 🛢️ <salary_gulf>, biaya administrasi 2jt saja. Hub <phone>",
        "{ART|pengasuh lansia} Timteng masih dibuka, <salary_gulf>, majikan baik. Uang pendaftaran 750rb. wa <name> <phone>",
    ], OBF),
    I("i-art-saudi-langsung", ["closed_destination", "no_licensed_agency"], [
        "Dibutuhkan <job_domestic> <dest_gulf> langsung ke majikan (perorangan), tanpa PT. <salary_gulf>. Hub <phone>",
        "Majikan <dest_gulf> butuh {ART|babysitter} cepat, kerja di rumah keluarga arab. Berangkat lewat sponsor. <salary_gulf>. wa <phone>",
    ], OBF),
    I("i-kapal-ikan", ["no_contract", "fee_upfront", "no_training_or_certificate"], [
        "Lowongan ABK kapal ikan {Taiwan|Korea|Peru}, tanpa pengalaman, tanpa sertifikat BST. Biaya proses 8jt. Kontrak di kapal. <phone>",
        "ABK kapal asing, gaji $400-$600, tanpa buku pelaut gpp kami urus. uang jaminan 3jt. hubungi <name> <phone>",
    ], OBF),
    I("i-jepang-magang-palsu", ["fee_upfront", "too_fast_processing"], [
        "Magang Jepang jalur cepat, tanpa LPK, tanpa tes bahasa. Biaya 25jt, proses 1 bulan terbang. Hub <phone>",
        "Kerja di Jepang tanpa sekolah bahasa, {visa turis dulu|masuk pakai visa kunjungan} nanti diurus di sana. biaya 20jt bisa dicicil. wa <phone>",
    ], OBF),
    I("i-korea-nontopik", ["tourist_visa_for_work", "fee_upfront"], [
        "Kerja ke Korea tanpa EPS-TOPIK 🇰🇷 masuk pakai visa wisata, kerja di pabrik. Biaya 35jt, DP 10jt. japri <phone>",
        "Korea jalur turis, nanti kerja di ladang/pabrik, gaji 25jt. bayar di depan 15jt. hub <name> <phone>",
    ], OBF),
    I("i-english-scam", ["scam_compound_job", "unrealistic_salary", "tourist_visa_for_work"], [
        "Hiring {customer service|chat operator|data entry} in <dest_scam>, salary USD 1200-1500, no experience needed, free flight and dorm. Enter with tourist visa, company arranges work permit. DM <tg>",
        "Urgent!! Online marketing job in Cambodia, salary $1500, English basic ok. Ticket + accommodation free. WhatsApp <phone>",
    ], OBF),
    I("i-english-maid", ["closed_destination", "visit_visa_for_work"], [
        "Looking for Indonesian housemaid for family in <dest_gulf>, visit visa provided, change to work visa there. Salary 1500 SAR. Contact <phone>",
        "Need maid to Dubai urgent, no agency, direct employer. Visa visit ok. WA <phone>",
    ], OBF),
    I("i-mixed-bahasa", ["scam_compound_job", "contact_private_only"], [
        "Job vacancy CS online <dest_scam> 🔥 gaji up to $1500, no exp ok, just bisa typing. interested? dm aja",
        "We are hiring admin <dest_scam>!! fresh graduate ok, salary 1000 USD + komisi. PM for info 👉 <tg>",
    ], OBF),
    I("i-testimoni-palsu", ["unrealistic_salary", "too_fast_processing"], [
        "Alhamdulillah sudah 3 org dari <origin> berangkat minggu ini 🙏 siapa lagi yg mau nyusul? <salary_high>, proses cepat, gak ribet. wa <phone>",
        "Bukti keberangkatan hari ini ✈️ peserta dari <origin> sudah sampai <dest_scam>. Masih ada slot <job_scam>, <salary_scam>. Daftar <tg>",
    ], OBF),
    I("i-grup-fb-loker", ["fee_upfront", "vague_employer_location", "contact_private_only"], [
        "Yg masih nganggur ayo kerja LN, banyak job: pabrik, resto, kebun. Gaji 10-15jt. uang pendaftaran 300rb. japri",
        "Kerja LN banyak pilihan, perusahaan besar, lokasi menyusul. daftar cukup bayar biaya admin 500rb. inbox aja ya",
    ], OBF),
    I("i-sihanouk-casino", ["scam_compound_job", "no_passport_or_fake_docs"], [
        "Lowongan kerja casino & admin di Sihanoukville, paspor nyusul, tiket ditanggung. <salary_scam>. Hub <tg>",
        "Kerja hotel & kasino Kamboja, gak punya paspor? kami bantu urus cepat. <salary_scam>, mess gratis. wa <phone>",
    ], OBF),
    I("i-laos-segitiga", ["scam_compound_job", "unofficial_route"], [
        "Lowongan admin di Golden Triangle Laos, berangkat via Chiang Rai, nyebrang sungai dijemput. <salary_scam>. Chat <tg>",
        "Kerja di zona ekonomi Bokeo Laos, CS online, <salary_scam>. lewat jalur darat dari Thailand, semua diatur tim. <phone>",
    ], OBF),
    I("i-dumai-kapal", ["unofficial_route", "shelter_holding", "no_passport_or_fake_docs"], [
        "Berangkat dari Dumai pakai kapal kayu malam, tanpa paspor, nunggu di rumah agen dulu 2 hari. Kerja <job_manual> <dest_my>. <phone>",
        "Rombongan ke Malaysia via Tanjung Balai, kumpul di penampungan dulu, jalan malam. biaya 4jt. hub <name> <phone>",
    ], OBF),
    I("i-art-hongkong-overcharge", ["fee_upfront", "wage_deduction_debt", "no_licensed_agency"], [
        "BMI Hongkong jalur cepat tanpa PT, potongan gaji 7 bulan, biaya proses 12jt bisa dicicil. Hub <name> <phone>",
        "Taiwan perawat jompo, biaya 30jt, DP 5jt, sisanya potong gaji. lewat calo kenalan kami, aman. wa <phone>",
    ], OBF),
    I("i-prt-oman-rahasia", ["closed_destination", "bypass_authorities", "shelter_holding"], [
        "{PRT|ART} Oman & Qatar, berangkat rahasia lewat Jakarta, tinggal di mess agen dulu. Jangan bilang siapa2 kalau mau kerja. Hub <phone>",
        "Yg mau ke Kuwait jadi pembantu, transit di rumah agen Bekasi, nanti terbang lewat KL. petugas gak usah tau. wa <name> <phone>",
    ], OBF),
    I("i-tiktok-dm", ["unrealistic_salary", "contact_private_only", "minimal_requirements"], [
        "Kerja di luar negeri gaji 2 digit 🤑 tanpa pengalaman. Cek bio, DM aja kak",
        "POV: kerja <job_scam> gaji dollar, tanpa ijazah. yang mau, dm aja, kuota tinggal dikit",
    ], OBF),
    I("i-cewek-ktv", ["restricted_freedom", "unrealistic_salary", "fee_upfront"], [
        "Dicari cewek usia 18-25 kerja <dest_asia>/<dest_my> sebagai pelayan cafe/KTV, <salary_high>, mess disediakan tapi tidak boleh keluar mess. biaya tiket potong gaji. wa <phone>",
        "Lowongan LC karaoke <dest_my>, gaji 15-20jt, tdk boleh pegang hp di jam kerja, paspor disimpan agen. chat <phone>",
    ], OBF),
    I("i-handle-only", ["scam_compound_job", "contact_private_only"], [
        "Slot terakhir <job_scam> <dest_scam> bulan ini. syarat: bisa ngetik, mau kerja shift malam. langsung chat <tg>",
        "{Admin|Operator} <dest_scam> needed, langsung berangkat minggu depan. detail di telegram <tg>",
    ], OBF),
    I("i-sawit-sabah", ["unofficial_route", "wage_deduction_debt"], [
        "Pekerja kebun sawit Sabah dibutuhkan 20 org, berangkat via Nunukan, jalur samping. Ongkos ditalangi dulu bos, potong gaji. <phone>",
        "kerja sawit Sabah gaji RM 1800, ongkos kapal dan makan ditalangi, nanti dipotong gaji 3 bln. berangkat lewat pelabuhan tikus, aman. wa <phone>",
    ], OBF),
    I("i-visa-kunjungan-singapura", ["visit_visa_for_work", "no_contract"], [
        "Kerja Singapura restoran/cleaning, masuk pakai visa kunjungan, kerja part time, kontrak gak ada tapi gaji harian. <phone>",
        "Brunei job: masuk visa kunjungan 2 minggu, nanti diperpanjang majikan. tanpa kontrak. hub <name> <phone>",
    ], OBF),
    I("i-ktp-jaminan", ["passport_or_id_withheld", "fee_upfront"], [
        "Syarat daftar: KTP asli jaminan, ijazah asli jaminan, uang pendaftaran 1jt. Kerja <job_manual> <dest_my>. Hub <phone>",
        "Semua dokumen asli (KTP, KK, ijazah) ditahan kantor sampai lunas biaya. kerja <dest_asia>. wa <phone>",
    ], OBF),
    I("i-eropa-palsu", ["fee_upfront", "unrealistic_salary", "too_fast_processing"], [
        "Kerja Polandia/Rumania gaji 30jt, proses 1 bulan, biaya 45jt (DP 15jt ke rek <bank>). Tanpa bahasa. Hub <phone>",
        "Job Eropa 🇪🇺 petik buah, <salary_high>, visa schengen turis dulu. biaya 25jt. japri <phone>",
    ], OBF),
    I("i-ulang-deportasi", ["no_passport_or_fake_docs", "unofficial_route"], [
        "Yg pernah dideportasi dari Malaysia bisa balik lagi, paspor baru nama beda, jalur belakang. Hub <phone>",
        "Blacklist imigrasi? bisa masuk lagi ke <dest_my> lewat jalur tikus, kerja lagi ditempat lama. wa <name> <phone>",
    ], OBF),
    I("i-short-wa", ["closed_destination", "contact_private_only"], [
        "ART <dest_gulf> butuh cepat. wa aja <phone>",
        "butuh PRT <dest_gulf> segera, minat hub wa <phone>",
        "Lowongan ART <dest_gulf> 🇸🇦 <salary_gulf> japri",
    ], OBF, n=6),
    I("i-story-recruiter", ["umrah_visa_for_work", "bypass_authorities"], [
        "Dulu aku berangkat umroh trus kerja, aman sampai skrg 5 thn. Kalian yg mau ikut jejak aku bisa, visa umroh, nanti di sana aku cariin majikan. Kalau ditanya petugas bilang ibadah. Chat aku <phone>",
        "Aku sendiri sudah 3 tahun di Jeddah, masuk pakai visa ziarah. Mau nyusul? aku bantu cariin kerjaan, tinggal siapin ongkos. wa <phone>",
    ], OBF),
    I("i-english-fishing", ["no_contract", "passport_or_id_withheld"], [
        "Fishing vessel crew needed, no experience. Contract signed on board. Passport kept by captain for safety. Contact <phone>",
        "Deck hand urgent for long-line boat, no certificate ok, we keep your passport until contract finish. WA <phone>",
    ], OBF),
    I("i-lpk-bodong", ["fee_upfront", "no_licensed_agency", "too_fast_processing"], [
        "LPK kami langsung berangkatkan ke <dest_asia> tanpa izin P3MI, proses cepat 3 minggu, biaya 18jt. Hub <phone>",
        "Lembaga kursus kami bisa langsung berangkatin kerja LN, gak perlu lewat PT. biaya admin 3jt di awal. info <phone>",
    ], OBF),
    I("i-obfusc-heavy", ["scam_compound_job", "unrealistic_salary"], [
        "L0ker 4dmin K*mboja g4ji 1.5k $ 🇰🇭 tnp pngalaman. ch4t {<tg>|<phone>}",
        "k3rj4 d1 K-a-m-b-o-j-a jd cs, g4j1 15jt++, m3ss gr4tis. hub {<tg>|<phone>}",
        "LOK3R M*lays*a/K*mb0ja g@ji gede, tnp ijazah. japri 👉 <phone>",
    ], [], n=8),
    I("i-spaced-digits", ["closed_destination", "fee_upfront"], [
        "ART {Saudi|Dubai|Qatar} proses cepat, biaya admin 1jt. hub nol delapan satu dua, atau wa <phone>",
        "Pembantu <dest_gulf> gaji 1800 real, ada uang pendaftaran. kontak: <phone>",
    ], OBF),
    I("i-loker-jiran-pabrik", ["no_licensed_agency", "tourist_visa_for_work"], [
        "Pabrik sarung tangan Selangor butuh op produksi, masuk pakai paspor pelancong, nanti permit diurus tauke. Tanpa PT. wa <phone>",
        "Kilang Johor butuh 30 pekerja, paspor pelancong dulu, kerja sambil urus permit. gaji RM 1700. hub <name> <phone>",
    ], OBF),
    I("i-tki-ilegal-plain", ["no_licensed_agency", "no_training_or_certificate", "no_medical"], [
        "Berangkat kerja <dest_my> tanpa PT, tanpa pelatihan, tanpa cek kesehatan. Murah & cepat. Hubungi <phone>",
        "Urus sendiri lewat kami aja, gak perlu medical, gak perlu training, langsung kerja di <dest_asia>. wa <phone>",
    ], OBF),
]

ILLEGAL += [
    I("i-tele-channel-list", ["closed_destination", "scam_compound_job", "fee_upfront"], [
        "📢 INFO LOKER LN TERBARU 📢\n1. ART <dest_gulf> - <salary_gulf>\n2. <job_scam> <dest_scam> - <salary_scam>\n3. <job_manual> <dest_my> - <salary_my>\nBiaya admin 1jt (bisa nego)\nDaftar: <tg> / <phone>",
        "UPDATE JOB HARI INI\n- {PRT|ART} <dest_gulf>, visa ziarah\n- <job_scam> <dest_scam>, tiket PP gratis\nsyarat cukup KTP & KK\nadmin: <tg>",
    ], OBF),
    I("i-fb-comment-reply", ["scam_compound_job", "contact_private_only"], [
        "Masih ada kak, <job_scam> <dest_scam>, <salary_scam>, cek inbox ya",
        "Masih dibuka sis, cek DM, yg di <dest_scam> jadi CS, tinggal berangkat",
        "bisa kak, syarat cuma KTP, nanti saya japri detailnya. berangkat dari Jakarta ke Phnom Penh",
    ], OBF, n=7),
    I("i-rekrut-teman", ["scam_compound_job", "unrealistic_salary"], [
        "Aku udah kerja disini 4 bulan jadi admin, <salary_scam>, kantor di <dest_scam>. Kantor lagi butuh teman2 baru dari Indo, tiket dibayarin. Mau? chat aku ya <phone>",
        "Bro, kantor gua di <dest_scam> lagi cari orang, kerjanya main hp doang chat orang, <salary_scam>. tiket gratis. minat kabarin gua",
    ], OBF),
    I("i-wisata-dulu", ["tourist_visa_for_work", "vague_employer_location"], [
        "Ikut rombongan wisata ke Bangkok 5 hari, abis itu dijemput ke tempat kerja. lokasi kerja dikasih tau nanti. <salary_scam>. daftar <phone>",
        "Trip wisata ke <dest_asia> sekalian cari kerja disana, visa turis, kita bantu cariin bos. biaya paket 9jt. wa <phone>",
    ], OBF),
    I("i-nikah-kontrak", ["tourist_visa_for_work", "fee_upfront", "underage_or_age_fraud"], [
        "Dicari cewek 17-23 thn kerja di <dest_asia> sambil dikenalkan calon suami, berangkat visa turis, semua biaya ditanggung, umur bisa diatur. hub <name> <phone>",
        "Program kerja + jodoh ke <dest_asia>, usia 17 boleh, berangkat sbg turis. pendaftaran 2jt. wa <phone>",
    ], OBF),
    I("i-magang-kapal-pesiar", ["fee_upfront", "too_fast_processing", "unrealistic_salary"], [
        "Kerja kapal pesiar tanpa sekolah pelayaran, <salary_high>, proses cepat 3 minggu. biaya pendaftaran 6jt ke rek <bank>. Hub <phone>",
        "Cruise ship job tanpa pengalaman, gaji $1500. bayar biaya proses 10jt dulu, berangkat bulan depan. wa <phone>",
    ], OBF),
    I("i-balai-palsu", ["no_licensed_agency", "fee_upfront", "closed_destination"], [
        "Kami perwakilan resmi dari majikan <dest_gulf> (bukan PT), buka lowongan {ART|PRT|sopir}. Biaya medical & dokumen 3,5jt. Hub kantor <phone>",
        "Kantor cabang kami di <origin> menerima pendaftaran ART <dest_gulf>, walau blm ada izin PT tapi dijamin berangkat. biaya proses 4jt. <phone>",
    ], OBF),
    I("i-kerja-kilat-malaysia", ["too_fast_processing", "no_training_or_certificate", "tourist_visa_for_work"], [
        "Hari ini daftar, lusa berangkat 🚀 <dest_my> <job_manual>, masuk sbg pelancong, langsung kerja tanpa training. hub <phone>",
        "Berangkat minggu depan ke <dest_my>!! gak perlu kursus, visa turis, permit diurus majikan. <salary_my>. wa <phone>",
    ], OBF),
    I("i-kebun-australia", ["tourist_visa_for_work", "fee_upfront"], [
        "Kerja petik buah Australia pakai visa turis, gaji 40jt/bln, biaya urus 25jt. japri <phone>",
        "Farm job NZ/Australia, masuk visitor visa, kerja cash. biaya agen 20jt, DP dulu 5jt. wa <name> <phone>",
    ], OBF),
    I("i-bonus-rekrut", ["scam_compound_job", "fee_upfront"], [
        "Ajak teman kerja ke <dest_scam> dapat bonus 3jt per org! posisi <job_scam>. peserta bayar biaya visa 4jt aja. hub <tg>",
        "Cari agen lapangan buat rekrut anak muda kerja <job_scam> di <dest_scam>, komisi 5jt/kepala. chat <phone>",
    ], OBF),
    I("i-perawat-jompo-tw", ["no_licensed_agency", "fee_upfront", "wage_deduction_debt"], [
        "Perawat jompo Taiwan jalur kenalan, tanpa PT, tanpa BLK. biaya 25jt potong gaji 9 bulan. daftar <phone>",
        "Lowongan caregiver Taiwan langsung majikan, tanpa lewat agen resmi. uang muka 5jt, sisanya potongan gaji. wa <name> <phone>",
    ], OBF),
    I("i-timteng-cleaning", ["visit_visa_for_work", "no_contract", "fee_upfront"], [
        "Cleaning service kantor di <dest_gulf>, berangkat visa ziarah, kontrak di sana. biaya tiket ditanggung sendiri. <salary_gulf>. hub <phone>",
        "Butuh OB & cleaning <dest_gulf>, visa kunjungan, nanti diubah. bayar 3jt buat visa. wa <phone>",
    ], OBF),
    I("i-anak-sekolah", ["underage_or_age_fraud", "minimal_requirements", "contact_private_only"], [
        "Yg baru lulus SMP mau kerja <dest_my>? bisa, umur dituakan di paspor. cukup KK. japri",
        "Lulusan SMP umur 15-16 bisa kerja di pabrik <dest_asia>, data umur kami urus. pm aja",
    ], OBF),
    I("i-ojek-perbatasan", ["unofficial_route", "bypass_authorities"], [
        "Jasa antar ke Malaysia lewat hutan Entikong, aman dari petugas, langsung ketemu tauke. 1,5jt/org. wa <phone>",
        "Jasa nyebrang ke Tawau tanpa cap paspor, tengah malam, dijamin aman. hubungi <name> <phone>",
    ], OBF),
    I("i-scam-disguised-thai", ["scam_compound_job", "vague_employer_location", "unrealistic_salary"], [
        "Lowongan CS perusahaan e-commerce di Thailand, gaji 1300 USD, lokasi detail dikasih tau setelah sampai Bangkok. tiket gratis. <tg>",
        "Perusahaan game Thailand cari operator, <salary_scam>, lokasi dirahasiakan krn kebijakan perusahaan. DM <tg>",
    ], OBF),
]

HARD_NEGATIVES = [
    # --- official warnings and awareness posts that list the modus in the same words ---
    B("b-warn-kemnaker-ciri", "warning", [
        "{Waspada|Hati-hati} penipuan lowongan kerja luar negeri! Ciri-cirinya: {gaji tinggi tanpa pengalaman|gaji besar kerja santai}, proses cepat, diminta {biaya admin|uang pendaftaran} ke rekening pribadi, berangkat pakai visa turis atau visa ziarah. Pastikan lewat P3MI resmi. #<official>",
        "<official> mengimbau masyarakat agar tidak tergiur tawaran kerja ke luar negeri dengan syarat mudah, tanpa pelatihan dan tanpa kontrak kerja. Cek legalitas perusahaan di SISKOP2MI sebelum mendaftar.",
    ], style="formal"),
    B("b-warn-kamboja", "warning", [
        "⚠️ WASPADA modus lowongan {admin|CS online|operator} di <dest_scam> dengan <salary_scam>. Banyak WNI jadi korban online scam, paspor ditahan dan hp disita. Jangan tergiur! Info: <official>",
        "<official>: jangan percaya tawaran kerja sebagai <job_scam> di <dest_scam> atau Myanmar yang dijanjikan <salary_scam>. Korban dipaksa kerja 16 jam, tidak boleh keluar mess, dan didenda kalau mau pulang.",
        "Hati2 ya gaes, lagi rame lowongan <job_scam> ke <dest_scam> gaji dollar, tiket gratis. Itu modus TPPO, ujungnya disekap di perusahaan scam. Share biar keluarga kita gak jadi korban 🙏",
    ]),
    B("b-warn-ziarah-umroh", "warning", [
        "Jangan berangkat kerja ke <dest_gulf> pakai visa umroh atau visa ziarah! Pemegang visa umrah dilarang bekerja dan bisa dideportasi. Penempatan PRT ke Timur Tengah perorangan masih dihentikan. - <official>",
        "Imbauan: {visa ziarah|visa kunjungan} bukan visa kerja. Banyak calon PMI tertipu dijanjikan visa dirubah di sana. Laporkan tawaran seperti ini ke <official> atau hotline BP2MI 0800-1000.",
    ], style="formal"),
    B("b-warn-jalurtikus", "warning", [
        "Sosialisasi <official> di <origin>: berangkat lewat jalur tikus atau pelabuhan tikus sangat berbahaya, tanpa perlindungan hukum. Gunakan jalur resmi, urus di LTSA dan Disnaker setempat.",
        "Kepada warga <origin>, jangan mau diajak kerja ke Malaysia lewat jalur belakang dari <transit> tanpa paspor. Banyak yang tertangkap dan dideportasi. Urus dokumen resmi di kantor imigrasi & Disnaker.",
    ], style="formal"),
    B("b-warn-fee", "warning", [
        "Ingat! PMI sektor {PRT|pengasuh|pekerja rumah tangga} dibebaskan dari biaya penempatan sesuai Perban BP2MI 9/2020. Kalau ada yg minta DP atau biaya admin jutaan, itu calo. Lapor ke <official>.",
        "Info penting dari <official>: tidak ada biaya pendaftaran untuk program penempatan resmi. Jangan transfer uang ke rekening pribadi siapapun yang mengaku bisa memberangkatkan kerja ke luar negeri.",
    ], style="formal"),
    B("b-warn-infografis", "warning", [
        "5 CIRI LOKER LN BODONG:\n1. Gaji fantastis tanpa pengalaman\n2. Proses kilat, seminggu terbang\n3. Tanpa kontrak kerja\n4. Pakai visa turis/ziarah\n5. Minta uang di depan\nCek dulu di SISKOP2MI! #StopTPPO",
        "Tanda-tanda penipuan kerja luar negeri 👇\n❌ paspor dipegang agen\n❌ potongan gaji berbulan-bulan\n❌ berangkat tanpa pelatihan dan medical\n❌ lewat calo perorangan\nJangan sampai kamu jadi korban!",
    ]),
    B("b-warn-tiktok-edu", "warning", [
        "Kalau ada yg nawarin kamu kerja <job_scam> di <dest_scam> gaji 1500 dolar, tanpa pengalaman, tiket dibayarin... itu bukan rezeki, itu jebakan. Banyak yg pulang tinggal nama. Stop, cek dulu ke <official>.",
        "Edukasi: modus {umroh sambil kerja|visa ziarah bisa kerja} masih banyak di grup FB. Ujungnya overstay, gaji gak dibayar, gak bisa pulang. Jangan ya bund 🙏",
    ]),
    B("b-warn-kbri", "warning", [
        "<official> kembali mengingatkan WNI agar tidak menerima tawaran kerja di <dest_scam> melalui media sosial. Sepanjang tahun ini tercatat ribuan kasus penipuan daring yang melibatkan WNI.",
        "Pengumuman <official>: WNI yang ditawari pekerjaan dengan visa kunjungan atau bebas visa untuk bekerja di luar negeri diimbau menolak dan melapor. Bekerja dengan visa turis melanggar hukum setempat.",
    ], style="formal"),
    B("b-warn-desa", "warning", [
        "Pengumuman dari Pemdes: warga yang ditawari kerja ke luar negeri oleh sponsor atau calo tanpa PT resmi harap melapor ke kantor desa atau Disnaker. Jangan serahkan KTP asli atau ijazah asli sebagai jaminan.",
        "Rapat desa tadi malam bahas maraknya calo PMI. Pesan pak kades: jangan mudah percaya sponsor yg janji berangkat cepat tanpa pelatihan. Semua harus lewat LTSA <origin>.",
    ]),
    B("b-warn-english", "warning", [
        "Beware of fake job offers in <dest_scam>! Scammers promise USD 1500 salary for customer service with no experience and a tourist visa. Victims end up trapped in scam compounds. Report to <official>.",
        "Reminder: never pay recruitment fees to a personal bank account and never travel for work on a visit visa. Check the agency's licence before you sign anything.",
    ], style="formal"),
    B("b-warn-ngo", "warning", [
        "SBMI {cabang <origin>|} menerima pengaduan calon PMI yang sudah bayar {biaya proses|DP} ke calo tapi tidak diberangkatkan. Jika Anda mengalami hal serupa, hubungi posko kami. Jangan takut melapor.",
        "Migrant CARE: modus perekrutan non prosedural kini banyak lewat TikTok dan Telegram. Perekrut menjanjikan gaji tinggi, tanpa kontrak, dan berangkat pakai visa turis. Kenali cirinya, lindungi keluarga.",
    ], style="formal"),
    B("b-warn-ustadz", "warning", [
        "Jamaah sekalian, umroh itu ibadah. Jangan mau diajak 'umroh sambil kerja' oleh oknum travel, itu melanggar aturan Saudi dan banyak jamaah kita terlantar. Pilih travel berizin PPIU.",
        "Pesan pengajian hari ini: hati-hati sama tawaran umroh gratis asal mau kerja di sana. Banyak ibu2 dari <origin> yg akhirnya ditahan di <dest_gulf>.",
    ]),
    # --- news of arrests, foiled departures, deportations, repatriations ---
    B("b-news-gagalkan", "news", [
        "<police> menggagalkan pengiriman <count> calon PMI non prosedural {melalui pelabuhan tikus|lewat jalur tikus|di pelabuhan} di <transit>, <day>. Para korban dijanjikan {bekerja di <dest_my>|<salary_my>} tanpa paspor. Seorang perekrut ditetapkan sebagai tersangka.",
        "<transit> - Petugas <police> mengamankan <count> warga asal <origin> yang hendak diberangkatkan ke <dest_my> secara ilegal menggunakan speedboat malam. Mereka sempat ditampung di sebuah rumah sebelum diseberangkan.",
    ], style="formal"),
    B("b-news-bandara", "news", [
        "<police> menunda keberangkatan <count> WNI di bandara yang mengaku hendak berwisata ke <dest_asia>, namun diduga akan bekerja sebagai <job_scam> di <dest_scam>. Petugas menemukan percakapan dengan perekrut yang menjanjikan <salary_scam>.",
        "Imigrasi menolak penerbitan paspor bagi <count> pemohon asal <origin> yang diduga akan bekerja ke <dest_gulf> dengan visa umroh. Para pemohon mengaku disuruh bilang hendak beribadah.",
    ], style="formal"),
    B("b-news-tersangka", "news", [
        "Polisi menetapkan dua tersangka TPPO yang merekrut warga <origin> untuk dipekerjakan sebagai {ART|PRT} di <dest_gulf>. Korban dijanjikan <salary_gulf>, diminta <fee>, lalu diberangkatkan dengan visa ziarah.",
        "Seorang calo berinisial S ditangkap <police> karena merekrut <count> orang untuk bekerja di <dest_scam>. Tersangka meminta biaya pendaftaran dan menjanjikan pekerjaan sebagai <job_scam>.",
    ], style="formal"),
    B("b-news-pulang", "news", [
        "Sebanyak <count> WNI korban online scam di <dest_scam> dipulangkan ke tanah air melalui Bandara Soekarno-Hatta, <day>. Mereka mengaku paspor ditahan, hp disita, dan dipaksa bekerja tanpa libur.",
        "<count> PMI non prosedural dideportasi dari <dest_my> melalui {Nunukan|Tanjung Pinang|Entikong}. Sebagian besar masuk menggunakan paspor pelancong dan bekerja di kebun sawit tanpa permit.",
    ], style="formal"),
    B("b-news-korban-cerita", "news", [
        "Dalam keterangannya, korban menyebut perekrut berjanji '{gaji 15jt, kerja santai, tiket gratis|umroh sambil kerja, visa nanti diurus}'. Namun sesampainya di <dest_scam|dest_gulf> ia dipaksa bekerja 14 jam sehari. Kasus ini kini ditangani <police>.".replace("<dest_scam|dest_gulf>", "{<dest_scam>|<dest_gulf>}"),
        "Menurut keterangan polisi, modus pelaku adalah menawarkan lowongan di media sosial dengan kalimat 'tanpa pengalaman, proses cepat, langsung terbang'. Korban diminta transfer uang ke rekening pribadi pelaku.",
    ], style="formal"),
    B("b-news-sidang", "news", [
        "Pengadilan Negeri <city> menjatuhkan vonis 7 tahun penjara kepada terdakwa yang mengirim {PRT|pekerja} ke <dest_gulf> secara non prosedural. Terdakwa terbukti menahan paspor korban dan memotong gaji selama berbulan-bulan.",
        "Sidang kasus penempatan ilegal PMI ke <dest_my> kembali digelar. Jaksa menyebut terdakwa merekrut korban tanpa izin SIP3MI dan memberangkatkan mereka lewat jalur tikus di <transit>.",
    ], style="formal"),
    B("b-news-statistik", "news", [
        "Sepanjang tahun ini <official> mencatat ratusan kasus penempatan non prosedural. Sebagian besar korban berangkat menggunakan visa kunjungan dan bekerja sebagai <job_domestic> di <dest_gulf>.",
        "Data <official>: {ribuan|lebih dari 3.000} WNI terjerat kasus online scam di <dest_scam> sejak awal tahun. Mayoritas direkrut lewat media sosial dengan tawaran <salary_scam>.",
    ], style="formal"),
    B("b-news-english", "news", [
        "Indonesian police foiled an attempt to send <count> workers to <dest_my> through an unofficial port in <transit>. The recruiter had promised jobs without passports and is now a suspect.",
        "<count> Indonesians rescued from a scam compound in <dest_scam> returned home on <day>. They had been lured by online ads promising USD 1,200 a month for customer service work.",
    ], style="formal"),
    B("b-news-ringkas", "news", [
        "BREAKING: <count> calon PMI ilegal diamankan di <transit}, hendak nyebrang ke <dest_my> lewat jalur tikus.".replace("}", ">"),
        "Polisi gerebek penampungan calon PMI di <city>, <count> perempuan dievakuasi. Pelaku menjanjikan kerja ART di <dest_gulf>.",
    ]),
    # --- licensed placement ads (P3MI) and government-to-government programmes ---
    B("b-p3mi-taiwan", "licensed_ad", [
        "<pt> ({sip}) membuka lowongan caregiver Taiwan. Proses resmi terdaftar di SISKOP2MI, pelatihan di LPK/BLK, medical check up, kontrak kerja ditandatangani sebelum berangkat. Bebas biaya penempatan sesuai ketentuan. Info kantor: <city>.".replace("{sip}", "<sip>"),
        "Lowongan resmi: perawat lansia Taiwan via <pt>, <sip>. Syarat: usia 21-40, sehat, lulus SMP, bersedia pelatihan 3 bulan. Daftar di LTSA <origin> atau kantor cabang kami.",
    ], style="formal"),
    B("b-p3mi-hongkong", "licensed_ad", [
        "<pt> menerima pendaftaran PMI sektor domestik Hongkong. Job order sudah terverifikasi KJRI dan terdaftar di SISKOP2MI. Calon PMI wajib ikut pelatihan, uji kompetensi, dan orientasi pra pemberangkatan. Tidak ada pungutan di luar ketentuan.",
        "Open job Hongkong (resmi) 🇭🇰 ART 4 orang, gaji HKD 4990 sesuai standar, kontrak 2 thn. Lewat <pt> <sip>. Pelatihan di BLK, berkas diproses Disnaker. Info lengkap datang ke kantor.",
    ]),
    B("b-p3mi-malaysia", "licensed_ad", [
        "<pt> <sip> membuka lowongan operator pabrik elektronik di Penang. Gaji RM 1700 + lembur, kontrak 2 tahun, visa kerja (calling visa) diurus resmi. Pendaftaran melalui Disnaker <origin>.",
        "Penempatan resmi ke <dest_my>: pekerja perkebunan, paspor dan visa kerja resmi, medical di klinik yang ditunjuk, PAP di BP3MI. Perusahaan: <pt>. Cek izin kami di SISKOP2MI.",
    ], style="formal"),
    B("b-p3mi-spsk", "licensed_ad", [
        "Program SPSK (Sistem Penempatan Satu Kanal) ke Arab Saudi dibuka untuk jabatan housekeeper dan babysitter. Pemberi kerja syarikah, bukan perorangan. Tanpa biaya bagi pekerja. Pendaftaran melalui P3MI yang ditunjuk dan SISKOP2MI.",
        "Info SPSK Saudi: gaji 1500 riyal, kontrak dengan syarikah, pelatihan wajib di BLK, medical dan psikotes. Daftar hanya lewat <pt> yang terdaftar, bukan lewat calo atau sponsor perorangan.",
    ], style="formal"),
    B("b-p3mi-medsos", "licensed_ad", [
        "Halo calon PMI 👋 <pt> buka job {Taiwan pabrik|Hongkong ART|Singapura caregiver}. Semua resmi: <sip>, terdaftar SISKOP2MI, pelatihan di LPK, kontrak ditandatangani di Disnaker. Konsultasi gratis WA kantor <phone>",
        "Lowongan resmi ke <dest_asia> melalui <pt>. Proses sesuai UU 18/2017: pendaftaran di Disnaker, pelatihan, uji kompetensi, medical, OPP. Info hubungi admin kantor <phone> (jam kerja).",
    ]),
    B("b-g2g-korea", "g2g", [
        "Pendaftaran EPS-TOPIK Korea {tahun ini|periode <month>} dibuka melalui SISKOP2MI. Program G to G, biaya resmi hanya untuk ujian bahasa. Waspadai calo yang menjanjikan kelulusan!",
        "Info G to G Korea: sektor manufaktur & perikanan, wajib lulus ujian EPS-TOPIK dan tes keterampilan. Pendaftaran online, tanpa perantara. Jangan percaya yg minta uang jaminan.",
    ], style="formal"),
    B("b-g2g-jerman-jepang", "g2g", [
        "Program Triple Win: perawat Indonesia ke Jerman, kerja sama pemerintah dengan Bundesagentur für Arbeit. Pelatihan bahasa Jerman gratis, tanpa biaya penempatan. Pendaftaran melalui <official>.",
        "Penerimaan kandidat perawat dan careworker ke Jepang (IJEPA) batch baru. Seleksi oleh <official>, pelatihan bahasa Jepang ditanggung program. Tidak dipungut biaya apapun.",
        "Program magang ke Jepang melalui IM Japan dibuka di <city>. Seleksi fisik dan akademik, pelatihan 4 bulan di balai, biaya ditanggung program.",
    ], style="formal"),
    # --- legitimate umrah, hajj and tourism ads ---
    B("b-umroh-paket", "travel_ad", [
        "🕋 Paket Umroh {9|12} Hari bersama <travel> 🕋\nBerangkat <month>\nHarga <umrah_price>\nHotel bintang 5 dekat Masjidil Haram\nVisa umroh, tiket, makan 3x, muthawif\nIzin resmi PPIU Kemenag\nInfo: <phone>",
        "Promo umroh akhir tahun <travel>, <umrah_price> all in: visa umroh, manasik, perlengkapan, city tour Madinah. Kuota terbatas! Daftar sekarang wa <phone>",
    ]),
    B("b-umroh-plus", "travel_ad", [
        "Umroh plus Turki 12 hari, <umrah_price> + 8jt. Visa umroh & visa turis Turki diurus travel. Jadwal <month>. <travel>, PPIU resmi. Hub <phone>",
        "Paket umroh keluarga, bisa cicil tanpa bunga. Visa umroh diproses 2 minggu sebelum keberangkatan. <travel>, kantor di <city>.",
    ]),
    B("b-tour-asia", "travel_ad", [
        "Open trip Bangkok-Pattaya 5D4N, bebas visa untuk WNI, cukup paspor. Harga 6,5jt termasuk hotel & tiket. DM untuk booking ✈️",
        "Liburan ke <dest_asia> yuk! Paket tour 4 hari, visa turis kami bantu urus. Harga mulai 8jt. Jadwal <month>. wa <phone>",
        "Tour Kamboja - Vietnam 6 hari, Angkor Wat, Phnom Penh, Ho Chi Minh. Bebas visa ASEAN. Harga 9,9jt. Info <phone>",
    ]),
    B("b-tour-malaysia", "travel_ad", [
        "Paket wisata KL - Genting - Penang 4 hari, berangkat dari Batam naik ferry resmi. Harga 3,2jt sudah termasuk hotel. Bebas visa. Hub <phone>",
        "Weekend ke Johor Bahru? ferry dari Batam Centre tiap jam, cukup paspor. Kami sediakan paket hotel + transport.",
    ]),
    # --- domestic job ads with WA numbers and urgency ---
    B("b-loker-domestik", "domestic_job", [
        "Loker <city> 📌 Dibutuhkan <job_local> untuk {toko|gudang|cafe|pabrik} kami. Syarat: min SMA/SMK, usia 18-30, domisili <city>. Gaji UMK + BPJS. Kirim CV via WA <phone>",
        "LOWONGAN KERJA <city>\nPosisi: <job_local>\nKualifikasi: jujur, rajin, tanpa pengalaman boleh\nPenempatan <city>\nLamaran: <phone> (WA only)",
        "Dicari segera <job_local> area <city}, gaji 3,5jt + makan, langsung kerja. minat hub <phone>".replace("}", ">"),
    ]),
    B("b-loker-batam", "domestic_job", [
        "Loker Batam PT elektronik di Muka Kuning butuh operator produksi, wanita 18-25 thn, lulusan SMA. Kontrak 1 thn, gaji UMK Batam. Bawa lamaran ke pos satpam. Info <phone>",
        "Info loker Batam: {operator|QC|helper} shipyard Tanjung Uncang, gaji harian, mess disediakan. WA <phone>",
    ]),
    B("b-loker-rt-lokal", "domestic_job", [
        "Cari ART pulang pergi untuk keluarga di <city>, kerja Senin-Sabtu, gaji 2,5jt. Minat wa <phone>",
        "Dibutuhkan babysitter menginap di <city>, gaji 3jt, libur 2x sebulan. Hub ibu <name> <phone>",
        "Butuh pengasuh lansia di <city>, sabar & telaten, gaji 3,2jt + makan. chat <phone>",
    ]),
    B("b-loker-online-lokal", "domestic_job", [
        "Lowongan admin online shop (WFH), tugas balas chat customer & input pesanan, gaji 2jt, domisili <city}. Kirim CV ke <phone>".replace("}", ">"),
        "We're hiring! Customer service untuk kantor kami di <city>, gaji 4,5jt + BPJS, shift pagi/siang. Apply via WA <phone>",
    ]),
    B("b-loker-kapal-resmi", "domestic_job", [
        "Dibutuhkan ABK kapal tanker domestik, wajib memiliki BST dan buku pelaut, kontrak PKL ditandatangani di Syahbandar. Kirim berkas ke <pt>, <city>.",
        "Lowongan crew kapal pesiar resmi via agen berlisensi, syarat sertifikat STCW, pengalaman hotel 1 thn, wawancara online. Tanpa biaya rekrutmen.",
    ], style="formal"),
    # --- people asking whether an offer is real ---
    B("b-ask-kamboja", "question", [
        "Guys ada yg tau gak, aku ditawarin kerja jadi <job_scam> di <dest_scam>, <salary_scam>, tiket dibayarin. Ini beneran apa penipuan ya? takut 😥",
        "Mau nanya dong, temen aku diajak kerja ke <dest_scam} katanya jadi admin, gaji besar. Aman gak sih? kok aku curiga".replace("}", ">"),
        "Ada yg pernah kerja <job_scam> di <dest_scam>? ditawarin sm kenalan FB, katanya cukup bisa komputer. Mohon infonya 🙏",
    ]),
    B("b-ask-pt-legal", "question", [
        "Ada yg tau <pt} resmi gak? aku disuruh bayar biaya proses 12jt buat ke Taiwan. Mohon info yg pernah lewat sana".replace("}", ">"),
        "Mau tanya, kalo ke <dest_asia> lewat PT, normalnya bayar berapa ya? aku ditawarin sponsor tanpa PT, katanya lebih murah. bener gak?",
        "Gimana caranya cek PT penyalur resmi apa bukan? saudara mau berangkat ke <dest_asia>.",
    ]),
    B("b-ask-ziarah", "question", [
        "Apakah benar visa ziarah bisa diubah jadi visa kerja di <dest_gulf>? Ibu saya ditawari kerja jadi ART sama tetangga.",
        "Izin bertanya, umroh sambil kerja itu boleh gak sih? ada travel di kampung yg nawarin. Takut kenapa2.",
    ]),
    B("b-ask-jalur", "question", [
        "Benarkah kerja ke Malaysia bisa tanpa paspor lewat <transit>? Adik saya mau diajak teman. Mohon pencerahan.",
        "Ada yg tau gak prosedur resmi kerja ke <dest_my>? biar gak lewat jalur tikus kayak tetangga aku",
    ]),
    B("b-ask-reply-warning", "question", [
        "Jangan kak, itu penipuan. Temen aku ke <dest_scam> akhirnya disekap, baru bisa pulang setelah dibantu KBRI.",
        "Mending cek dulu di SISKOP2MI kak, kalo PT nya gak ada di sana jangan mau. Apalagi kalo disuruh transfer ke rek pribadi.",
        "Itu calo bund, jangan kasih KTP asli. Lapor aja ke Disnaker",
    ], n=7),
    # --- returnees' stories and testimonies ---
    B("b-story-returnee", "story", [
        "Cerita aku dulu berangkat ke <dest_gulf} lewat sponsor, pakai visa ziarah. Sampai sana paspor ditahan majikan, gaji gak dibayar 8 bulan. Alhamdulillah bisa pulang dibantu KJRI. Jangan kayak aku ya, lewat jalur resmi aja.".replace("}", ">"),
        "Pengalaman pahit: 2022 aku kerja di <dest_scam> jadi admin, katanya gaji $1000. Nyatanya hp disita, gak boleh keluar, disuruh nipu orang. Sekarang aku aktif kampanye biar gak ada korban lagi.",
    ]),
    B("b-story-resmi", "story", [
        "Alhamdulillah sudah 3 tahun kerja di Taiwan lewat PT resmi, pelatihan di BLK 3 bulan, semua dokumen lengkap. Buat yg mau kerja LN, sabar ikut prosedur, lebih aman.",
        "Sharing pengalaman daftar EPS Korea: belajar bahasa 6 bulan, ujian, tes skill, nunggu job. Memang lama tapi resmi dan gak keluar biaya aneh-aneh.",
    ]),
]

OTHER_BENIGN = [
    B("o-jualan", "other", [
        "Ready stok {gamis|hijab|daster|kaos polos} 🔥 harga mulai 45rb, bisa COD area <city>. Order wa <phone>",
        "Jual motor {Beat 2019|Vario 2020|NMax 2021} mulus, pajak hidup, harga nego. Lokasi <city>. Hub <phone>",
        "Open PO kue kering lebaran: nastar, kastengel, putri salju. Pesan sebelum tanggal 20 ya. wa <phone>",
    ]),
    B("o-info-komunitas", "other", [
        "Info kajian rutin malam Jumat di masjid Al-Ikhlas <city>, tema: adab bertetangga. Terbuka untuk umum.",
        "Kerja bakti RT 05 hari Minggu jam 7 pagi, bawa cangkul dan karung ya bapak2. Sesudahnya makan bareng.",
        "Lomba 17an tingkat RW: balap karung, tarik tambang, panjat pinang. Pendaftaran di pos ronda.",
    ]),
    B("o-beasiswa", "other", [
        "Beasiswa S2 ke Jepang (MEXT) dibuka, syarat IPK min 3.0, TOEFL 550. Pendaftaran lewat Kedubes Jepang. Semangat pejuang beasiswa!",
        "Info beasiswa LPDP tahap 2, pendaftaran online sampai akhir <month>. Siapkan esai dan sertifikat bahasa.",
    ], style="formal"),
    B("o-curhat", "other", [
        "Capek banget hari ini, kerjaan numpuk, bos marah2 terus. Pengen resign tapi cicilan masih banyak 😩",
        "Akhirnya gajian juga, langsung bayar kos sama kirim ke ortu di kampung. Sisanya buat makan sebulan wkwk",
        "Kangen kampung, udah 2 thn gak pulang. Semoga lebaran nanti bisa mudik",
    ]),
    B("o-kiriman-uang", "other", [
        "Tips kirim uang dari <dest_asia> ke Indonesia biar murah: bandingkan kurs dan biaya transfer, pakai layanan resmi yg terdaftar BI.",
        "Buat teman2 PMI di <dest_asia>, jangan lupa perpanjang BPJS Ketenagakerjaan ya, bisa bayar lewat aplikasi.",
    ]),
    B("o-berita-umum", "other", [
        "Harga cabai rawit di pasar <city> naik jadi 80rb/kg akibat cuaca buruk. Pedagang berharap pasokan segera normal.",
        "Jalan provinsi <origin} - <city> rusak parah, warga minta segera diperbaiki sebelum musim hujan.".replace("}", ">"),
        "Timnas U-23 menang 2-1 atas Malaysia di laga uji coba semalam. Pelatih puas dengan permainan lini tengah.",
    ], style="formal"),
    B("o-pmi-kehidupan", "other", [
        "Libur hari Minggu jalan2 ke Victoria Park sama teman2 BMI Hongkong 😊 sehat2 semua ya keluarga di rumah",
        "Masak rendang di dapur majikan, alhamdulillah mereka suka. Salam dari Taipei buat semua teman PMI",
        "Hari ini kontrak aku diperpanjang 2 thn lagi, majikan baik, gaji naik. Terima kasih ya Allah",
    ]),
    B("o-pelatihan-lokal", "other", [
        "BLK <city> membuka pelatihan gratis: menjahit, las, barista, dan komputer. Pendaftaran di kantor BLK, bawa KTP dan KK.",
        "Pelatihan kerja gratis dari Disnaker untuk pemuda <origin>, ada sertifikat dan uang transport. Kuota 30 org.",
    ], style="formal"),
    B("o-kehilangan", "other", [
        "Telah hilang dompet coklat berisi KTP dan SIM a.n. {Budi|Sari|Rahmat} di sekitar pasar <city>. Yang menemukan mohon hubungi <phone>, ada imbalan.",
        "Ditemukan kucing oren di depan gang 3, kalung merah. Yang merasa punya bisa chat saya.",
    ]),
    B("o-kuliner", "other", [
        "Rekomendasi bakso enak di <city> dong, yang kuahnya seger dan porsinya banyak 😋",
        "Resep sambal matah: bawang merah, serai, cabai rawit, daun jeruk, minyak kelapa panas. Simple tapi nagih!",
    ]),
    B("o-english-misc", "other", [
        "Weekend market at the city park this Saturday, local food and handicrafts. Free entry, see you there!",
        "Our cafe in <city> is now open until midnight. Try the new iced palm sugar latte!",
        "Looking for a badminton partner in <city>, weekday evenings. Beginners welcome.",
    ]),
    B("o-mudik", "other", [
        "Info mudik gratis dari Pemprov, rute <city> - <origin>, pendaftaran online sampai kuota habis. Syarat KTP dan KK.",
        "Tiket kapal Batam - <city> sudah bisa dipesan untuk libur akhir tahun. Cek jadwal di loket resmi pelabuhan.",
    ]),
    B("o-kos", "other", [
        "Disewakan kamar kos putri dekat kampus, 800rb/bln, wifi + air. Lokasi <city>. Minat wa <phone>",
        "Kontrakan 2 kamar di <city>, 15jt/thn, dekat pasar dan sekolah. hub <phone>",
    ]),
    B("o-kesehatan", "other", [
        "Posyandu balita bulan ini diadakan hari Rabu di balai desa. Jangan lupa bawa buku KIA.",
        "Vaksinasi gratis untuk lansia di puskesmas <city>, Sabtu pagi. Bawa KTP.",
    ], style="formal"),
    B("o-jasa", "other", [
        "Terima jasa servis AC, kulkas, mesin cuci area <city>. Bergaransi. Hub <phone>",
        "Jasa pembuatan website UMKM mulai 1,5jt, desain modern, bisa cicil. DM aja kak",
    ]),
    B("o-loker-ln-diskusi", "other", [
        "Kurs ringgit hari ini turun lagi, kiriman ke rumah jadi berkurang. Semoga minggu depan naik lagi",
        "Teman2 BMI Malaysia, ada info kajian online tiap Ahad malam lewat zoom, bagus buat ngisi waktu libur.",
    ]),
]

HARD_NEGATIVES += [
    B("b-warn-disnaker-loker", "warning", [
        "{Disnaker|Dinas Tenaga Kerja} <origin> {mengingatkan|mengimbau} warga: lowongan kerja ke <dest_asia> yang {tidak mencantumkan nama P3MI|hanya mencantumkan nomor WA|meminta uang di muka} patut dicurigai. [Silakan konsultasi gratis di kantor kami.] [Layanan buka Senin-Jumat.]",
        "[Hati-hati!] Beredar {pesan berantai|poster digital|postingan} lowongan kerja ke <dest_my> dengan <salary_my> yang mengatasnamakan {Disnaker|pemerintah daerah}. {Informasi tersebut tidak benar|Itu hoaks}. [Lowongan resmi hanya diumumkan di kanal resmi kami.]",
    ], style="formal"),
    B("b-warn-polisi-medsos", "warning", [
        "<police> {mengimbau|meminta} masyarakat {melapor|segera melapor} bila menemukan {akun|grup} media sosial yang menawarkan kerja ke luar negeri {tanpa paspor|lewat jalur tikus|dengan visa ziarah}. [Laporan bisa lewat call center 110.]",
        "Humas <police>: {waspadai|jangan mudah percaya} tawaran kerja di {Telegram|Facebook|TikTok} yang menjanjikan {gaji dolar|<salary_scam>} untuk kerja <job_scam>. Sindikat TPPO {merekrut korban|mencari korban} lewat cara ini.",
    ], style="formal"),
    B("b-warn-kades-grupwa", "warning", [
        "Bapak ibu warga RT {03|07|12}, tolong {diingatkan|ingatkan} anak2 kita, jangan {gampang percaya|mau} diajak kerja ke <dest_scam> sama orang yg baru kenal di FB. [Kemarin ada kejadian di desa sebelah.] Lebih baik tanya dulu ke perangkat desa 🙏",
        "Info dari pak RT: ada {orang asing|orang dari luar kampung} keliling nawarin kerja ke <dest_gulf> jadi ART, katanya pakai visa ziarah. {Jangan ditanggapi|Jangan dilayani} ya, {segera lapor|lapor} ke pak RT atau Babinsa.",
    ]),
    B("b-warn-kampus", "warning", [
        "Mahasiswa {hati-hati|waspada}! Ada {modus|tawaran} 'magang' ke {Thailand|<dest_scam>} dengan <salary_scam> yang ternyata dipekerjakan di perusahaan {scam|penipuan online}. [Konsultasikan ke pusat karir kampus sebelum mendaftar.]",
        "Pusat Karir {Universitas|Politeknik} mengingatkan: {tawaran kerja|lowongan} ke luar negeri {yang diterima lewat DM|dari agen tidak jelas} harus dicek legalitasnya. Jangan serahkan paspor kepada perekrut.",
    ], style="formal"),
    B("b-warn-sosialisasi-sekolah", "warning", [
        "Hari ini tim <official> {melakukan|menggelar} sosialisasi migrasi aman di SMK {Negeri 1|Negeri 2|Bakti} <origin>. Siswa diajak mengenali {ciri lowongan palsu|modus calo}: {gaji fantastis|proses kilat|tanpa pelatihan|biaya di depan}.",
        "Kegiatan {Desmigratif|Kampung Migran} di <origin>: warga diajari cara mengecek P3MI resmi dan menolak berangkat {lewat calo|tanpa kontrak|pakai visa turis}.",
    ], style="formal"),
    B("b-warn-podcast-quote", "warning", [
        "Kutipan dari podcast kemarin: 'Kalau ada yang bilang {visa turis aja, nanti diurus di sana|gak usah lapor disnaker|paspor nanti kami buatkan}, itu tanda bahaya. Berhenti di situ.' [Dengerin episode lengkapnya di channel kami.]",
        "Narasumber kami, mantan korban TPPO, bercerita bagaimana perekrut berkata '{kamu tinggal berangkat|semua biaya kami tanggung|kerja santai gaji besar}'. Tonton {videonya|wawancaranya} biar kita semua lebih waspada.",
    ]),
    B("b-warn-hotline", "warning", [
        "Butuh bantuan atau mau lapor {penempatan ilegal|calo PMI|penipuan kerja luar negeri}? Hubungi call center {BP2MI 0800-1000|Kemnaker 1500630} atau datangi kantor <official> terdekat. [Layanan gratis.]",
        "Simpan nomor ini: {BP2MI 0800-1000|Kemnaker 1500630}. {Jika keluarga Anda|Kalau ada saudara yang} ditawari kerja ke luar negeri tanpa prosedur, {segera laporkan|jangan ragu melapor}.",
    ], style="formal"),
    B("b-news-penampungan", "news", [
        "{Polisi|Tim gabungan} menggerebek {sebuah rumah|penampungan ilegal} di <city> yang dijadikan tempat menampung <count> calon PMI sebelum diberangkatkan ke <dest_gulf>. [Para korban kini didampingi <official>.]",
        "<count> perempuan asal <origin> ditemukan di penampungan ilegal di <city>. Mereka {dijanjikan|mengaku dijanjikan} kerja sebagai <job_domestic> di <dest_gulf> dan sudah {tiga minggu|sebulan} tidak boleh keluar rumah.",
    ], style="formal"),
    B("b-news-abk", "news", [
        "{Sebanyak|Total} <count> ABK asal Indonesia {dipulangkan|dievakuasi} dari kapal ikan asing setelah {berbulan-bulan tidak digaji|mengalami kekerasan}. Mereka mengaku berangkat tanpa kontrak dan paspor ditahan kapten.",
        "Kasus ABK {di kapal ikan berbendera asing|di perairan Somalia} kembali terjadi. Menurut SBMI, para ABK direkrut lewat calo tanpa pelatihan dan diminta membayar biaya proses jutaan rupiah.",
    ], style="formal"),
    B("b-news-ziarah-saudi", "news", [
        "Pemerintah {Indonesia dan Arab Saudi|kedua negara} sepakat menghentikan penerbitan visa ziarah {yang disalahgunakan|yang banyak disalahgunakan} untuk bekerja. [Kebijakan ini diharapkan menekan penempatan non prosedural.]",
        "<official> mencatat banyak PMI {berangkat|masuk} ke <dest_gulf> dengan visa {umroh|ziarah} lalu bekerja sebagai ART. Mereka {rentan|sangat rentan} {dieksploitasi|tidak digaji} karena tidak memiliki izin kerja.",
    ], style="formal"),
    B("b-news-online-scam", "news", [
        "{KBRI Phnom Penh|Kemlu} {menangani|menerima laporan} <count> WNI yang {kabur|berhasil melarikan diri} dari {perusahaan scam|kompleks penipuan} di <dest_scam>. Mereka awalnya {dijanjikan|ditawari} pekerjaan sebagai <job_scam>.",
        "Para korban bercerita dipaksa {menipu warga negara lain|menjalankan penipuan investasi} lewat {aplikasi kencan|media sosial}. {Yang tidak mencapai target|Yang menolak} dihukum dan didenda.",
    ], style="formal"),
    B("b-news-opinion", "news", [
        "OPINI: {Memutus mata rantai|Melawan} perdagangan orang harus dimulai dari desa. Calo masih {leluasa|bebas} menawarkan {umroh sambil kerja|kerja tanpa paspor} karena minimnya informasi {migrasi aman|tentang jalur resmi}.",
        "{Tajuk|Editorial}: Kasus <count> warga <origin> yang {terjebak|disekap} di <dest_scam> menunjukkan lemahnya {pengawasan rekrutmen online|pengawasan perekrutan di media sosial}.",
    ], style="formal"),
    B("b-p3mi-singapura-brunei", "licensed_ad", [
        "<pt> ({sip}) membuka job {Singapura|Brunei} sektor {caregiver|housekeeper|F&B}. {Kontrak 2 tahun|Gaji sesuai standar}, pelatihan di LPK mitra, {medical di sarana kesehatan resmi|psikotes dan medical}. Daftar via SISKOP2MI.".replace("{sip}", "<sip>"),
        "Lowongan {resmi|terverifikasi} ke {Singapura|Brunei}: perawat lansia dan ART. Proses lewat Disnaker dan <pt>. [Tanpa pungutan liar.] Info kantor <city>.",
    ], style="formal"),
    B("b-p3mi-poster", "licensed_ad", [
        "📋 JOB ORDER RESMI\nNegara: <dest_asia>\nPosisi: {operator pabrik|caregiver|ART}\nP3MI: <pt> (<sip>)\nDaftar: {LTSA <origin>|Disnaker <origin>}\n{Terdaftar di SISKOP2MI|Cek di SISKOP2MI}",
        "Rekrutmen {periode <month>|bulan ini} - <pt>\n• penempatan <dest_asia>\n• pelatihan BLK {2|3} bulan\n• kontrak dibaca & ditandatangani di depan petugas\n• {tanpa biaya penempatan untuk jabatan yang dibebaskan|biaya sesuai aturan pemerintah}",
    ]),
    B("b-umroh-testimoni", "travel_ad", [
        "Alhamdulillah jamaah <travel> {batch <month>|rombongan kemarin} sudah kembali ke tanah air 🤲 Terima kasih atas kepercayaannya. [Pendaftaran umroh berikutnya sudah dibuka.]",
        "Testimoni jamaah: '{Pelayanan|Muthawif} <travel> sangat membantu, hotel dekat masjid.' Umroh {9 hari|12 hari} <umrah_price>. Info <phone>",
    ]),
    B("b-haji-info", "travel_ad", [
        "Info pelunasan biaya haji reguler tahun depan sudah diumumkan Kemenag. Jamaah {diminta|dimohon} melunasi {sebelum batas waktu|sesuai jadwal} melalui bank penerima setoran.",
        "Manasik haji {kloter 12|kloter 7|akbar} {akan digelar|dilaksanakan} di asrama haji <city> hari {Sabtu|Minggu}. Jamaah wajib hadir membawa {buku manasik|koper kabin}.",
    ], style="formal"),
    B("b-loker-pabrik-lokal", "domestic_job", [
        "LOKER {CIKARANG|KARAWANG|SURABAYA}\n{PT elektronik|Pabrik garmen|Pabrik makanan} butuh <job_local>\n- min SMA/SMK\n- usia max {25|28|30}\n- bersedia shift\nKirim CV ke {email HRD|<phone>}",
        "{Lowongan|Info} kerja {pabrik|gudang} di <city>, gaji UMK + lembur, {kontrak 1 thn|bisa jadi karyawan tetap}. [Tanpa dipungut biaya.] WA <phone>",
    ]),
    B("b-loker-resto-lokal", "domestic_job", [
        "Warung {bakso|seafood|ayam geprek} di <city> butuh {2|3} karyawan: {cook helper|waiter|kasir}. Gaji 2,8jt + makan + mess. [Langsung interview.] wa <phone>",
        "Dicari {barista|pelayan|tukang cuci piring} untuk cafe baru di <city>, {part time|full time}, gaji {harian|bulanan}. chat <phone>",
    ]),
    B("b-loker-sawit-dalamnegeri", "domestic_job", [
        "Dibutuhkan {pemanen|perawat kebun|mandor} sawit di {Kalimantan Tengah|Riau|Jambi}, {mess|rumah} disediakan, gaji borongan. Kontrak kerja jelas, BPJS ditanggung. Hub kantor kebun <phone>",
        "{PT perkebunan|Kebun} di {Kalbar|Sumsel} buka lowongan pekerja harian lepas, transport dari <origin> ditanggung perusahaan. Info <phone>",
    ]),
    B("b-ask-biaya-resmi", "question", [
        "Mau nanya dong, {kerja ke <dest_asia>|daftar PMI} lewat jalur resmi itu {biayanya berapa|prosesnya berapa lama} ya? [Aku lulusan SMA.] Makasih 🙏",
        "Ada yg pernah daftar {SPSK Saudi|EPS Korea|G to G Jepang}? gimana prosesnya, lama gak? {mohon sharing|share dong} pengalamannya",
    ]),
    B("b-ask-tiktok-loker", "question", [
        "Liat di TikTok ada yg nawarin kerja <job_scam> di <dest_scam>, katanya {gaji 1500 dolar|tiket gratis|tanpa ijazah}. {Legit gak sih?|Ini beneran?|Kok kayak mencurigakan ya?}",
        "{Bund|Gaes|Kak}, ada yg tau akun {<tg>|ini} {aman|resmi} gak? nawarin kerja {ke luar negeri|LN} {gaji besar|proses cepat}. aku {ragu|takut}",
    ]),
    B("b-ask-keluarga", "question", [
        "Suami saya {mau diajak|ditawari} teman kerja ke <dest_my} lewat <transit}, katanya gak usah pakai paspor. Apa itu aman? {Saya khawatir|Saya takut}.".replace("}", ">").replace("<transit>", "<transit>"),
        "Anak saya {baru 16 tahun|masih 17 thn} ditawari kerja ke <dest_asia>, katanya umur bisa diatur. {Apakah itu boleh?|Itu legal gak?} Mohon sarannya.",
    ]),
    B("b-story-keluarga", "story", [
        "{Kakak|Adik|Sepupu} aku {hilang kontak|gak ada kabar} {3 bulan|setengah tahun} setelah berangkat ke <dest_scam> katanya jadi admin. Alhamdulillah sekarang sudah pulang dibantu KBRI. {Pelajaran buat kita semua|Tolong jangan ada lagi korban}.",
        "Ibu saya dulu kerja ke <dest_gulf> lewat calo, pulang-pulang sakit dan gaji {gak dibayar|dipotong terus}. Makanya saya selalu bilang ke teman2: lewat PT resmi, {jangan lewat sponsor|jangan lewat kenalan}.",
    ]),
]

OTHER_BENIGN += [
    B("o-sekolah", "other", [
        "Pengumuman: {PPDB|pendaftaran siswa baru} SMP {Negeri 3|Negeri 1|IT} <city> dibuka {mulai bulan <month>|pekan depan}. Syarat: {fotokopi KK|akta kelahiran|rapor}. [Info di sekolah.]",
        "Selamat kepada {siswa-siswi|adik-adik} yang lulus {ujian|seleksi} {tahun ini|hari ini}! Semoga ilmunya bermanfaat 🎓",
    ]),
    B("o-cuaca", "other", [
        "BMKG: hujan {lebat|sedang} disertai angin kencang diperkirakan terjadi di <city> {sore ini|malam nanti|besok}. [Warga diimbau waspada pohon tumbang.]",
        "{Gelombang tinggi|Cuaca buruk} di perairan <transit>, {pelayaran kapal kecil ditunda|jadwal ferry terlambat}. Cek info syahbandar sebelum berangkat.",
    ], style="formal"),
    B("o-olahraga", "other", [
        "Turnamen {futsal|voli|bulutangkis} antar kampung di <origin> {dimulai Sabtu|digelar minggu depan}. {Ayo dukung tim desa kita|Pendaftaran tim sampai Kamis} ⚽",
        "Jadwal senam pagi {di alun-alun|di lapangan desa} setiap Minggu jam 6. Gratis, {ajak keluarga|bawa matras sendiri}.",
    ]),
    B("o-pertanian", "other", [
        "Harga gabah {kering panen|di tingkat petani} di <origin> {naik|turun} {minggu ini|jelang panen raya}. Petani berharap pemerintah {menjaga harga|membeli lewat Bulog}.",
        "Tips tanam cabai di musim hujan: {bedengan ditinggikan|pakai mulsa plastik|semprot fungisida}. [Semoga panen melimpah!]",
    ]),
    B("o-umkm", "other", [
        "{Bazar UMKM|Pameran produk lokal} di {alun-alun|GOR} <city> {tanggal 20-22|akhir pekan ini}. Ada {kuliner|kerajinan|batik} dari berbagai desa.",
        "Pelatihan {pemasaran online|foto produk|pembukuan} untuk UMKM {gratis|bersertifikat} dari dinas koperasi <city>. Daftar {lewat link di bio|di kantor dinas}.",
    ]),
    B("o-pernikahan", "other", [
        "Mohon doa restu, {insya Allah|alhamdulillah} kami akan menikah {bulan <month>|tanggal 12}. [Tanpa mengurangi rasa hormat, undangan disebar lewat pesan ini.] 💍",
        "Selamat menempuh hidup baru {buat sepupuku|untuk sahabatku} 🎉 semoga sakinah mawaddah warahmah",
    ]),
    B("o-transport", "other", [
        "Jadwal {KRL|kereta|bus DAMRI} {<city> - bandara|ke terminal} {berubah|ditambah} mulai {bulan depan|Senin}. [Cek aplikasi untuk jadwal terbaru.]",
        "{Tol|Jalan} {arah <city>|menuju pelabuhan} macet parah karena {perbaikan jalan|kecelakaan}. {Cari jalur alternatif|Hindari dulu ya}.",
    ]),
    B("o-religi", "other", [
        "{Santunan anak yatim|Buka puasa bersama|Pengajian akbar} di masjid {Al-Falah|Nurul Huda|At-Taqwa} <city>, {Jumat malam|Minggu sore}. [Mari hadir bersama keluarga.]",
        "Jadwal {imsakiyah|sholat} {wilayah <city>|hari ini} sudah {bisa diunduh|dibagikan} di grup. Semoga ibadah kita lancar 🤲",
    ]),
    B("o-teknologi", "other", [
        "{HP|Laptop} saya {lemot|sering restart} padahal baru {setahun|dua tahun}. Ada saran {aplikasi pembersih|servis terpercaya} di <city>?",
        "Tips {aman|jaga akun} medsos: aktifkan verifikasi dua langkah, jangan {klik link sembarangan|bagikan kode OTP} ke siapapun.",
    ]),
    B("o-pmi-legal-life", "other", [
        "Hari libur ikut kursus {bahasa Mandarin|menjahit|komputer} yang diadakan {KDEI|KJRI} buat PMI. {Seru|Bermanfaat} banget, gratis lagi!",
        "Alhamdulillah {tabungan|kiriman} selama kerja di <dest_asia> {sudah cukup buat|bisa dipakai} {bangun rumah|modal usaha} di <origin>. Tinggal {1 kontrak lagi|setahun lagi} pulang 🏡",
    ]),
    B("o-english-2", "other", [
        "{Happy|Blessed} Sunday everyone! {Church service at 9am|Community breakfast at the hall}, {all are welcome|bring a friend}.",
        "Selling my {used bicycle|old laptop|rice cooker}, good condition, pick up in <city>. {Message me|DM} for the price.",
    ]),
]

# Written after the model was tried on posts written apart from the corpus: casino jobs by the
# border, business and "pelancong" (tourist) passports used for work, "work abroad at a laptop"
# lures, and the tour and visa-agency ads and casino news they must not be confused with.
# Kept last, so that the records generated before them stay as they were.
ADDED = [
    I("i-kasino-border", ["scam_compound_job", "unrealistic_salary"], [
        "Lowongan {dealer|pelayan|kasir} kasino di <dest_scam>, <salary_scam>, {mess|asrama} + makan ditanggung, tiket pesawat dari Jakarta {gratis|kami tanggung}. wa <phone>",
        "siapa yg mau kerja di casino {Bavet|Poipet|Sihanoukville}? shift malam, <salary_scam>, bos yg urus visa. PM <tg>",
        "Kasino {resort|hotel} deket perbatasan Thailand-Myanmar butuh staf {admin|CS|marketing} asal Indonesia. <salary_scam>. berangkat rombongan bulan <month>, daftar ke <name> <phone>",
    ], OBF),
    I("i-visa-bisnis", ["tourist_visa_for_work"], [
        "Kerja {digital marketing|admin online|CS} di <dest_scam>, berangkat pakai visa bisnis dulu, izin kerja nanti diurus kantor disana. <salary_scam>. japri <phone>",
        "{Lowongan|Info kerja} pabrik di <dest_asia>, masuk pake visa bisnis 3 bulan, nanti diperpanjang sama agen. {biaya 12jt|DP 5jt}. wa <phone>",
    ], OBF),
    I("i-paspor-pelancong", ["tourist_visa_for_work"], [
        "Butuh {pekerja|karyawan} <job_manual> di <dest_my>, cukup paspor pelancong, permit kerja diurus tauke disana. <salary_my>. hub <phone>",
        "Kerja ke <dest_my> gak usah ribet urus visa kerja, pake paspor pelancong aja, tiap bulan keluar masuk Johor buat cop paspor. <salary_my>. wa <name> <phone>",
    ], OBF),
    I("i-laptop-lure", ["unrealistic_salary", "minimal_requirements", "vague_employer_location"], [
        "kerja di luar negri cuma depan laptop 8 jam, <salary_scam>, syarat bisa ngetik & punya paspor, lokasi kantor dikasih tau setelah interview. cek bio <tg>",
        "Open lowongan {freelance|remote} tapi penempatan luar negeri (Asia), gaji dolar, tanpa pengalaman, tiket ditanggung. negara nanti dikasih tau. DM <tg>",
    ], OBF),
    # Warnings and news name "umroh" and "visa ziarah" three times as often as offers did, so
    # a short offer without a phone number read as benign: offers in many more shapes.
    I("i-umroh-kerja-2", ["umrah_visa_for_work"], [
        "Yang mau umroh {gratis|murah} sekalian kerja di {Saudi|Mekkah|Jeddah|Riyadh}, {komen|tulis} MINAT di bawah, nanti admin {chat|hubungi} satu2.",
        "{ibu2|bapak2|mbak2} yg pengen ke tanah suci: umroh {duluan|dulu}, {terus|habis itu} disalurkan jadi <job_domestic> di {Madinah|Jeddah|Thaif}. <salary_gulf>. {cek bio|DM}",
        "Program umroh {plus|+} kerja {dibuka lagi|gelombang 3}, berangkat {bulan depan|<month>}, selesai ibadah langsung {ditempatkan|diantar} ke majikan. {minat DM|cek bio}",
        "Mau ke Mekkah gratis? Ikut rombongan umroh kami, {nanti|trus} stay {kerja|jadi <job_domestic>} {2 tahun|sampai kontrak habis} di sana. Cukup visa umroh. {hub|chat} <name>",
    ], OBF),
    I("i-ziarah-2", ["visit_visa_for_work"], [
        "{Brgkt|Berangkat} {pake|pakai} visa {ziarah|kunjungan}, kerja {jadi|sbg} <job_domestic> di <dest_gulf>, <salary_gulf>. {Yg minat inbox|DM aja|komen MINAT}",
        "{ART|Sopir|Pengasuh} <dest_gulf> visa {ziarah|kunjungan keluarga} {bisa|oke}, {langsung kerja|sampai langsung ke majikan}, {tanpa medical|tanpa pelatihan}. {cek bio|tanya2 boleh}",
        "siapa mau kerja di <dest_gulf>?? gak pake PT, cukup visa ziarah, nanti {iqomah|izin tinggal} diurus {kafil|majikan}. <salary_gulf>",
    ], OBF),
    B("b-tour-asean-2", "travel_ad", [
        "{Paket|Trip} {Malaysia - Singapura|KL - Singapore|Penang - Langkawi} {4|5} hari {3|4} malam, sudah termasuk hotel, bus & tour guide. Berangkat tiap {bulan|minggu ke-2}. Minat hub <phone>",
        "{Open trip|Private tour} {Hanoi - Halong Bay|Bangkok - Pattaya|Seoul - Nami} {5D4N|6D5N}, harga {7,9jt|11jt|14,5jt}/pax, tiket PP & hotel. Info & booking japri <phone> 🌏",
        "Halo kak, buat liburan sekolah kita ada paket {Singapura|Malaysia|Thailand} hemat, cukup bawa paspor (bebas visa utk WNI). DM aja buat itinerary lengkap",
    ]),
    B("b-visa-agency", "travel_ad", [
        "Jasa pengurusan visa {turis|bisnis} {China|Korea|Jepang|Schengen}, proses {5-7|10} hari kerja. Syarat: paspor, rekening koran, {undangan perusahaan|surat keterangan kerja}. Kantor di <city>, hub <phone>",
        "Biro perjalanan <travel> melayani {visa bisnis|visa kunjungan keluarga} dan tiket pesawat. Kami tidak melayani visa untuk bekerja; untuk kerja ke luar negeri silakan lewat P3MI resmi.",
    ], style="formal"),
    B("b-kasino-news", "news", [
        "<police> bersama KBRI memulangkan <count> WNI yang dipekerjakan di kasino online di <dest_scam>. Mereka direkrut lewat media sosial dengan janji <salary_scam>.",
        "{Warga|Pemuda} asal <origin> akhirnya bisa pulang setelah {enam bulan|setahun} bekerja paksa di kasino {Poipet|Bavet|Myawaddy}. Keluarga berharap tidak ada lagi yang tergiur lowongan serupa.",
        "Waspada lowongan kerja di kasino luar negeri! {KP2MI|BP3MI} mengingatkan kerja di kasino <dest_scam> tidak bisa ditempatkan secara resmi. Laporkan perekrut ke <official>.",
    ], style="formal"),
]

# Written after the model was tried on posts written apart from the corpus (DATA_CARD.md): new
# skeletons for phrasings the corpus lacked, and hard negatives for the kinds with few skeletons
# (travel ads with down payments, questions quoting an offer, stories, legal fees).
ADDED_2 = [
    I("i-testimoni-ajak", ["minimal_requirements", "wage_deduction_debt"], [
        "Alhamdulillah gajian pertama di {Sabah|Johor|Sarawak} 🤲 {2|3} bulan lalu berangkat modal KTP doang lewat <transit>. Yg mau nyusul aku bantu, ongkos ditalangin bos dulu nanti potong gaji. wa <phone>",
        "Udah setahun kerja di <dest_my>, enak kok gak ribet. Kemarin berangkat cuma bawa KTP, semua diurus bos. Siapa mau ikut gelombang {depan|bulan <month>}? biaya nanti dipotong dari gaji. komen ya",
    ], OBF),
    I("i-visa-pelajar", ["fee_upfront", "unrealistic_salary"], [
        "Kuliah sambil kerja di {Jepang|Korea|Taiwan|Australia}! visa pelajar tapi full kerja di {pabrik|restoran}, gaji {20|25|30}jt. Biaya proses {45|50|60} jt, dijamin visa tembus. Hub <phone>",
        "Program {sekolah bahasa|kursus} di {Jepang|Korea} cuma formalitas, sampai sana langsung kerja {pabrik|kebun} full time. {DP 10jt|Bayar 40jt} ke rekening kami, sisanya potong gaji. DM <tg>",
    ], OBF),
    I("i-scam-jobs-2", ["scam_compound_job", "unrealistic_salary"], [
        "Dicari {penerjemah|staf keuangan|IT support|host live streaming|staf input data} untuk perusahaan {investasi|game|e-commerce} di <dest_scam>, <salary_scam>, cukup bisa bahasa Inggris dasar. Tiket & visa ditanggung. tele <tg>",
        "{Hiring|Urgent hiring}: {Chinese-speaking|English-speaking} {customer service|sales|data entry} staff for a company in <dest_scam>. <salary_scam>, free flight and dormitory, no experience. Telegram <tg>",
    ], OBF),
    I("i-thailand-pretext", ["tourist_visa_for_work", "vague_employer_location"], [
        "Lowongan {restoran|hotel|pabrik} di Thailand, gaji {12-15|15-18}jt, nanti dijemput di bandara Bangkok terus ke kantor dekat perbatasan. Cukup paspor, bebas visa 30 hari. DM <tg>",
        "Kerja di {Bangkok|Mae Sot|Thailand} bagian {admin|marketing}, masuk sebagai turis dulu, kantor pusat nanti dikasih tau setelah sampai. <salary_scam>. chat <name> <phone>",
    ], OBF),
    I("i-abk-2", ["no_training_or_certificate", "no_contract", "fee_upfront"], [
        "Butuh ABK kapal {tuna|cumi|long line} {Taiwan|Korea|Fiji|Peru}, tanpa buku pelaut {gpp|bisa}, BST nyusul. Gaji $400-500, kontrak ditandatangani di kapal. Biaya administrasi 3jt. <name> <phone>",
        "Rekrut ABK kapal ikan asing, {gak perlu|tidak perlu} sertifikat, berangkat dari {Pemalang|Tegal|Pekalongan|Bitung}. Kontrak dikasih di atas kapal. {DP 2jt|Uang jaminan 4jt} buat urus dokumen. wa <phone>",
    ], OBF),
    I("i-pas-lawatan", ["visit_visa_for_work"], [
        "Kedai makan di {KL|Johor Bahru|Penang} perlukan pekerja Indonesia, masuk guna pas lawatan dulu, permit kami uruskan kemudian. Gaji RM1800 + makan tidur. WhatsApp <phone>",
        "{Kilang|Ladang} di {Selangor|Sabah} cari pekerja, masuk pakai visa kunjungan sosial, nanti tauke tukar jadi permit. <salary_my>. hubungi <name> <phone>",
    ], OBF),
    I("i-gulf-direct", ["closed_destination", "too_fast_processing", "bypass_authorities"], [
        "Majikan {Kuwait|Qatar|Oman|Riyadh} cari khadimat, proses 3 minggu terbang, ga usah lewat BP2MI yg lama, tiket dibayar majikan. Paspor kami yg bikinin. wa <phone>",
        "{Sopir|Tukang masak|Pengasuh anak} keluarga di <dest_gulf>, cepat berangkat, gak perlu lapor Disnaker, semua diurus sponsor. <salary_gulf>. {inbox|DM} aja",
    ], OBF),
    I("i-korea-c3", ["tourist_visa_for_work", "no_training_or_certificate", "fee_upfront"], [
        "Kerja pabrik di Korea {tanpa EPS|gak pake EPS-TOPIK}, berangkat visa {C-3|turis}, {overstay aja|nanti tinggal di sana}, banyak yg udah 5 thn aman. Biaya 30jt. DM <tg>",
        "Jalur cepat ke {Korea|Jepang} tanpa ujian bahasa, berangkat pakai visa wisata, {kerja pertanian|kerja pabrik} gaji {25|28}jt. Bayar 35 juta langsung berangkat. hub <phone>",
    ], OBF),
    B("b-umroh-dp", "travel_ad", [
        "Promo umroh {Ramadhan|akhir tahun|Syawal} <travel>, {9|12|15} hari, <umrah_price>. DP {3|5} jt untuk kunci seat, pelunasan H-30. {Cicilan 0%|Bisa dicicil} tersedia. Berizin PPIU. CS <phone>",
        "{Haji plus|Umroh plus Turki|Umroh plus Aqsa|Umroh plus Dubai} berangkat <month>, biaya mulai {38|42|45} jt, DP {5|10} jt. <travel>, terdaftar di Kemenag. Konsultasi wa <phone>",
    ]),
    B("b-tour-asia-2", "travel_ad", [
        "Tour {Jepang|Korea|Taiwan} musim {semi|gugur} 7 hari, visa turis dibantu urus, {13,9|16,5} jt/pax, DP 3 jt. <travel>. {Info|Booking} <phone>",
        "Paket liburan {Sabah|Kuching|Penang} 4D3N dari {Tarakan|Pontianak|Batam}, paspor min 6 bulan, bebas visa. {3,8|4,5} jt all in. DM ya kak",
    ]),
    B("b-question-offer", "question", [
        "Saya ditawari kerja {admin|CS} di <dest_scam> <salary_scam>, katanya tiket ditanggung. Ini aman gak ya? Ada yg pernah?",
        "Min mau tanya, lowongan <job_domestic> ke <dest_gulf> pakai visa ziarah itu resmi gak? Tetangga saya mau berangkat minggu depan",
        "Kak, temen aku diajak kerja ke <dest_my> lewat <transit> tanpa paspor, katanya nanti dibuatin permit. Itu legal gak sih? takut kenapa2",
    ]),
    B("b-story-legal", "story", [
        "Pengalaman aku kerja {3|5} thn di <dest_asia> lewat <pt>: pelatihan di LPK 3 bulan, medical, tanda tangan kontrak di Disnaker. Potongan gaji sesuai aturan. Sekarang pulang buka usaha di <origin> 🙏",
        "Bapak saya dulu PMI di {Malaysia|Saudi}, berangkat resmi lewat PT dan pulang dengan selamat. Pesan beliau: jangan pernah lewat jalur tikus, apapun janjinya.",
    ]),
    B("b-p3mi-fee-legal", "licensed_ad", [
        "<pt> (<sip>) buka lowongan {caregiver Taiwan|pabrik Taiwan|ART Hongkong}. Biaya penempatan sesuai ketentuan pemerintah, potongan gaji sesuai aturan negara tujuan, rinciannya ada di perjanjian kerja. Pelatihan di BLK-LN. Daftar ke kantor cabang <city>.",
        "Lowongan resmi {formal worker|operator pabrik} <dest_asia>, proses {3-4|4-6} bulan: pendaftaran Disnaker, pelatihan, medical, visa kerja. Tidak ada biaya di luar struktur biaya resmi. Info <pt> <phone>",
    ], style="formal"),
    B("b-domestic-urgent", "domestic_job", [
        "URGENT!! Butuh {10|20} operator pabrik di <city>, mess disediakan, langsung kerja, gaji UMK. Tanpa biaya apapun. WA HRD <phone>",
        "Lowongan ABK kapal {penumpang|kargo} rute dalam negeri (Surabaya-Makassar), wajib buku pelaut & BST, gaji 6jt. Lamar ke kantor <pt> <city>",
        "Dicari {10|15} orang kerja kebun sawit di {Kalimantan Tengah|Riau|Jambi}, mess & makan ditanggung, gaji 3,5jt. Hub mandor <phone>",
    ]),
    B("b-news-verdict", "news", [
        "Pengadilan Negeri <city> menjatuhkan vonis {4|6|7} tahun penjara kepada perekrut yang memberangkatkan <count> warga <origin> ke <dest_gulf> dengan visa ziarah.",
        "{Jaringan|Sindikat} penyalur PMI ilegal ke <dest_scam> dibongkar <police>. Korban dijanjikan <salary_scam> dan diberangkatkan lewat Bangkok.",
    ], style="formal"),
    B("b-edu-tips", "warning", [
        "5 tanda lowongan kerja luar negeri palsu: 1) gaji besar tanpa pengalaman 2) bayar dulu ke rekening pribadi 3) berangkat pakai visa turis/ziarah 4) tanpa kontrak 5) perekrut bukan P3MI. Cek di SISKOP2MI!",
        "Sebelum berangkat kerja ke luar negeri, pastikan: P3MI punya izin, ada perjanjian kerja, visa kerja (bukan visa kunjungan), ikut pelatihan & medical. Info: <official>",
    ]),
    B("b-study-abroad", "licensed_ad", [
        "Program Ausbildung perawat di Jerman: kursus bahasa sampai B2 (biaya kursus {15|20} jt), visa diurus sendiri di kedutaan, dapat uang saku selama training. Info webinar gratis di IG kami",
        "Beasiswa kuliah di Taiwan lewat kampus mitra: magang paruh waktu maksimal 20 jam/minggu dengan izin kerja resmi. Pendaftaran di kampus, tidak lewat agen perorangan.",
    ], style="formal"),
    B("b-victim-appeal", "story", [
        "Tolong bantu share 🙏 adik saya asal <origin> berangkat ke <dest_gulf> lewat sponsor pakai visa ziarah, sekarang paspornya ditahan majikan & gak boleh pegang HP. Kami sudah lapor ke <official>.",
        "Mohon doanya, sepupu saya di <dest_scam> disuruh kerja {16|18} jam, HP disita, mau pulang harus bayar ganti rugi {50|80} jt. Keluarga sudah mengadu ke <official>.",
    ]),
]

# Third set, after checks 7 to 10 (DATA_CARD.md): tours to Thailand and Vietnam with a down
# payment, the hard negative the model still flagged, and English, which the corpus had little
# of: offers with the passport kept and a penalty, Gulf offers on visit visas, warnings, and
# ordinary job ads.
ADDED_3 = [
    I("i-english-ktv", ["scam_compound_job", "passport_or_id_withheld", "penalty_for_leaving"], [
        "{Urgent|Need|Hiring} {female|girls} {receptionist|waitress|KTV staff|hostess} for {KTV|club|karaoke} in {Poipet|Bavet|Sihanoukville|Myawaddy}, salary {1200|1500} USD + {tips|commission}. Passport {will be kept|is kept|will be held} by {company|management} for safety. Break contract pay {3000|5000} USD. {Telegram|Contact} <tg>",
        "Hiring {massage therapist|spa staff|bar staff} in {Phnom Penh|Bavet|Laos SEZ}, age 18-28, {free flight|ticket paid}, dorm provided. Your passport will be {kept|held} by HR until contract ends, {resign before 1 year pay penalty|break contract pay} {2000|4000} USD. WA <phone>",
    ], OBF),
    I("i-english-gulf", ["visit_visa_for_work", "fee_upfront"], [
        "{Good job|Job vacancy|Work} in <dest_gulf> for ladies, {housemaid|nanny|babysitter} salary {1500|1800} {AED|SAR|riyal}. Come with visit visa, we change to work visa there. Processing fee {5|6|8}jt pay first. WA <phone>",
        "Vacancy: {cleaners|hotel housekeeping|cooks} in <dest_gulf>, enter with visit visa, sponsor will {arrange|handle} {iqama|work permit}. Salary {1500|2000} {SAR|AED}. Admin fee {4|6}jt, transfer to <bank>.",
    ], OBF),
    B("b-tour-thailand", "travel_ad", [
        "Paket tour {Bangkok Pattaya|Phuket|Chiang Mai|Bangkok Ayutthaya} {4D3N|5H4M|6D5N} mulai {5,9|6,5|7,9} jt, {tiket pesawat|hotel bintang 4}, makan & guide. Bebas visa untuk WNI! DP {1|2} jt, pelunasan H-{30|21}. {Info|Booking} WA <phone>",
        "{Bangkok|Phuket|Ho Chi Minh|Hanoi Halong Bay} tour {4D3N|5D4N}, visa free for Indonesians, hotel and guide included. DP {1|1,5}jt to book your seat. <travel> WA <phone>",
        "Open trip {Vietnam|Thailand|Bangkok - Kuala Lumpur} {bulan <month>|akhir tahun}, {20|25} seat, {7,5|8,9} jt/pax all in. Cukup paspor, bebas visa 30 hari. DP {1|2} jt via transfer ke <bank>. DM ya kak",
    ]),
    B("b-psa-english", "warning", [
        "{PSA|Reminder} for migrant workers: if your {passport|ID} is {kept|held} by your employer or agent, that is against the law. Report it to {the embassy|KBRI|the BP2MI hotline}. Never sign a contract you cannot read.",
        "{Beware|Warning}: recruiters offer {KTV|spa|restaurant} work in {Poipet|Bavet|Dubai|Erbil} {on a tourist visa|with a visit visa} and ask for a processing fee. Victims say their passports were {kept|confiscated} and breaking the contract meant a {fine|penalty} of thousands of dollars. Report offers like this to <official>.",
    ], style="formal"),
    B("b-english-jobs", "domestic_job", [
        "We are hiring {barista|front desk staff|housekeeping staff|line cook} for our {cafe|hotel|resort} in {Canggu|Ubud|Lombok|Labuan Bajo}! {1 year experience|Good English}, salary {4,5|5|5,5}jt + service charge, BPJS. Send your CV to <tg>",
        "Hiring: {Junior accountant|Customer service agent|Graphic designer} ({Jakarta|Surabaya|Bandung}, hybrid). Salary {7-9|8-10}jt, BPJS, annual leave 12 days. Apply via our careers page, no fees at any stage.",
    ], style="formal"),
    B("b-licensed-english", "licensed_ad", [
        "Looking for a {nanny|caregiver|domestic helper} in {Singapore|Hong Kong}? Our licensed agency handles the work permit, medical check and training. Transparent fees, no salary deduction beyond the law. Visit our office in {Orchard Road|Causeway Bay}.",
        "<pt> (<sip>) is recruiting {caregivers|factory operators} for {Taiwan|Japan} through the official process: training at BLK-LN, medical check, work visa and a signed contract before departure. Register at our {Jakarta|Semarang|Surabaya} branch.",
    ], style="formal"),
]

# Fourth set, after check 11 (DATA_CARD.md): a passport service's fee that scored as an offer's,
# a job seeker's doubt about an admin offer in Cambodia, tours with a DP still near the
# threshold, and the fishing crew of check 10 (a seaman's book made for you, "17th ke atas").
# Written before looking at where each family's hash puts it.
ADDED_4 = [
    I("i-fishing-crew-young", ["underage_or_age_fraud", "no_passport_or_fake_docs",
                               "wage_deduction_debt"], [
        "Dicari {pemuda|cowok} {17th|17 th|17 thn} ke atas utk ABK kapal {ikan|cumi|tuna} {Taiwan|Fiji|Somalia|Peru}. blm punya buku pelaut gpp {dibikinin|dibuatin}, biaya {potong gaji|dipotong dr gaji} {5|6} bln. gaji {400|450} usd. {hub|wa} <phone>",
        "Lowongan ABK {long line|kapal asing}, {tdk|gak} perlu pengalaman, umur {16|17} {thn|th} keatas boleh. Buku pelaut & paspor {kami buatin|dibikinkan agen}, bayarnya potong gaji {4|6} bulan. Berangkat dr {Pemalang|Tegal|Bitung} {minggu dpn|bulan ini}. <name> <phone>",
    ], OBF),
    B("b-document-services", "service_ad", [
        "Jasa {urus|pembuatan} paspor {baru|& perpanjangan}, bantu daftar antrian M-Paspor & isi formulir. Biaya jasa {150|200|250}rb {di luar PNBP|belum termasuk PNBP}. Bisa untuk {wisata, umroh|umroh, kerja resmi|kuliah, kerja resmi}. Chat <phone>",
        "{Terima|Melayani} jasa legalisir ijazah, terjemah tersumpah & legalisasi Kemenkumham/Kemenlu utk {kuliah|kerja resmi|nikah} di luar negeri. {3|5} hari kerja, biaya mulai {300|450}rb per dokumen. <city>, wa <phone>",
    ]),
    B("b-visa-agent-tourism", "service_ad", [
        "Bantu pengajuan visa {Schengen|Jepang|Korea|Australia|UK} untuk {liburan|kunjungan keluarga|bisnis}: cek dokumen, isi form, booking jadwal {VFS|kedutaan}. Biaya jasa {500rb|750rb|1jt}, visa {tidak dijamin|keputusan kedutaan}. {Info|Tanya2} wa <phone>",
        "Visa {turis|kunjungan} {Jepang|Korea|Taiwan} {ditolak?|bingung syaratnya?} Kami bantu susun itinerary, rekening koran & surat sponsor. {Biaya jasa|Fee} {350|600}rb, DP 50%. Bukan agen tenaga kerja ya kak 🙏 <tg>",
    ]),
    B("b-translation-service", "service_ad", [
        "Penerjemah tersumpah {Inggris|Arab|Mandarin|Jepang|Korea}-Indonesia: {akta, ijazah, transkrip|kontrak kerja, surat keterangan}. Tarif {120|150}rb/halaman, {2|3} hari jadi. Dokumen dikirim via email. <city>",
    ], style="formal"),
    B("b-question-doubt", "question", [
        "{guys|kak|min} {temen aku|sepupu aku|adekku} ditawarin jadi {admin|CS online|operator} di <dest_scam> <salary_scam>, disuruh {berangkat pake visa turis|bikin paspor dulu trus tiket ditanggung}. {kok aku curiga ya|aku kok curiga}, {itu beneran ga sih?|masuk akal gak?}",
        "Ada tawaran kerja di <dest_gulf> jd <job_domestic>, brgkt {minggu depan|bulan ini} pake visa {ziarah|kunjungan}, bayar {5|8}jt dulu. Aku {curiga|ngerasa aneh} soalnya gak lewat PT. Ada yg pernah ngalamin?",
        "Mau nanya, aku dapet DM {di IG|di tele|di FB} lowongan {pabrik|restoran} <dest_asia> {gaji 25jt|gaji 30jt/bln}, {syaratnya cuma KTP|tanpa tes}. Mencurigakan gak sih? takut ketipu",
    ]),
    B("b-parent-worried", "question", [
        "Anak saya ({19|20|22} th) diajak teman kerja ke <dest_my> katanya lewat <transit>, {gak pakai PT|belum ada kontrak}. Saya sebagai ibu khawatir. Kemana saya harus {tanya|melapor} biar tau itu resmi atau tidak?",
        "Bapak2 ibu2, keponakan saya mau berangkat ke <dest_scam> kerja {admin|marketing}, {tiketnya dibayarin|katanya gaji dolar}. Keluarga ragu. Gimana cara cek perusahaannya?",
    ]),
    B("b-tour-family-trip", "travel_ad", [
        "Family trip {Singapura|Kuala Lumpur|Bangkok|Penang} {liburan sekolah|akhir tahun} {4H3M|5H4M}, {anak di bawah 2 th gratis|harga anak lebih murah}. {6,9|7,5|8,2} jt/pax, DP {1|1,5} jt {kunci seat|amankan kursi}, pelunasan H-{30|21}. <travel>, wa <phone>",
        "Trip {Hanoi-Halong|Bangkok-Pattaya|Phuket-Krabi} khusus keluarga, {grup kecil|private tour} {8|10} org, bebas visa WNI. Include tiket, hotel, makan. DP {2|3} jt. {DM|Chat} ya kak 😊",
    ]),
    B("b-study-tour", "travel_ad", [
        "Study tour SMA {kelas XI|kelas XII} ke {Singapura-Malaysia|Kuala Lumpur|Bangkok} {bulan <month>|semester ini}: kunjungan kampus & museum, {4|5} hari. Biaya {5,5|6,8} jt, DP {1|2} jt lewat sekolah. Paspor dibantu urus {oleh panitia|kolektif}.",
    ], style="formal"),
]

# The families whose records may be in the test split. Later families go to train or dev only,
# so that the test split, on which models are compared and promoted, stays frozen.
FROZEN_TEST = ILLEGAL + HARD_NEGATIVES + OTHER_BENIGN + ADDED + ADDED_2 + ADDED_3
FAMILIES = FROZEN_TEST + ADDED_4
