"""Every old WordPress URL answers 301 to the story's new page."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from warta.importers.models import ImportedObject

pytestmark = pytest.mark.django_db


def new_url(kind, wp_id):
    return ImportedObject.objects.get(kind=kind, key=str(wp_id)).page.specific.url


@pytest.mark.parametrize(
    ("old", "kind", "wp_id"),
    [
        ("/2021/12/banjir-rendam-denpasar/", "post", 101),
        ("/2021/12/banjir-rendam-denpasar", "post", 101),
        ("/?p=101", "post", 101),
        ("/2021/12/gubernur-bertemu-nelayan/", "post", 102),
        ("/?p=102", "post", 102),
        # WordPress writes non-ASCII slugs percent-encoded in lower case, browsers in upper.
        ("/2021/12/pertemuan-%c3%a0-jenewa/", "post", 103),
        ("/2021/12/pertemuan-%C3%A0-jenewa/", "post", 103),
        ("/?p=103", "post", 103),
        ("/2099/12/tahun-baru-di-kuta/", "post", 105),
        ("/?page_id=2", "page", 2),
        # Attachment pages lead to the story they belong to.
        ("/2021/12/banjir-rendam-denpasar/banjir/", "post", 101),
        ("/?attachment_id=201", "post", 101),
        ("/?attachment_id=202", "post", 102),
    ],
)
def test_old_urls_answer_301_to_the_new_page(run_import, get, old, kind, wp_id):
    run_import()
    response = get(old)
    assert response.status_code == 301
    assert response["Location"] == new_url(kind, wp_id)


def test_the_new_pages_are_served(run_import, get):
    run_import()
    response = get(new_url("post", 103))
    assert response.status_code == 200
    assert "Para diplomat bertemu di Jenewa." in response.content.decode()


def test_drafts_get_no_redirect(run_import, get):
    run_import()
    assert not Redirect.objects.filter(old_path="/?p=104").exists()
    assert get("/?p=104").status_code == 200  # the home page, as for any unknown ?p=


def test_a_page_number_elsewhere_is_not_taken_for_a_wordpress_id(run_import, get, site):
    from warta.articles.factories import make_section

    make_section(site, "Hukum", "hukum")
    run_import()
    assert get("/hukum/?p=101").status_code == 200


@pytest.mark.parametrize("value", ["²", "١٠١", "1" * 40, "-1", ""])
def test_an_id_that_is_not_plain_ascii_digits_is_no_wordpress_id(get, site, value):
    assert get("/", data={"p": value}).status_code == 200
