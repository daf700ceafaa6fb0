"""Publishing, editing or deleting an update purges the page and the JSON endpoint
from the caches in front, through Wagtail's frontend_cache (HTTP PURGE here)."""

from warta.live import services
from warta.live.factories import make_update


def test_update_changes_purge_page_and_json(
    coverage, topic, purge_server, django_capture_on_commit_callbacks
):
    received = purge_server
    json_path = f"/live/{coverage.pk}/updates.json"
    with django_capture_on_commit_callbacks(execute=True):
        update = make_update(coverage)
    assert ("balicitizen.localhost", "/topik/banjir-bali/") in received
    assert ("balicitizen.localhost", json_path) in received

    for change in (services.edit, services.withdraw):
        received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change(update)
        assert {
            ("balicitizen.localhost", "/topik/banjir-bali/"),
            ("balicitizen.localhost", json_path),
        } <= set(received)


def test_nothing_is_purged_while_the_transaction_is_open(coverage, purge_server):
    received = purge_server
    make_update(coverage)
    assert received == []
