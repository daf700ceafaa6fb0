"""WARTA_PRIVATE_MEDIA_ROOT moves the private originals; unset, they sit beside MEDIA_ROOT."""

from pathlib import Path

from warta.core.tests.test_settings import run

PRINT_LOCATION = (
    "import django; django.setup(); from django.core.files.storage import storages; "
    "print(storages['private'].location)"
)


def private_location(**env):
    result = run(["-c", PRINT_LOCATION], **env)
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def test_unset_the_private_media_folder_is_beside_media_root(tmp_path):
    location = private_location(WARTA_DATA_DIR=str(tmp_path), WARTA_PRIVATE_MEDIA_ROOT="")
    assert location == tmp_path / "private-media"


def test_the_variable_moves_the_private_media_folder(tmp_path):
    elsewhere = tmp_path / "originals"
    location = private_location(
        WARTA_DATA_DIR=str(tmp_path / "data"), WARTA_PRIVATE_MEDIA_ROOT=str(elsewhere)
    )
    assert location == elsewhere
