"""Editors import a WordPress export from the admin and follow its progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from warta.articles.models import ArticlePage
from warta.importers.models import ImportRun
from warta.people.factories import make_user
from warta.people.roles import EDITOR, REPORTER

from .conftest import FIXTURE

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(make_user("editor", EDITOR))
    return client


def upload(data=None, name="export.xml"):
    return SimpleUploadedFile(name, data if data is not None else FIXTURE.read_bytes())


def test_an_editor_imports_an_export_and_sees_the_report(
    editor, site, django_capture_on_commit_callbacks
):
    assert editor.get(reverse("wordpress_import")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wordpress_import"), {"file": upload(), "site": site.pk, "section_map": ""}
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wordpress_import_run", args=[run.pk])
    assert run.state == ImportRun.State.DONE
    assert (run.done, run.total) == (8, 8)
    assert run.counts["posts created"] == 5
    assert ArticlePage.objects.count() == 5
    page = editor.get(response["Location"]).content.decode()
    assert "posts created" in page
    assert "shortcode [contact-form-7] removed" in page
    assert "8 dari 8" in page


def test_a_file_that_is_not_an_export_is_refused_with_a_message(editor, site):
    response = editor.post(
        reverse("wordpress_import"),
        {"file": upload(b"%PDF-1.4 not xml", "export.pdf"), "site": site.pk},
    )
    assert response.status_code == 400
    assert "Ini bukan berkas ekspor WordPress" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_bad_section_map_is_refused_line_by_line(editor, site):
    response = editor.post(
        reverse("wordpress_import"),
        {"file": upload(), "site": site.pk, "section_map": "daerah = tidak-ada\nrusak"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Baris 1" in content
    assert "Baris 2" in content


def test_a_bomb_uploaded_fails_the_run_and_imports_nothing(
    editor, site, django_capture_on_commit_callbacks
):
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>'
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("wordpress_import"), {"file": upload(bomb), "site": site.pk})
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED
    assert "DTD or entities" in run.error
    assert not ArticlePage.objects.exists()


def test_reporters_cannot_import(client, site):
    client.force_login(make_user("reporter", REPORTER))
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    response = client.get(reverse("wordpress_import"))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(reverse("wordpress_import"), {"file": upload(), "site": site.pk})
    assert response.status_code == 302
    assert not ImportRun.objects.exists()
