"""Files served with byte ranges (RFC 9110 §14): what players need to seek.

The embedded default serves public media itself (images/views.py). Video
players that fall back to the MP4, and Safari for any video, ask for
`Range: bytes=…` and cannot seek — some will not play at all — without a 206.

One range per request: `bytes=A-B`, `bytes=A-` and the suffix `bytes=-N`. A
range that starts past the end is a 416 with `Content-Range: bytes */SIZE`.
A header we do not understand, several ranges, or an `If-Range` that does not
name the current file is answered with the whole file (200), which the RFC
allows. The bytes are streamed from the file, never read whole into memory.
"""

import mimetypes
import re
from email.utils import parsedate_to_datetime

from django.http import FileResponse, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.http import http_date
from django.views.static import was_modified_since

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    pass


def parse_range(header, size):
    """(start, end) inclusive for one byte range of a file of `size`; None: send it whole."""
    match = RANGE.match(header.strip().replace(" ", ""))
    if match is None:
        return None  # unknown unit, several ranges, or nonsense: ignored
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # suffix: the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None  # invalid: ignored, the whole file
    if start >= size:
        raise Unsatisfiable
    return start, min(end, size - 1)


def if_range_holds(request, mtime):
    """True when there is no If-Range, or it names the file as it is now (by date)."""
    value = request.headers.get("If-Range")
    if not value:
        return True
    if value.startswith(('"', "W/")):
        return False  # we send no ETags for media files: it cannot be ours
    try:
        return int(parsedate_to_datetime(value).timestamp()) == int(mtime)
    except (TypeError, ValueError, OverflowError, IndexError):
        return False


def read_range(handle, start, length):
    try:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()


def ranged_file_response(request, fullpath):
    """The file at `fullpath` (it exists and is a file), honouring Range and If-Modified-Since."""
    stat = fullpath.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        return HttpResponseNotModified()
    content_type, encoding = mimetypes.guess_type(str(fullpath))
    content_type = content_type or "application/octet-stream"
    size = stat.st_size
    byte_range = None
    header = request.headers.get("Range")
    if header and request.method in ("GET", "HEAD") and if_range_holds(request, stat.st_mtime):
        try:
            byte_range = parse_range(header, size)
        except Unsatisfiable:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            response["Accept-Ranges"] = "bytes"
            return response
    if byte_range is None:
        response = FileResponse(fullpath.open("rb"), content_type=content_type)
    else:
        start, end = byte_range
        length = end - start + 1
        response = StreamingHttpResponse(
            read_range(fullpath.open("rb"), start, length), status=206, content_type=content_type
        )
        response["Content-Length"] = str(length)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(stat.st_mtime)
    if encoding:
        response["Content-Encoding"] = encoding
    return response
