"""Agencies put credit and caption in IPTC (inside the JPEG's Photoshop block)."""

import io
import struct

from PIL import Image

from warta.images.factories import photo_bytes
from warta.images.metadata import read_metadata


def iptc_jpeg(byline, credit, caption):
    def dataset(number, value):
        data = value.encode()
        return b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(data)) + data

    iptc = dataset(80, byline) + dataset(110, credit) + dataset(120, caption)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc))
    resource += iptc + (b"\x00" if len(iptc) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    jpeg = photo_bytes(point=None)
    return jpeg[:2] + segment + jpeg[2:]  # right after the start-of-image marker


def test_iptc_credit_and_caption_are_read():
    data = iptc_jpeg("Budi Santoso", "Antara Foto", "Warga mengungsi di Sentani")
    found = read_metadata(Image.open(io.BytesIO(data)))
    assert found.credit == "Antara Foto"
    assert found.caption == "Warga mengungsi di Sentani"


def test_iptc_byline_is_the_credit_when_there_is_no_credit_field():
    data = iptc_jpeg("Budi Santoso", "", "Banjir")
    assert read_metadata(Image.open(io.BytesIO(data))).credit == "Budi Santoso"
