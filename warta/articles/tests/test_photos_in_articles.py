"""Photos in a story: modern formats, sized and lazy, credited, made before readers come."""

import re

import pytest
from wagtail.images.models import Filter
from wagtail.test.utils.form_data import streamfield

from warta.articles.factories import make_article, make_author
from warta.articles.tests.test_permission_matrix import article_form, make_draft, page_url
from warta.images.factories import make_image
from warta.images.renditions import BODY_PICTURE, GALLERY_PICTURE, filter_specs

pytestmark = pytest.mark.django_db


def test_body_image_is_a_picture_with_avif_webp_and_a_sized_lazy_jpeg(get, section):
    image = make_image(title="Pantai Kuta", credit="Made Wira", description="Pantai Kuta sore")
    article = make_article(section, body=[("image", {"image": image, "caption": "Sore di Kuta"})])

    html = get(article.url).content.decode()

    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert re.search(r'<source [^>]*type="image/avif"', picture)
    assert re.search(r'<source [^>]*type="image/webp"', picture)
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert 'loading="lazy"' in img and 'alt="Pantai Kuta sore"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert "400w" in img and "800w" in img and "1200w" in img and "sizes=" in img
    assert ".jpg" in img or ".jpeg" in img
    assert "Foto: Made Wira" in html
    assert "original_images" not in html and "private-media" not in html


def test_gallery_shows_each_photo_with_its_credit(get, section):
    photos = [make_image(title=f"Foto {i}", credit=f"Fotografer {i}") for i in (1, 2)]
    article = make_article(
        section,
        body=[("gallery", {"title": "Banjir", "images": [{"image": p} for p in photos]})],
    )

    html = get(article.url).content.decode()

    assert html.count("<picture>") == 2
    assert "Foto: Fotografer 1" in html and "Foto: Fotografer 2" in html


def test_first_image_renditions_are_made_when_the_article_is_published(
    section, django_capture_on_commit_callbacks
):
    image = make_image()
    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, body=[("image", {"image": image})])

    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert set(filter_specs(BODY_PICTURE)) <= made
    assert len(filter_specs(BODY_PICTURE)) == 9


def test_publish_time_specs_are_the_ones_the_templates_ask_for():
    # The templates spell the specs out; the task must make exactly those.
    assert Filter.expand_spec(["width-{400,800,1200}", "format-{avif,webp,jpeg}"]) == (
        filter_specs(BODY_PICTURE)
    )
    assert Filter.expand_spec(["fill-{400x300,800x600}", "format-{avif,webp,jpeg}"]) == (
        filter_specs(GALLERY_PICTURE)
    )


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", "x")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def body_with(image):
    return streamfield([("image", {"image": image.pk, "caption": "", "credit": ""})])


def test_an_uncredited_photo_stops_publishing_with_a_clear_message(editor_client, editor, section):
    image = make_image(title="Tanpa kredit", credit="", description="")
    draft = make_draft(section, editor, make_article_author(section))

    response = editor_client.post(
        page_url("edit", draft),
        article_form(draft, body=body_with(image), **{"action-publish": "1"}),
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Foto “Tanpa kredit” perlu kredit dan teks alternatif sebelum dapat diterbitkan." in text
    draft.refresh_from_db()
    assert not draft.live


def test_an_uncredited_photo_does_not_stop_saving_a_draft(editor_client, editor, section):
    image = make_image(title="Tanpa kredit", credit="", description="")
    draft = make_draft(section, editor, make_article_author(section))

    response = editor_client.post(
        page_url("edit", draft), article_form(draft, title="Draf foto", body=body_with(image))
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Draf foto"


def test_a_credited_photo_with_alt_text_publishes(editor_client, editor, section):
    image = make_image(credit="Made Wira", description="Pantai")
    draft = make_draft(section, editor, make_article_author(section))

    response = editor_client.post(
        page_url("edit", draft),
        article_form(draft, body=body_with(image), **{"action-publish": "1"}),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def make_article_author(section):
    return make_author(section.get_site())
