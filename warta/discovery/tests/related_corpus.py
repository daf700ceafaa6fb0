"""A generated Indonesian corpus for the related-reads tests: stories in series.

Each subject is reported three times (the event, its consequences, the
response), written from templates with differently affixed forms of the same
roots (merendam / rendaman / direndam), so only an analyser that finds the
shared roots links them. Subjects share places, sections and broad topics
with other subjects, and filler stories share the newsroom's stock phrases
with everyone, so the easy signals alone do not pick the right story.

`expected_pairs` pairs an article with the one a reader would expect to be
offered: the follow-up of its series, which editors did not tag with the
subject's tag, so only the words link the two.
"""

from datetime import datetime, timedelta

from wagtail.rich_text import RichText

from warta.articles.factories import make_section
from warta.articles.models import ArticlePage, TopicIndexPage, TopicPage

PLACES = [
    ("Denpasar", "Kota Denpasar", "Bali", -8.65, 115.22),
    ("Kuta", "Kabupaten Badung", "Bali", -8.72, 115.17),
    ("Gianyar", "Kabupaten Gianyar", "Bali", -8.54, 115.33),
    ("Singaraja", "Kabupaten Buleleng", "Bali", -8.11, 115.09),
    ("Jayapura", "Kota Jayapura", "Papua", -2.53, 140.72),
    ("Sentani", "Kabupaten Jayapura", "Papua", -2.57, 140.51),
    ("Merauke", "Kabupaten Merauke", "Papua Selatan", -8.49, 140.40),
    ("Wamena", "Kabupaten Jayawijaya", "Papua Pegunungan", -4.10, 138.94),
]

TOPICS = ["Lingkungan", "Ekonomi", "Pendidikan", "Kesehatan", "Pemerintahan"]
SECTIONS = ["Daerah", "Ekonomi", "Sosial"]

