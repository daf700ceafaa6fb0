"""The WXR parser reads an export into plain objects, without a database."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from warta.importers.wxr import Author, Item, Site, Term, WXRError, php_meta_string, read_wxr

FIXTURE = Path(__file__).parent / "fixtures" / "newsroom.xml"


def records():
    with FIXTURE.open("rb") as export:
        return list(read_wxr(export))


def items():
    return {record.post_id: record for record in records() if isinstance(record, Item)}


def test_the_channel_authors_and_terms_come_first():
    found = records()
    assert found[0] == Site(
        "Kabar Lama", "https://lama.example.id", "https://lama.example.id", "1.2"
    )
    assert [a.login for a in found if isinstance(a, Author)] == ["ayu", "yohanes"]
    terms = {t.slug: t for t in found if isinstance(t, Term)}
    assert terms["denpasar"] == Term("category", "denpasar", "Denpasar", "daerah", "")
    assert terms["banjir"].kind == "post_tag"


def test_a_post_keeps_its_fields():
    post = items()[101]
    assert post.post_type == "post"
    assert post.status == "publish"
    assert post.slug == "banjir-rendam-denpasar"
    assert post.date_gmt == datetime(2021, 12, 26, 6, 5, tzinfo=UTC)
    assert post.author == "ayu"
    assert post.categories == (("denpasar", "Denpasar"),)
    assert post.tags == (("banjir", "banjir"),)
    assert post.meta["_thumbnail_id"] == "201"
    assert post.comments == 2
    assert post.content.startswith("<!-- wp:paragraph -->")
    assert post.excerpt == "Dua kecamatan terendam."


def test_non_ascii_slugs_are_decoded_and_empty_dates_are_none():
    found = items()
    assert found[103].slug == "pertemuan-à-jenewa"
    assert found[104].date_gmt is None
    assert found[104].status == "draft"


def test_attachments_carry_their_file_and_metadata():
    photo = items()[201]
    assert photo.post_type == "attachment"
    assert photo.parent_id == 101
    assert photo.meta["_wp_attached_file"] == "2021/12/banjir.jpg"
    assert php_meta_string(photo.meta["_wp_attachment_metadata"], "credit") == (
        "Ni Luh Ayu/Kabar Lama"
    )


def test_the_parser_reads_in_small_chunks():
    with FIXTURE.open("rb") as export:
        assert [r.post_id for r in read_wxr(export, chunk=7) if isinstance(r, Item)] == list(
            items()
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not well-formed"),
        (b"<rss><channel><item>", "not well-formed"),
        (b"<html><body/></html>", "not <rss>"),
        (b"<rss><channel><item><title>x</title></item></channel></rss>", "wp:post_id"),
    ],
)
def test_what_is_not_an_export_is_refused_with_a_reason(data, message):
    with pytest.raises(WXRError, match=message):
        list(read_wxr(io.BytesIO(data)))
