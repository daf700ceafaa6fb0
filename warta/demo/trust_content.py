"""The demo's sources and corrections (trust).

The seed article names its sources and gets the correction its own text needs:
its second paragraph calls Yuri Ushakov a Kremlin adviser, its sixth "Kanselir
Rusia" (Russia has no chancellor). The body stays as the seed page published
it; the note says which is right. Every other demo Berita and Analisis gets at
least one source, so an editor can publish it again from the admin.

Sources go into a new published revision (so the admin's edit form, which
starts from the latest revision, has them); the stories keep their dates.
Safe to run again: a story that has sources, or a note, is left as it is.
"""

from datetime import datetime

from django.contrib.auth import get_user_model

from warta.articles.models import ArticlePage
from warta.demo.content import SEED_SLUG
from warta.trust.corrections import add_note
from warta.trust.models import ArticleSource

# slug: [(kind, name, url, anonymous reason or "")]
SOURCES = {
    SEED_SLUG: [
        ("pernyataan-resmi", "Yuri Ushakov, penasihat kebijakan luar negeri Kremlin", "", ""),
        (
            "wawancara",
            "Pejabat senior AS",
            "",
            "Memberi keterangan kepada wartawan dengan syarat namanya tidak disebut.",
        ),
        ("pernyataan-resmi", "Volodymyr Zelensky, Presiden Ukraina, di Twitter", "", ""),
    ],
    "pertempuran-donbass": [("wawancara", "Analis militer", "", "")],
    "relawan-bersihkan-pantai-kuta": [
        ("liputan-langsung", "", "", ""),
        ("wawancara", "Petugas kebersihan Pantai Kuta", "", ""),
    ],
    "antrean-pelabuhan-padangbai": [
        ("liputan-langsung", "", "", ""),
        ("pernyataan-resmi", "Pengelola Pelabuhan Padangbai", "", ""),
    ],
    "subak-jatiluwih-panen": [("liputan-langsung", "", "", "")],
    "festival-danau-sentani": [
        ("liputan-langsung", "", "", ""),
        ("pernyataan-resmi", "Panitia Festival Danau Sentani", "", ""),
    ],
    "layanan-kependudukan-wamena": [
        ("pernyataan-resmi", "Dinas Kependudukan dan Pencatatan Sipil setempat", "", "")
    ],
    "mangrove-teluk-youtefa": [("liputan-langsung", "", "", "")],
    "analisis-anggaran-provinsi-baru": [
        ("dokumen", "Rencana belanja daerah provinsi-provinsi baru", "", "")
    ],
}

SEED_CORRECTION = (
    "Berita ini menyebut Yuri Ushakov “Kanselir Rusia”. Itu keliru: Ushakov adalah "
    "penasihat kebijakan luar negeri Kremlin, seperti disebut di paragraf kedua. "
    "Rusia tidak memiliki jabatan kanselir."
)
# Jumat, 31 Desember 2021 12.30 WITA: a few hours after the story went out.
SEED_CORRECTION_AT = datetime.fromisoformat("2021-12-31T04:30:00+00:00")


def add_sources(page, sources):
    """A new published revision of `page` with `sources`; its dates stay as they were."""
    if page.sources.exists() or page.has_unpublished_changes:
        return False
    dates = {
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }
    draft = page.get_latest_revision_as_object()
    draft.sources = [
        ArticleSource(
            kind=kind, name=name, url=url, anonymous=bool(reason), anonymity_reason=reason
        )
        for kind, name, url, reason in sources
    ]
    draft.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(**dates)
    return True


def load_trust():
    """Sources on the demo's stories and the seed article's correction; returns how many added."""
    added = 0
    for slug, sources in SOURCES.items():
        for page in ArticlePage.objects.filter(slug=slug):
            added += add_sources(page, sources)
    editor = get_user_model().objects.filter(username="editor").first()
    for page in ArticlePage.objects.filter(slug=SEED_SLUG):
        if not page.correction_notes.exists():
            add_note(page, editor, "koreksi", SEED_CORRECTION, created_at=SEED_CORRECTION_AT)
            added += 1
    return added