# (topic, section, tag, the event's noun, what it hits, verb: me- form, di- form,
#  the pe-/-an noun of the same root, two details only this subject has)
SUBJECTS = [
    (
        0,
        0,
        "banjir",
        "banjir",
        "permukiman",
        "merendam",
        "direndam",
        "rendaman",
        "tanggul",
        "pompa air",
    ),
    (
        0,
        0,
        "longsor",
        "longsor",
        "jalan desa",
        "menimbun",
        "ditimbun",
        "timbunan",
        "tebing",
        "alat berat",
    ),
    (
        0,
        1,
        "sampah",
        "sampah plastik",
        "pantai",
        "mencemari",
        "dicemari",
        "pencemaran",
        "relawan",
        "bank sampah",
    ),
    (
        0,
        0,
        "kebakaran",
        "kebakaran hutan",
        "lereng bukit",
        "membakar",
        "dibakar",
        "pembakaran",
        "asap",
        "helikopter",
    ),
    (
        0,
        2,
        "air-bersih",
        "krisis air bersih",
        "kampung",
        "mengeringkan",
        "dikeringkan",
        "kekeringan",
        "sumur bor",
        "truk tangki",
    ),
    (
        0,
        0,
        "abrasi",
        "abrasi",
        "garis pantai",
        "mengikis",
        "dikikis",
        "pengikisan",
        "pemecah gelombang",
        "bakau",
    ),
    (
        0,
        1,
        "terumbu",
        "pemutihan karang",
        "terumbu",
        "merusak",
        "dirusak",
        "kerusakan",
        "penyelam",
        "transplantasi",
    ),
    (
        1,
        1,
        "cabai",
        "harga cabai",
        "pasar tradisional",
        "melonjak",
        "dilonjakkan",
        "lonjakan",
        "pedagang",
        "petani cabai",
    ),
    (
        1,
        1,
        "pariwisata",
        "kunjungan wisatawan",
        "hotel",
        "meningkat",
        "ditingkatkan",
        "peningkatan",
        "okupansi",
        "penerbangan",
    ),
    (
        1,
        1,
        "nelayan",
        "hasil tangkapan nelayan",
        "pelabuhan ikan",
        "menurun",
        "diturunkan",
        "penurunan",
        "solar",
        "cuaca buruk",
    ),
    (
        1,
        2,
        "umkm",
        "pinjaman usaha",
        "perajin",
        "membantu",
        "dibantu",
        "bantuan",
        "koperasi",
        "bunga rendah",
    ),
    (
        1,
        1,
        "kopi",
        "ekspor kopi",
        "kebun kopi",
        "mengirim",
        "dikirim",
        "pengiriman",
        "biji arabika",
        "kontainer",
    ),
    (
        1,
        0,
        "listrik",
        "pemadaman listrik",
        "gardu",
        "memutus",
        "diputus",
        "pemutusan",
        "pembangkit",
        "genset",
    ),
    (
        1,
        1,
        "beras",
        "stok beras",
        "gudang bulog",
        "menyalurkan",
        "disalurkan",
        "penyaluran",
        "operasi pasar",
        "harga eceran",
    ),
    (
        2,
        2,
        "sekolah",
        "gedung sekolah",
        "ruang kelas",
        "memperbaiki",
        "diperbaiki",
        "perbaikan",
        "atap bocor",
        "meja belajar",
    ),
    (
        2,
        2,
        "guru",
        "kekurangan guru",
        "sekolah pedalaman",
        "mengangkat",
        "diangkat",
        "pengangkatan",
        "honorer",
        "formasi",
    ),
    (
        2,
        2,
        "beasiswa",
        "beasiswa mahasiswa",
        "kampus",
        "menyalurkan",
        "disalurkan",
        "penyaluran",
        "kuliah",
        "afirmasi",
    ),
    (
        2,
        2,
        "literasi",
        "taman baca",
        "perpustakaan desa",
        "membangun",
        "dibangun",
        "pembangunan",
        "buku cerita",
        "pustakawan",
    ),
    (
        2,
        2,
        "ujian",
        "ujian sekolah",
        "siswa kelas enam",
        "menunda",
        "ditunda",
        "penundaan",
        "jaringan internet",
        "soal cetak",
    ),
    (
        3,
        2,
        "demam-berdarah",
        "demam berdarah",
        "puskesmas",
        "menyerang",
        "diserang",
        "serangan",
        "nyamuk",
        "fogging",
    ),
    (
        3,
        2,
        "stunting",
        "stunting",
        "posyandu",
        "mencegah",
        "dicegah",
        "pencegahan",
        "gizi balita",
        "makanan tambahan",
    ),
    (
        3,
        2,
        "malaria",
        "malaria",
        "kampung pesisir",
        "menular",
        "ditularkan",
        "penularan",
        "kelambu",
        "obat antimalaria",
    ),
    (
        3,
        2,
        "rumah-sakit",
        "rumah sakit daerah",
        "ruang rawat",
        "menambah",
        "ditambah",
        "penambahan",
        "tempat tidur",
        "dokter spesialis",
    ),
    (
        3,
        2,
        "rabies",
        "rabies",
        "anjing liar",
        "menggigit",
        "digigit",
        "gigitan",
        "vaksin antirabies",
        "eliminasi",
    ),
    (
        3,
        2,
        "vaksinasi",
        "imunisasi anak",
        "balai banjar",
        "menyuntik",
        "disuntik",
        "penyuntikan",
        "campak",
        "kader",
    ),
    (
        4,
        0,
        "pilkada",
        "pemilihan kepala daerah",
        "tempat pemungutan suara",
        "menghitung",
        "dihitung",
        "penghitungan",
        "kotak suara",
        "saksi",
    ),
    (
        4,
        0,
        "anggaran",
        "anggaran daerah",
        "gedung dewan",
        "memangkas",
        "dipangkas",
        "pemangkasan",
        "fraksi",
        "rapat paripurna",
    ),
    (
        4,
        0,
        "korupsi",
        "dugaan korupsi",
        "dinas pekerjaan umum",
        "menyelidiki",
        "diselidiki",
        "penyelidikan",
        "jaksa",
        "tersangka",
    ),
    (
        4,
        0,
        "pemekaran",
        "pemekaran wilayah",
        "distrik",
        "mengusulkan",
        "diusulkan",
        "pengusulan",
        "provinsi baru",
        "aspirasi",
    ),
    (
        4,
        0,
        "adat",
        "tanah ulayat",
        "masyarakat adat",
        "menggugat",
        "digugat",
        "gugatan",
        "sertifikat",
        "pengadilan",
    ),
    (
        4,
        1,
        "jalan",
        "jalan trans",
        "ruas jalan",
        "mengaspal",
        "diaspal",
        "pengaspalan",
        "jembatan",
        "kontraktor",
    ),
    (
        4,
        0,
        "bandara",
        "bandara perintis",
        "landasan pacu",
        "memperpanjang",
        "diperpanjang",
        "perpanjangan",
        "pesawat kecil",
        "kargo",
    ),
    (
        0,
        0,
        "gunung",
        "erupsi gunung",
        "desa lereng",
        "mengungsikan",
        "diungsikan",
        "pengungsian",
        "abu vulkanik",
        "status siaga",
    ),
    (
        1,
        1,
        "rumput-laut",
        "panen rumput laut",
        "pesisir",
        "mengeringkan",
        "dikeringkan",
        "pengeringan",
        "pembudidaya",
        "tali ris",
    ),
    (
        3,
        2,
        "air-minum",
        "air minum isi ulang",
        "depot",
        "mencemari",
        "dicemari",
        "pencemaran",
        "bakteri",
        "uji laboratorium",
    ),
]

STOCK = [
    "Pemerintah daerah menyatakan akan terus memantau perkembangan situasi di lapangan.",
    "Warga berharap pemerintah segera turun tangan dan memberikan kepastian.",
    "Kepala dinas mengatakan koordinasi dengan pemerintah pusat sudah dilakukan.",
    "Sejumlah tokoh masyarakat meminta semua pihak tetap tenang dan menunggu hasilnya.",
    "Data resmi akan diumumkan setelah verifikasi selesai pekan depan.",
]

TITLES = [
    "{noun} {me} {object} di {place}",
    "Warga {place} mengeluhkan {pean} {object} akibat {noun}",
    "{detail1} dan {detail2}: langkah {place} menghadapi {noun}",
]

