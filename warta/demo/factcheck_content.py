"""The demo's fact-checks (one Cek Fakta per site) and one published right of reply.

Called once by `load_demo` after the sites are loaded; safe to run again
(nothing is duplicated, and what editors changed since is left alone).
"""

from datetime import date, timedelta

from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from warta.articles.models import ArticleAuthor, ArticlePage, SectionPage, StoryType
from warta.people.models import AuthorPage
from warta.trust.factchecks import ClaimCheck
from warta.trust.replies import ReplyRequest

FACT_CHECKS = [
    {
        "hostname": "balicitizen.localhost",
        "section": "lingkungan",
        "slug": "cek-fakta-pantai-kuta-ditutup",
        "title": "Cek Fakta: Benarkah Pantai Kuta ditutup sebulan karena air laut beracun?",
        "standfirst": "Unggahan yang beredar di media sosial tidak didukung hasil uji air.",
        "dateline": "Kuta",
        "author": "ni-luh-ayu",
        "hours_ago": 5,
        "paragraphs": [
            "Sebuah unggahan di Facebook menyebut Pantai Kuta ditutup selama sebulan karena "
            "air lautnya mengandung zat berbahaya. Unggahan itu dibagikan ribuan kali.",
            "BALICITIZEN mendatangi Pantai Kuta pada Selasa pagi. Pantai tetap dibuka untuk "
            "umum; petugas penyelamat pantai berjaga seperti biasa.",
            "Petugas lingkungan hidup setempat mengatakan pengujian rutin kualitas air laut "
            "tidak menemukan kadar zat berbahaya di atas ambang batas. Yang ditutup sementara "
            "hanya satu ruas kecil pantai saat relawan mengangkut sampah kiriman.",
        ],
        "claim": {
            "claim": "Pantai Kuta ditutup selama sebulan karena air lautnya mengandung zat "
            "berbahaya.",
            "claimant": "Akun Facebook “Info Bali Terkini”",
            "claimant_type": ClaimCheck.ClaimantType.ORGANIZATION,
            "appearance": "Facebook",
            "days_ago": 2,
            "verdict": "Salah",
            "explanation": "Pantai Kuta tidak ditutup. Pengujian rutin kualitas air laut tidak "
            "menemukan zat berbahaya di atas ambang batas. Penutupan sementara hanya berlaku "
            "untuk satu ruas pantai selama pembersihan sampah kiriman, beberapa jam saja.",
            "evidence": "https://ppkl.menlhk.go.id/\nhttps://www.bmkg.go.id/",
        },
    },
    {
        "hostname": "pospapusa.localhost",
        "section": "papua",
        "slug": "cek-fakta-foto-banjir-sentani",
        "title": "Cek Fakta: Foto banjir bandang Sentani yang beredar adalah foto lama",
        "standfirst": "Foto itu diambil saat banjir bandang Maret 2019, bukan pekan ini.",
        "dateline": "Sentani",
        "author": "redaksi-pospapusa",
        "hours_ago": 9,
        "paragraphs": [
            "Sebuah pesan berantai di WhatsApp membagikan foto rumah-rumah yang tertimbun "
            "lumpur dan kayu dengan keterangan “banjir bandang Sentani hari ini”.",
            "PosPapusa menelusuri foto tersebut dengan pencarian gambar terbalik. Foto yang "
            "sama sudah dimuat berbagai media pada Maret 2019, saat banjir bandang melanda "
            "Sentani, Kabupaten Jayapura.",
            "Pekan ini hujan deras memang turun di sekitar Danau Sentani, tetapi petugas "
            "kebencanaan setempat tidak mencatat banjir bandang.",
        ],
        "claim": {
            "claim": "Foto rumah tertimbun lumpur dan kayu itu adalah banjir bandang Sentani "
            "hari ini.",
            "claimant": "Pesan berantai WhatsApp",
            "claimant_type": ClaimCheck.ClaimantType.ORGANIZATION,
            "appearance": "WhatsApp",
            "days_ago": 1,
            "verdict": "Menyesatkan",
            "explanation": "Fotonya asli, tetapi diambil saat banjir bandang Sentani pada "
            "Maret 2019. Menyebarkannya sebagai kejadian hari ini menyesatkan; pekan ini tidak "
            "tercatat banjir bandang di Sentani.",
            "evidence": "https://bnpb.go.id/\nhttps://www.bmkg.go.id/",
        },
    },
]

REPLY = {
    "hostname": "balicitizen.localhost",
    "article": "antrean-pelabuhan-padangbai",
    "reference": "HJ-2026-DEMQPDBR",
    "requester_name": "I Ketut Arsana, Humas pengelola Pelabuhan Padangbai",
    "contact": "humas.padangbai@example.org",
    "body": "Berita menyebut antrean mencapai beberapa kilometer. Menurut catatan kami antrean "
    "terpanjang sekitar 1,5 kilometer dan terurai dalam tiga jam setelah jadwal kapal ditambah.",
    "reply_text": "Pengelola Pelabuhan Padangbai menyampaikan bahwa antrean kendaraan pada Kamis "
    "sore paling panjang sekitar 1,5 kilometer, bukan beberapa kilometer, dan terurai dalam tiga "
    "jam setelah enam jadwal kapal tambahan dioperasikan. Penumpang tetap diimbau membeli tiket "
    "secara daring dan datang dua jam sebelum keberangkatan.",
}


def load_factcheck_demo():
    """One Cek Fakta per demo site and one published right of reply; returns pages created."""
    created = 0
    for spec in FACT_CHECKS:
        created += _fact_check(spec)
    _reply(REPLY)
    return created


def _home(hostname):
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    return site.root_page if site else None


def _fact_check(spec):
    home = _home(spec["hostname"])
    if home is None:
        return 0
    section = SectionPage.objects.child_of(home).filter(slug=spec["section"]).first()
    if section is None or ArticlePage.objects.child_of(section).filter(slug=spec["slug"]).exists():
        return 0
    author = AuthorPage.objects.descendant_of(home).filter(slug=spec["author"]).first()
    published = timezone.now() - timedelta(hours=spec["hours_ago"])
    claim = dict(spec["claim"])
    claim_date = date.today() - timedelta(days=claim.pop("days_ago"))
    page = ArticlePage(
        slug=spec["slug"],
        title=spec["title"],
        standfirst=spec["standfirst"],
        dateline=spec["dateline"],
        story_type=StoryType.FACT_CHECK,
        published_at=published,
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in spec["paragraphs"]],
    )
    page.article_authors = [ArticleAuthor(author=author)] if author else []
    page.claim_checks = [ClaimCheck(claim_date=claim_date, **claim)]
    section.add_child(instance=page)
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
    return 1


def _reply(spec):
    home = _home(spec["hostname"])
    if home is None or ReplyRequest.objects.filter(reference=spec["reference"]).exists():
        return
    article = ArticlePage.objects.descendant_of(home).filter(slug=spec["article"]).first()
    if article is None:
        return
    ReplyRequest.objects.create(
        article=article,
        reference=spec["reference"],
        kind=ReplyRequest.Kind.REPLY,
        requester_name=spec["requester_name"],
        contact=spec["contact"],
        body=spec["body"],
        status=ReplyRequest.Status.PUBLISHED,
        reply_text=spec["reply_text"],
        published_at=timezone.now() - timedelta(hours=2),
        address_hash="demo",
    )
