"""The demo publications.

BALICITIZEN carries the seed page exactly as it was published (a copy of
../shared/seed/article-putin-biden.txt is in seed/): site name, tagline,
headline, section label, the seven body paragraphs in order and the READ link
to the Donbass article. The other stories
are short, invented local pieces so the front pages look like a working paper;
they describe no real event.
"""

from pathlib import Path

SEED_FILE = Path(__file__).parent / "seed" / "article-putin-biden.txt"


def parse_seed(text):
    """Split the seed page into its parts.

    Its layout: site name, tagline, "headline | section label" twice (the page
    title and the heading), the body paragraphs, then "READ <related headline>".
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    site_name, tagline, title_line = lines[0], lines[1], lines[3]
    headline, _, section_label = (part.strip() for part in title_line.partition("|"))
    read_line = lines[-1]
    if not read_line.startswith("READ"):
        raise ValueError("The seed page should end with its READ link.")
    return {
        "site_name": site_name,
        "tagline": tagline,
        "headline": headline,
        "section_label": section_label,
        "paragraphs": lines[4:-1],
        "related_headline": read_line.removeprefix("READ").strip(),
    }


SEED = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
SEED_SLUG = "putin-menanggapi-memuaskan-pembicaraan-dengan-biden"
DONBASS_SLUG = "pertempuran-donbass"

PAPUA_TAGLINE = (
    "Ikuti perkembangan terkini Indonesia di lapangan dengan berita berbasis fakta, "
    "cuplikan video eksklusif, foto, dan peta terbaru."
)

# Each site: hostname, name, zone, tagline, sections, topics, authors, articles.
# An article: (section slug, slug, headline, kicker, standfirst, dateline, story type,
#              authors, topics, tags, paragraphs, hours before now or a fixed UTC time)
SITES = [
    {
        "hostname": "balicitizen.localhost",
        "name": SEED["site_name"],
        "slug": "balicitizen",
        "time_zone": "Asia/Makassar",
        "tagline": SEED["tagline"],
        "default": True,
        "sections": [
            ("bali", "Bali", "Berita dari seluruh Pulau Dewata."),
            ("internasional", "Internasional", "Kabar dunia yang terasa sampai ke Bali."),
            ("lingkungan", "Lingkungan", "Laut, sampah, air dan hutan."),
        ],
        "topics": [
            ("rusia-ukraina", "Rusia dan Ukraina", "Perkembangan konflik dan diplomasi."),
            ("sampah-plastik", "Sampah plastik", "Dari sungai ke pantai: upaya membersihkan Bali."),
        ],
        "authors": [
            (
                "redaksi-balicitizen",
                "Redaksi BALICITIZEN",
                "Tim redaksi",
                "<p>Tim redaksi BALICITIZEN di Denpasar.</p>",
            ),
            (
                "ni-luh-ayu",
                "Ni Luh Ayu",
                "Reporter",
                "<p>Meliput lingkungan dan pariwisata di Bali selatan.</p>",
            ),
        ],
        "articles": [
            {
                "section": "internasional",
                "slug": DONBASS_SLUG,
                "title": SEED["related_headline"],
                "kicker": "Analisis",
                "standfirst": "Mengapa garis depan di timur Ukraina nyaris tidak bergerak.",
                "dateline": "",
                "story_type": "analisis",
                "authors": ["redaksi-balicitizen"],
                "topics": ["rusia-ukraina"],
                "tags": ["Ukraina", "Rusia"],
                "paragraphs": [
                    "Para analis militer menilai pasukan Rusia telah mengubah taktik setelah "
                    "kegagalan awal di sekitar Kyiv, dengan memusatkan artileri di wilayah Donbass.",
                    "Namun, menurut mereka, tekad pasukan Ukraina untuk mempertahankan setiap kota "
                    "tetap menjadi faktor yang menentukan jalannya pertempuran.",
                ],
                "published": "2021-12-29T03:00:00+00:00",
            },
            {
                "section": "internasional",
                "slug": SEED_SLUG,
                "title": SEED["headline"],
                "kicker": SEED["section_label"],
                "standfirst": "",
                "dateline": "",
                "story_type": "berita",
                "authors": ["redaksi-balicitizen"],
                "topics": ["rusia-ukraina"],
                "tags": ["Rusia", "Amerika Serikat"],
                "paragraphs": SEED["paragraphs"],
                "related": DONBASS_SLUG,
                # Jumat, 31 Desember 2021 09.15 WITA
                "published": "2021-12-31T01:15:00+00:00",
            },
            {
                "section": "lingkungan",
                "slug": "relawan-bersihkan-pantai-kuta",
                "title": "Ratusan relawan bersihkan sampah kiriman di Pantai Kuta",
                "kicker": "",
                "standfirst": "Musim angin barat membawa sampah plastik ke pesisir setiap tahun.",
                "dateline": "Kuta",
                "story_type": "berita",
                "authors": ["ni-luh-ayu"],
                "topics": ["sampah-plastik"],
                "tags": ["Kuta", "sampah"],
                "paragraphs": [
                    "Ratusan relawan turun ke Pantai Kuta sejak pagi untuk mengangkut sampah "
                    "kiriman yang terdampar selama musim angin barat.",
                    "Petugas kebersihan setempat mengatakan sebagian besar sampah adalah plastik "
                    "sekali pakai yang terbawa arus dari sungai dan pulau lain.",
                ],
                "image": ("pantai-kuta", "Relawan di Pantai Kuta", "Ni Luh Ayu/BALICITIZEN"),
                "hours_ago": 3,
            },
            {
                "section": "bali",
                "slug": "antrean-pelabuhan-padangbai",
                "title": "Antrean kendaraan mengular di Pelabuhan Padangbai jelang libur panjang",
                "kicker": "",
                "standfirst": "Penumpang diminta datang lebih awal dan membeli tiket secara daring.",
                "dateline": "Karangasem",
                "story_type": "berita",
                "authors": ["ni-luh-ayu", "redaksi-balicitizen"],
                "topics": [],
                "tags": ["Padangbai", "transportasi"],
                "paragraphs": [
                    "Antrean kendaraan menuju Pelabuhan Padangbai memanjang hingga beberapa "
                    "kilometer pada Kamis sore.",
                    "Pengelola pelabuhan menambah jadwal kapal untuk mengurai kepadatan.",
                ],
                "hours_ago": 6,
            },
            {
                "section": "bali",
                "slug": "subak-jatiluwih-panen",
                "title": "Petani subak Jatiluwih mulai panen raya",
                "kicker": "",
                "standfirst": "",
                "dateline": "Tabanan",
                "story_type": "berita",
                "authors": ["ni-luh-ayu"],
                "topics": [],
                "tags": ["Tabanan", "pertanian"],
                "paragraphs": [
                    "Petani di kawasan subak Jatiluwih memulai panen raya setelah musim tanam "
                    "yang cukup air.",
                ],
                "hours_ago": 26,
            },
            {
                "section": "lingkungan",
                "slug": "opini-kantong-plastik",
                "title": "Larangan kantong plastik butuh lebih dari sekadar aturan",
                "kicker": "",
                "standfirst": "Kebiasaan berubah ketika pilihan lain mudah didapat.",
                "dateline": "",
                "story_type": "opini",
                "authors": ["redaksi-balicitizen"],
                "topics": ["sampah-plastik"],
                "tags": ["sampah"],
                "paragraphs": [
                    "Aturan tentang kantong plastik sudah berlaku bertahun-tahun, tetapi pasar "
                    "tradisional masih memakainya setiap hari.",
                ],
                "hours_ago": 50,
            },
        ],
    },
    {
        "hostname": "pospapusa.localhost",
        "name": "PosPapusa",
        "slug": "pospapusa",
        "time_zone": "Asia/Jayapura",
        "tagline": PAPUA_TAGLINE,
        "default": False,
        "sections": [
            ("papua", "Papua", "Berita dari Tanah Papua."),
            ("pemerintahan", "Pemerintahan", "Kebijakan dan pelayanan publik."),
            ("lingkungan", "Lingkungan", "Hutan, sungai dan pesisir Papua."),
        ],
        "topics": [
            ("pemekaran-provinsi", "Provinsi baru", "Pelayanan publik di provinsi-provinsi baru."),
        ],
        "authors": [
            (
                "redaksi-pospapusa",
                "Redaksi PosPapusa",
                "Tim redaksi",
                "<p>Tim redaksi PosPapusa di Jayapura.</p>",
            ),
            (
                "yohanes-wenda",
                "Yohanes Wenda",
                "Reporter",
                "<p>Meliput pemerintahan dan pelayanan publik di pegunungan.</p>",
            ),
        ],
        "articles": [
            {
                "section": "papua",
                "slug": "festival-danau-sentani",
                "title": "Festival Danau Sentani kembali digelar dengan perahu hias",
                "kicker": "",
                "standfirst": "Warga kampung-kampung di tepi danau menyiapkan perahu sejak sebulan lalu.",
                "dateline": "Sentani",
                "story_type": "berita",
                "authors": ["redaksi-pospapusa"],
                "topics": [],
                "tags": ["Sentani", "budaya"],
                "paragraphs": [
                    "Festival Danau Sentani kembali digelar dengan parade perahu hias dari "
                    "kampung-kampung di tepi danau.",
                    "Panitia berharap festival ini menarik lebih banyak wisatawan ke Jayapura.",
                ],
                "image": ("danau-sentani", "Perahu hias di Danau Sentani", "Redaksi PosPapusa"),
                "video": ("Parade perahu hias di Danau Sentani", "Redaksi PosPapusa"),
                "hours_ago": 2,
            },
            {
                "section": "pemerintahan",
                "slug": "layanan-kependudukan-wamena",
                "title": "Layanan kependudukan keliling menjangkau distrik di sekitar Wamena",
                "kicker": "",
                "standfirst": "Warga tidak lagi harus menempuh perjalanan jauh untuk mengurus KTP.",
                "dateline": "Wamena",
                "story_type": "berita",
                "authors": ["yohanes-wenda"],
                "topics": ["pemekaran-provinsi"],
                "tags": ["Wamena", "pelayanan publik"],
                "paragraphs": [
                    "Petugas kependudukan membuka layanan keliling di beberapa distrik di "
                    "sekitar Wamena pekan ini.",
                    "Warga dapat membuat dan memperbarui kartu identitas di balai kampung.",
                ],
                "hours_ago": 8,
            },
            {
                "section": "lingkungan",
                "slug": "mangrove-teluk-youtefa",
                "title": "Warga tanam mangrove di Teluk Youtefa",
                "kicker": "",
                "standfirst": "",
                "dateline": "Jayapura",
                "story_type": "berita",
                "authors": ["yohanes-wenda", "redaksi-pospapusa"],
                "topics": [],
                "tags": ["mangrove"],
                "paragraphs": [
                    "Kelompok warga menanam bibit mangrove di pesisir Teluk Youtefa untuk "
                    "menahan abrasi.",
                ],
                "hours_ago": 30,
            },
            {
                "section": "pemerintahan",
                "slug": "analisis-anggaran-provinsi-baru",
                "title": "Anggaran provinsi baru: ke mana dana pelayanan mengalir",
                "kicker": "",
                "standfirst": "Membaca rencana belanja daerah untuk layanan kesehatan dan pendidikan.",
                "dateline": "Jayapura",
                "story_type": "analisis",
                "authors": ["redaksi-pospapusa"],
                "topics": ["pemekaran-provinsi"],
                "tags": ["anggaran"],
                "paragraphs": [
                    "Rencana belanja provinsi-provinsi baru menunjukkan porsi besar untuk "
                    "pembangunan kantor pemerintahan.",
                ],
                "hours_ago": 60,
            },
        ],
    },
]

DEMO_PASSWORD = "warta-demo"
# (username, group or None for the superuser)
DEMO_USERS = [
    ("admin", None),
    ("reporter", "Reporter"),
    ("editor", "Editor"),
    ("pemeriksa", "Fact-checker"),
]

# Where the local stories happened: (place name, latitude, longitude,
# regency/city, province, approximate). The opinion piece's point is
# approximate, as a protected source's would be.
PLACES = {
    "relawan-bersihkan-pantai-kuta": (
        "Pantai Kuta",
        -8.7185,
        115.1686,
        "Kabupaten Badung",
        "Bali",
        False,
    ),
    "antrean-pelabuhan-padangbai": (
        "Pelabuhan Padangbai",
        -8.5310,
        115.5090,
        "Kabupaten Karangasem",
        "Bali",
        False,
    ),
    "subak-jatiluwih-panen": (
        "Subak Jatiluwih",
        -8.3707,
        115.1317,
        "Kabupaten Tabanan",
        "Bali",
        False,
    ),
    "opini-kantong-plastik": ("Denpasar", -8.67052, 115.21263, "Kota Denpasar", "Bali", True),
    "festival-danau-sentani": (
        "Danau Sentani",
        -2.6069,
        140.5160,
        "Kabupaten Jayapura",
        "Papua",
        False,
    ),
    "layanan-kependudukan-wamena": (
        "Wamena",
        -4.0957,
        138.9457,
        "Kabupaten Jayawijaya",
        "Papua Pegunungan",
        False,
    ),
    "mangrove-teluk-youtefa": ("Teluk Youtefa", -2.5920, 140.7260, "Kota Jayapura", "Papua", False),
    "analisis-anggaran-provinsi-baru": (
        "Jayapura",
        -2.5337,
        140.7181,
        "Kota Jayapura",
        "Papua",
        False,
    ),
}

# Where the live updates happened: place name -> (latitude, longitude,
# regency/city, province).
LIVE_PLACES = {
    "Pantai Kuta": (-8.7185, 115.1686, "Kabupaten Badung", "Bali"),
    "Suwung": (-8.7283, 115.2187, "Kota Denpasar", "Bali"),
    "Pantai Legian": (-8.7045, 115.1660, "Kabupaten Badung", "Bali"),
}

# Live coverage on a topic hub: (site slug, topic slug, updates). An update:
# (minutes before now, headline, text, pinned, key event, place name).
LIVE_COVERAGES = [
    (
        "balicitizen",
        "sampah-plastik",
        [
            (
                180,
                "Aksi bersih Pantai Kuta dimulai",
                "Ratusan relawan berkumpul sejak pukul enam pagi membawa karung dan sarung tangan.",
                True,
                True,
                "Pantai Kuta",
            ),
            (
                120,
                "",
                "Petugas mencatat sampah plastik kiriman terbanyak terkumpul di sisi utara pantai.",
                False,
                False,
                "Pantai Kuta",
            ),
            (
                60,
                "Dua truk sampah diangkut",
                "Sampah yang terkumpul diangkut ke tempat pemilahan di Suwung.",
                False,
                True,
                "Suwung",
            ),
            (
                15,
                "",
                "Relawan mulai bergeser ke Pantai Legian untuk putaran kedua.",
                False,
                False,
                "Pantai Legian",
            ),
        ],
    ),
]
