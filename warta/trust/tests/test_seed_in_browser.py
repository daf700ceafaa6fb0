"""The seed-like article on a 360 px phone: its correction, its sources, the right of reply.

Saves test-artifacts/trust-article-360.png (look at it: nothing should be cut or overflow).
"""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.rich_text import RichText

from warta.articles.factories import make_article, make_author, publish
from warta.articles.models import StandingPage
from warta.people.factories import make_user
from warta.trust.corrections import add_note
from warta.trust.models import ArticleSource

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

PARAGRAPHS = [
    "Terlepas dari kata-kata keras ini, pemimpin Rusia itu puas dengan percakapan itu, "
    "menurut penasihat Kremlin Yuri Ushakov.",
    "Kanselir Rusia Ushakov mengatakan akan menjadi “kesalahan fatal” untuk menjatuhkan "
    "sanksi pada negaranya.",
]
CORRECTION = (
    "Berita ini menyebut Yuri Ushakov “Kanselir Rusia”. Itu keliru: Ushakov adalah "
    "penasihat kebijakan luar negeri Kremlin. Rusia tidak memiliki jabatan kanselir."
)


@pytest.fixture
def seed_like(site, section):
    author = make_author(site, "Redaksi BALICITIZEN")
    author.bio = "<p>Tim redaksi BALICITIZEN di Denpasar.</p>"
    author.save_revision().publish()
    home = site.root_page.specific
    publish(home, StandingPage(title="Pedoman media siber", slug="pedoman", role="pedoman"))
    publish(home, StandingPage(title="Kebijakan koreksi", slug="kebijakan", role="koreksi"))
    article = make_article(
        section,
        title="Putin menanggapi ‘memuaskan’ pembicaraan dengan Biden",
        kicker="bagian dalam",
        authors=[author],
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in PARAGRAPHS],
    )
    for kind, name, reason in [
        ("pernyataan-resmi", "Yuri Ushakov, penasihat kebijakan luar negeri Kremlin", ""),
        ("wawancara", "Pejabat senior AS", "Dengan syarat namanya tidak disebut."),
        ("pernyataan-resmi", "Volodymyr Zelensky, Presiden Ukraina, di Twitter", ""),
    ]:
        ArticleSource.objects.create(
            article=article, kind=kind, name=name, anonymous=bool(reason), anonymity_reason=reason
        )
    add_note(article, make_user("redaktur", "Editor"), "koreksi", CORRECTION)
    return article


def test_the_seed_article_with_its_correction_and_sources_on_a_phone(
    served_page, site, seed_like, get
):
    phone = served_page(
        site.hostname, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    phone.goto(f"http://{site.hostname}{seed_like.relative_url(site)}")

    note = phone.locator(".trust-top .trust-note")
    assert note.count() == 1
    assert note.locator(".trust-note-kind").inner_text().lower() == "koreksi"
    assert "WITA" in note.locator("time").inner_text()
    assert "penasihat kebijakan luar negeri Kremlin" in note.inner_text()
    assert phone.locator(".trust-count").inner_text() == "1 catatan koreksi"
    assert phone.locator(".trust-log-link a").get_attribute("href") == "/koreksi/"
    # The note comes before the story it corrects.
    assert phone.evaluate(
        "document.querySelector('.trust-top').compareDocumentPosition("
        "document.querySelector('.article-body')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    sources = phone.locator(".trust-sources")
    assert sources.inner_text().startswith("Sumber:")
    assert "Sumber anonim" in sources.inner_text()
    assert "Pejabat senior AS" not in phone.content()
    assert phone.locator(".trust-links a").all_inner_texts() == [
        "Pedoman redaksi",
        "Kebijakan koreksi",
    ]
    assert "Tim redaksi BALICITIZEN di Denpasar." in phone.locator(".trust-author").inner_text()

    # The right of reply comes from trust's replies (another part of issue 12): where its
    # contributor is registered, its area must be on the page and fit the phone too.
    replies = phone.locator(".article-replies")
    if "trust_replies" in get(seed_like.relative_url(site)).context:
        assert replies.count() == 1 and replies.is_visible()
    else:
        assert replies.count() == 0

    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    for selector in (".trust-top", ".trust-end"):
        box = phone.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
    assert phone.blocked == []
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / "trust-article-360.png", full_page=True)
