"""Two editors on one article: the second saver is told, and nothing is silently overwritten."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from warta.articles.factories import make_author, make_section, make_site
from warta.articles.tests.test_permission_matrix import article_form, make_draft
from warta.people.factories import make_user

pytestmark = pytest.mark.django_db

WARNING = "menyimpan halaman ini"


@pytest.fixture
def article():
    section = make_section(make_site())
    return make_draft(section, make_user("penulis", "Reporter"), make_author(section.get_site()))


def editor(client_class, name):
    client = client_class()
    client.force_login(make_user(name, "Editor"))
    return client


def open_form(client, page):
    """GET the edit view, as a browser would, and keep the revision it was loaded at."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    return revision_inputs(html)


def revision_inputs(html):
    found = {}
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        match = re.search(rf'name="{name}" value="([^"]*)"', html)
        assert match, f"{name} missing from the edit form"
        found[name] = match.group(1)
    return found


def save(client, page, title, loaded, **extra):
    data = article_form(page, title=title, **loaded, **extra)
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def latest_title(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().title


def test_the_second_saver_is_refused_and_the_first_editors_version_survives(article):
    from django.test import Client

    first, second = editor(Client, "ani"), editor(Client, "budi")
    loaded_first, loaded_second = open_form(first, article), open_form(second, article)

    assert save(first, article, "Versi Ani", loaded_first).status_code == 302
    response = save(second, article, "Versi Budi", loaded_second)

    assert response.status_code == 200
    html = response.content.decode()
    assert WARNING in html and "ani" in html
    assert latest_title(article) == "Versi Ani"
    # What the second editor typed is still in the form they got back.
    assert 'value="Versi Budi"' in html

    # That form carries the newest revision: saving again from it is a deliberate overwrite.
    assert save(second, article, "Versi Budi", revision_inputs(html)).status_code == 302
    assert latest_title(article) == "Versi Budi"


def test_a_stale_publish_is_refused_too(article):
    from django.test import Client

    first, second = editor(Client, "ani"), editor(Client, "budi")
    loaded_first, loaded_second = open_form(first, article), open_form(second, article)
    save(first, article, "Versi Ani", loaded_first)

    response = save(second, article, "Versi Budi", loaded_second, **{"action-publish": "1"})

    assert response.status_code == 200 and WARNING in response.content.decode()
    article.refresh_from_db()
    assert not article.live
    assert latest_title(article) == "Versi Ani"


def test_a_stale_autosave_is_refused_by_wagtail(article):
    from django.test import Client

    first, second = editor(Client, "ani"), editor(Client, "budi")
    loaded_first, loaded_second = open_form(first, article), open_form(second, article)
    save(first, article, "Versi Ani", loaded_first)

    response = second.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form(article, title="Versi Budi", **loaded_second),
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert latest_title(article) == "Versi Ani"


def test_one_editor_saving_twice_in_a_row_is_not_refused(article):
    from django.test import Client

    client = editor(Client, "ani")
    assert save(client, article, "Pertama", open_form(client, article)).status_code == 302
    assert save(client, article, "Kedua", open_form(client, article)).status_code == 302
    assert latest_title(article) == "Kedua"
