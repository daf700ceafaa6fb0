from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from warta.images.factories import photo_bytes

FIXTURE = Path(__file__).parent / "fixtures" / "newsroom.xml"


@pytest.fixture
def media_dir(tmp_path):
    """The export's wp-content/uploads/: one JPEG and one PNG."""
    uploads = tmp_path / "uploads" / "2021" / "12"
    uploads.mkdir(parents=True)
    (uploads / "banjir.jpg").write_bytes(photo_bytes(size=(800, 500), point=None))
    (uploads / "nelayan.png").write_bytes(
        photo_bytes(size=(600, 400), image_format="PNG", point=None)
    )
    return tmp_path / "uploads"


@pytest.fixture
def run_import(site, media_dir):
    """`run_import(path=FIXTURE, **options)`: the command's stdout."""

    def run(path=FIXTURE, **options):
        options.setdefault("media_dir", str(media_dir))
        out = StringIO()
        call_command(
            "import_wordpress",
            str(path),
            site=site.hostname,
            stdout=out,
            stderr=StringIO(),
            **options,
        )
        return out.getvalue()

    return run
