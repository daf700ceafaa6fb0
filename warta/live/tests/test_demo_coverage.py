"""The demo has a live coverage, loaded once however often `make demo` runs."""

import pytest
from django.core.management import call_command

from warta.live.models import LiveCoverage, LiveUpdate

pytestmark = pytest.mark.django_db


def test_demo_topic_carries_a_live_coverage_with_updates(client):
    call_command("load_demo", port=8000, stdout=None, stderr=None)
    call_command("load_demo", port=8000, stdout=None, stderr=None)

    coverage = LiveCoverage.objects.get()
    assert coverage.page.slug == "sampah-plastik"
    assert LiveUpdate.objects.count() == 4
    html = client.get("/topik/sampah-plastik/", HTTP_HOST="balicitizen.localhost").content.decode()
    assert "Aksi bersih Pantai Kuta dimulai" in html
    assert 'class="live-coverage"' in html
