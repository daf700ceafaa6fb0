"""Running an import again updates what changed and nothing else."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from warta.images.models import WartaImage
from warta.importers.models import ImportedObject

from .conftest import FIXTURE

pytestmark = pytest.mark.django_db


def state():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Redirect.objects.count(),
        WartaImage.objects.count(),
        list(Page.objects.order_by("pk").values_list("pk", "title", "live", "latest_revision")),
        list(Redirect.objects.order_by("pk").values_list("old_path", "redirect_page")),
    )


def test_a_second_run_changes_nothing(run_import):
    run_import()
    before = state()
    output = run_import()
    assert state() == before
    assert "posts unchanged: 5" in output
    assert "pages unchanged: 1" in output
    assert "images unchanged: 2" in output


def test_a_changed_post_is_updated_in_place(run_import, tmp_path):
    run_import()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        FIXTURE.read_text(encoding="utf-8").replace("Banjir rendam Denpasar", "Banjir surut"),
        encoding="utf-8",
    )
    output = run_import(changed)
    assert "posts updated: 1" in output
    assert "posts unchanged: 4" in output
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions + 1
    flood = ImportedObject.objects.get(kind="post", key="101").page.specific
    assert flood.title == "Banjir surut"
    assert flood.live


def test_a_file_that_breaks_half_way_imports_nothing(run_import, tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    broken = tmp_path / "broken.xml"
    # Cut inside the last items: the first ones are fine, the file is not.
    broken.write_text(text[: text.index("<title>Tentang kami</title>")], encoding="utf-8")
    pages = Page.objects.count()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Nothing imported: The export is not well-formed"):
        run_import(broken)
    assert Page.objects.count() == pages
    assert not ImportedObject.objects.exists()