BODIES = [
    [
        "{noun} {me} {object} di {place} sejak Senin pagi, menurut petugas setempat.",
        "Petugas mencatat {object} yang {di} {noun} bertambah setiap jam.",
        "{stock}",
        "Mereka meminta {detail1} segera disiapkan sebelum keadaan memburuk.",
        "{stock2}",
    ],
    [
        "Sepekan setelah {noun} {me} {object}, warga {place} masih menghitung kerugian.",
        "{pean} yang terjadi membuat {object} sulit dipulihkan, kata seorang warga.",
        "{stock}",
        "Warga menyebut {detail1} dan {detail2} belum juga datang.",
    ],
    [
        "Pemerintah {place} menyiapkan {detail1} dan {detail2} untuk menangani {noun}.",
        "Langkah itu diambil agar {object} tidak lagi {di} {noun} seperti bulan lalu.",
        "{stock2}",
        "Anggarannya berasal dari dana darurat, kata pejabat setempat.",
    ],
]

# Filler stories: stock phrases only, on every topic and place.
FILLER = [
    "Rapat koordinasi digelar di {place}",
    "Pejabat baru dilantik di {place}",
    "Warga {place} menggelar kerja bakti",
    "Festival budaya meriahkan {place}",
    "Pemerintah {place} evaluasi program tahunan",
]


def _text(template, spec, place, n):
    topic, section, tag, noun, obj, me, di, pean, detail1, detail2 = spec
    text = template.format(
        noun=noun,
        object=obj,
        me=me,
        di=di,
        pean=pean,
        detail1=detail1,
        detail2=detail2,
        place=place[0],
        stock=STOCK[n % len(STOCK)],
        stock2=STOCK[(n + 2) % len(STOCK)],
    )
    return text[0].upper() + text[1:]


def _article(title, standfirst, paragraphs, place, published, slug):
    page = ArticlePage(
        title=title,
        slug=slug,
        standfirst=standfirst,
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs],
        published_at=published,
        place_name=place[0],
        place_regency=place[1],
        place_province=place[2],
        place_latitude=place[3],
        place_longitude=place[4],
    )
    return page


def build_corpus(site):
    """Build the corpus under `site`; returns ({(subject, part): article}, fillers)."""
    home = site.root_page.specific
    sections = [make_section(site, title, title.lower()) for title in SECTIONS]
    index = home.add_child(instance=TopicIndexPage(title="Topik", slug="topik"))
    topics = [index.add_child(instance=TopicPage(title=t, slug=t.lower())) for t in TOPICS]
    start = datetime.fromisoformat("2026-03-01T02:00:00+00:00")
    series = {}
    for n, spec in enumerate(SUBJECTS):
        topic, section, tag = spec[0], spec[1], spec[2]
        # A topic's subjects happen in the same two places: place, topic and
        # section alone cannot tell them apart.
        place = PLACES[(topic * 2 + n % 2) % len(PLACES)]
        for part in range(3):
            published = start + timedelta(days=n * 2 + part * 3, hours=part)
            page = _article(
                _text(TITLES[part], spec, place, n + part),
                _text(BODIES[part][0], spec, place, n),
                [_text(p, spec, place, n + part) for p in BODIES[part][1:]],
                place,
                published,
                f"subjek-{n}-{part}",
            )
            page.topics = [topics[topic]]
            # Tagged as newsrooms tag: the follow-up (part 1) without the subject's tag.
            page.tags.add(tag if part != 1 else TOPICS[topic].lower(), place[0].lower())
            series[n, part] = sections[section].add_child(instance=page)
    fillers = []
    for n in range(20):
        place = PLACES[(n * 3) % len(PLACES)]
        title = FILLER[n % len(FILLER)].format(place=place[0]) + f" ({n + 1})"
        page = _article(
            title,
            STOCK[n % len(STOCK)],
            [STOCK[(n + k) % len(STOCK)] for k in range(1, 4)],
            place,
            start + timedelta(days=n * 3),
            f"pengisi-{n}",
        )
        page.topics = [topics[n % len(topics)]]
        page.tags.add(place[0].lower())
        fillers.append(sections[n % len(sections)].add_child(instance=page))
    return series, fillers


def expected_pairs(series):
    """(article, the one a reader expects to be offered): the series' follow-up (part 1)."""
    pairs = [(series[n, 0], series[n, 1]) for n in range(len(SUBJECTS))]
    pairs += [(series[n, 2], series[n, 1]) for n in range(0, len(SUBJECTS), 3)]
    return pairs


def story(section, title, text="", **fields):
    """One published article whose body is `text` in paragraphs (split on blank lines)."""
    from warta.articles.factories import make_article

    paragraphs = [part for part in text.split("\n\n") if part] or [title]
    body = [("paragraph", RichText(f"<p>{part}</p>")) for part in paragraphs]
    return make_article(section, title=title, body=body, **fields)


FLOOD = "Banjir merendam ratusan rumah warga di Denpasar setelah hujan deras semalaman."
