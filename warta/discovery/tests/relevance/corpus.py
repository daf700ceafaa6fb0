"""A generated Indonesian news corpus about Bali and Papua, with queries and expected stories.

Each *key* story joins one event (a verb whose noun form a reader would type: the
story says "membangun", the reader types "pembangunan"), one object and one place;
its query uses the other affixed form, a person's name or a typo. *Filler* stories
reuse the same events, objects, places and names in other combinations, so a
query's words are common across the corpus and only the right combination should
come first. Deterministic (seeded), so every run and backend sees the same corpus.
"""

import random
from datetime import UTC, datetime, timedelta

# (form in the story, form a reader types)
EVENTS = [
    ("meningkat", "peningkatan"),
    ("membangun", "pembangunan"),
    ("mengirim", "pengiriman"),
    ("menangkap", "penangkapan"),
    ("memeriksa", "pemeriksaan"),
    ("merayakan", "perayaan"),
    ("melantik", "pelantikan"),
    ("membuka", "pembukaan"),
    ("menutup", "penutupan"),
    ("menanam", "penanaman"),
    ("menyelidiki", "penyelidikan"),
    ("memperbaiki", "perbaikan"),
    ("menolak", "penolakan"),
    ("mengungsi", "pengungsian"),
    ("menembak", "penembakan"),
    ("menulis", "penulisan"),
    ("memindahkan", "pemindahan"),
    ("menurun", "penurunan"),
    ("mendaftar", "pendaftaran"),
    ("mengawasi", "pengawasan"),
    ("membersihkan", "pembersihan"),
    ("menjual", "penjualan"),
    ("membagikan", "pembagian"),
    ("mengukur", "pengukuran"),
    ("menyerahkan", "penyerahan"),
    ("mengamankan", "pengamanan"),
    ("menyalurkan", "penyaluran"),
    ("membatalkan", "pembatalan"),
    ("menaikkan", "kenaikan"),
    ("berlatih", "latihan"),
]
OBJECTS = [
    "jembatan",
    "sekolah",
    "terumbu karang",
    "bandara",
    "puskesmas",
    "jalan desa",
    "pelabuhan",
    "harga cabai",
    "beras bantuan",
    "bibit mangrove",
    "sampah plastik",
    "pasar tradisional",
    "pura",
    "honai",
    "sagu",
    "kopi arabika",
    "vaksin",
    "tiket pesawat",
    "listrik",
    "air bersih",
    "perahu nelayan",
    "rumah sakit",
    "tanah adat",
    "kartu pemilih",
    "kapal feri",
    "obat malaria",
    "ternak babi",
    "subak",
    "gereja",
    "perpustakaan",
]
PLACES = [
    "Denpasar",
    "Gianyar",
    "Singaraja",
    "Tabanan",
    "Karangasem",
    "Klungkung",
    "Bangli",
    "Negara",
    "Ubud",
    "Kuta",
    "Jayapura",
    "Wamena",
    "Merauke",
    "Sorong",
    "Timika",
    "Nabire",
    "Biak",
    "Manokwari",
    "Fakfak",
    "Sentani",
    "Kaimana",
    "Serui",
]
FIRST = ["Wayan", "Made", "Nyoman", "Ketut", "Yohanes", "Maria", "Agustinus", "Fransiska"]
LAST = [
    "Sudirta",
    "Suarjana",
    "Wenda",
    "Kogoya",
    "Wanimbo",
    "Rumbiak",
    "Mandacan",
    "Astawa",
    "Yikwa",
    "Tabuni",
    "Mirin",
    "Suweca",
]
OPENINGS = [
    "Warga {place} {event} {object} pada Senin pagi.",
    "Pemerintah daerah {place} {event} {object} setelah rapat dengan tokoh adat.",
    "{name} mengatakan warga {place} {event} {object} bersama relawan.",
]
FILLER_SENTENCES = [
    "Kegiatan berlangsung sejak pukul delapan pagi dan diikuti ratusan orang.",
    "Aparat desa mencatat jumlah peserta terus bertambah setiap tahun.",
    "Hujan deras sempat mengguyur lokasi, namun acara tetap berjalan.",
    "Kepala dinas berjanji akan mengevaluasi program ini bulan depan.",
    "Sejumlah warga berharap pemerintah pusat memberi perhatian lebih.",
    "Polisi berjaga di sekitar lokasi untuk mengatur lalu lintas.",
    "Anggaran kegiatan berasal dari dana desa dan bantuan provinsi.",
]
TYPOS = {
    "jembatan": "jembtan",
    "puskesmas": "puskesmaz",
    "pelabuhan": "pelabuan",
    "bandara": "bandra",
    "perpustakaan": "perpustakan",
}


def _article(rng, number, event, obj, place, name, published):
    sentences = [rng.choice(OPENINGS).format(place=place, event=event, object=obj, name=name)]
    sentences += rng.sample(FILLER_SENTENCES, 3)
    sentences.append(f'"Kami ingin semuanya berjalan baik," kata {name}.')
    return {
        "key": number,
        "title": f"{place}: {event.capitalize()} {obj}",
        "text": " ".join(sentences),
        "published_at": published,
    }


def build(size=320, seed=11):
    """(articles, queries): articles are dicts; queries are (query, key of expected article)."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    articles, queries, used = [], [], set()
    # Key stories: event i, object i, place i mod len.
    for i, (verb, noun) in enumerate(EVENTS):
        obj, place = OBJECTS[i], PLACES[i % len(PLACES)]
        name = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
        used.add((i, i, place))
        article = _article(rng, len(articles), verb, obj, place, name, start + timedelta(days=i))
        articles.append(article)
        queries.append((f"{noun} {obj} {place}", article["key"]))
        if obj in TYPOS:
            queries.append((f"{noun} {TYPOS[obj]} {place}", article["key"]))
    # Name stories: a person quoted in one headline.
    for j in range(10):
        name = f"{FIRST[j % len(FIRST)]} {LAST[(j + 5) % len(LAST)]}"
        verb, noun = EVENTS[(j * 7) % len(EVENTS)]
        obj, place = OBJECTS[(j * 3 + 1) % len(OBJECTS)], PLACES[(j * 5 + 2) % len(PLACES)]
        article = _article(
            rng, len(articles), verb, obj, place, name, start + timedelta(days=40 + j)
        )
        article["title"] = f"{name}: {place} {verb} {obj}"
        articles.append(article)
        queries.append((f"{name} {noun}", article["key"]))
    # Fillers: other combinations of the same words, later in time (a newer story must
    # not win on recency alone).
    while len(articles) < size:
        e, o = rng.randrange(len(EVENTS)), rng.randrange(len(OBJECTS))
        place = rng.choice(PLACES)
        if (e, o, place) in used or e == o:
            continue
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        published = start + timedelta(days=60 + len(articles))
        articles.append(
            _article(rng, len(articles), EVENTS[e][0], OBJECTS[o], place, name, published)
        )
    return articles, queries
