"""XML bombs are refused fast, in little memory, with a message that says why."""

import io
import time
import tracemalloc

import pytest

from warta.importers.wxr import WXRError, read_wxr

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss><channel><item><wp:post_id xmlns:wp="http://wordpress.org/export/1.2/">1</wp:post_id>
<title>&lol9;</title></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&secret;</title></item></channel></rss>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://127.0.0.1:8699/evil.dtd">
<rss><channel></channel></rss>"""


class HugeTextNode(io.RawIOBase):
    """An export whose one text node is 100 MB, produced as it is read, never held."""

    size = 100 * 1024 * 1024

    def __init__(self):
        self.parts = iter(
            [b'<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>']
            + [b"<content:encoded>"]
            + [b"a" * (1024 * 1024)] * (self.size // (1024 * 1024))
            + [b"</content:encoded></item></channel></rss>"]
        )

    def read(self, size=-1):
        return next(self.parts, b"")


def refuse(source):
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(WXRError) as refused:
            list(read_wxr(source))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return refused.value, time.monotonic() - started, peak


@pytest.mark.parametrize("bomb", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_entities_and_dtds_are_refused(bomb):
    error, seconds, peak = refuse(io.BytesIO(bomb))
    assert "DTD or entities" in str(error)
    assert seconds < 10
    assert peak < 256 * 1024 * 1024


def test_a_100_mb_text_node_is_refused_in_bounded_time_and_memory():
    error, seconds, peak = refuse(HugeTextNode())
    assert "longer than 8 MB" in str(error)
    assert seconds < 10
    assert peak < 256 * 1024 * 1024


@pytest.mark.django_db
@pytest.mark.parametrize("bomb", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_the_import_command_refuses_a_bomb_and_imports_nothing(run_import, tmp_path, bomb):
    from django.core.management.base import CommandError
    from wagtail.models import Page

    path = tmp_path / "bomb.xml"
    path.write_bytes(bomb)
    pages = Page.objects.count()
    started = time.monotonic()
    with pytest.raises(CommandError, match="Nothing imported: .*DTD or entities"):
        run_import(path)
    assert time.monotonic() - started < 10
    assert Page.objects.count() == pages
