"""Importing the newsroom fixture: what it becomes, field by field."""

from datetime import UTC, datetime

import pytest
from wagtail.models import Page

from warta.articles.models import ArticlePage, SectionPage, StandingPage
from warta.images.models import WartaImage
from warta.importers.models import ImportedObject
from warta.people.models import AuthorPage, User

pytestmark = pytest.mark.django_db


def article(wp_id):
    return ImportedObject.objects.get(kind="post", key=str(wp_id)).page.specific


def test_everything_in_the_export_arrives_once(run_import):
    output = run_import()
    assert ArticlePage.objects.count() == 5
    assert StandingPage.objects.count() == 1
    assert sorted(AuthorPage.objects.values_list("title", flat=True)) == [
        "Ni Luh Ayu",
        "Yohanes Wenda",
    ]
    assert WartaImage.objects.count() == 2
    assert "comments ignored: 2" in output
    assert "skipped nav_menu_item: 1" in output
    assert "posts created: 5" in output


def test_categories_become_sections_and_the_rest_tags(run_import, site):
    output = run_import()
    sections = SectionPage.objects.child_of(site.root_page)
    assert sorted(sections.values_list("slug", flat=True)) == ["daerah", "internasional"]
    # A nested category's post goes to its top-level category's section.
    flood = article(101)
    assert flood.get_parent().slug == "daerah"
    assert sorted(tag.name for tag in flood.tags.all()) == ["Denpasar", "banjir"]
    assert [t.name for t in article(102).tags.all()] == ["Lain-lain"]
    assert "category daerah: not in the section map: section “Daerah” created" in output


def test_a_section_map_sends_categories_to_existing_sections(run_import, site, tmp_path):
    from warta.articles.factories import make_section

    bali = make_section(site, "Bali", "bali")
    mapping = tmp_path / "sections.json"
    mapping.write_text('{"daerah": "bali"}')
    run_import(sections=str(mapping))
    assert article(101).get_parent().pk == bali.pk
    assert article(102).get_parent().pk == bali.pk
    assert article(103).get_parent().slug == "internasional"


def test_a_published_post_keeps_its_date_author_and_photos(run_import):
    run_import()
    flood = article(101)
    assert flood.live
    assert flood.title == "Banjir rendam Denpasar"
    assert flood.slug == "banjir-rendam-denpasar"
    assert flood.published_at == datetime(2021, 12, 26, 6, 5, tzinfo=UTC)
    assert flood.first_published_at == datetime(2021, 12, 26, 6, 5, tzinfo=UTC)
    assert flood.standfirst == "Dua kecamatan terendam."
    assert [a.author.title for a in flood.article_authors.all()] == ["Ni Luh Ayu"]
    photo = flood.lead_image
    assert photo.credit == "Ni Luh Ayu/Kabar Lama"
    assert photo.caption == "Jalan Gatot Subroto tergenang setelah hujan deras."
    assert photo.description == "Jalan tergenang air"
    assert (photo.width, photo.height) == (800, 500)


def test_gutenberg_blocks_become_body_blocks(run_import):
    run_import()
    body = article(101).body
    assert [block.block_type for block in body] == [
        "paragraph", "heading", "image", "quote", "embed", "paragraph", "paragraph"
    ]  # fmt: skip
    assert body[0].value.source == (
        "<p>Hujan deras sejak <strong>Sabtu malam</strong> merendam dua kecamatan.</p>"
    )
    assert body[1].value["text"] == "Warga mengungsi"
    assert body[2].value["image"].pk == article(101).lead_image.pk
    assert body[2].value["caption"] == "Jalan Gatot Subroto tergenang."
    assert body[3].value["quote"] == "Air naik dalam satu jam."
    assert body[3].value["attribution"] == "Made Sudarma, warga"
    assert body[4].value["embed"].url == "https://www.youtube.com/watch?v=abc123"
    # The unknown table block is kept as sanitised HTML; the script is gone.
    assert "Kecamatan" in body[5].value.source
    assert "<script" not in "".join(str(block.value) for block in body)


def test_classic_html_and_shortcodes_become_body_blocks(run_import):
    output = run_import()
    body = article(102).body
    assert [block.block_type for block in body] == [
        "paragraph", "image", "heading", "paragraph", "embed", "gallery", "paragraph", "quote"
    ]  # fmt: skip
    assert body[1].value["caption"] == "Nelayan menarik jaring. Foto: Yohanes"
    assert body[1].value["image"].title == "Nelayan"
    assert body[2].value["level"] == "h3"
    assert body[3].value.source == "<p>Nelayan mengeluhkan harga solar<br>yang naik dua kali.</p>"
    assert body[4].value["embed"].url == "https://twitter.com/kabarlama/status/1"
    assert [i["image"].title for i in body[5].value["images"]] == ["Foto banjir", "Nelayan"]
    assert "shortcode [contact-form-7] removed" in output
    assert "shortcode [pullout] not converted; its text is kept" in output


def test_drafts_stay_drafts_and_scheduled_posts_stay_scheduled(run_import):
    run_import()
    draft = article(104)
    assert not draft.live
    assert draft.has_unpublished_changes
    assert draft.slug == "draf-jalan-rusak"
    scheduled = article(105)
    assert not scheduled.live
    assert scheduled.go_live_at == datetime(2099, 12, 31, 12, tzinfo=UTC)
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at


def test_pages_become_standing_pages(run_import, site):
    run_import()
    about = StandingPage.objects.get()
    assert about.get_parent().pk == site.root_page.pk
    assert about.slug == "tentang-kami"
    assert about.body[0].value.source == "<p>Kabar Lama adalah media lokal di Bali.</p>"


def test_non_ascii_slugs_survive(run_import):
    run_import()
    assert article(103).slug == "pertemuan-à-jenewa"


def test_users_are_created_only_when_asked(run_import):
    run_import()
    assert not User.objects.exists()
    run_import(create_users=True)
    ayu = AuthorPage.objects.get(title="Ni Luh Ayu").user
    assert (ayu.username, ayu.email) == ("ayu", "ayu@lama.example.id")
    assert not ayu.has_usable_password()


def test_without_media_the_stories_arrive_and_the_photos_are_reported(run_import):
    output = run_import(media_dir=None)
    assert WartaImage.objects.count() == 0
    assert article(101).lead_image is None
    assert "image" not in [block.block_type for block in article(101).body]
    assert "no file for it in the media folder (2021/12/banjir.jpg)" in output


def test_a_dry_run_saves_nothing(run_import):
    pages = Page.objects.count()
    output = run_import(dry_run=True)
    assert "Dry run" in output
    assert Page.objects.count() == pages
    assert not ImportedObject.objects.exists()
