"""Real HTTP servers on 127.0.0.1 (ports 8600–8699) serving fixed bytes to the feed tests.

They run in a thread and never touch the database, so the tests stay plain
(rolled-back) database tests.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTS = range(8600, 8700)


class Served:
    """A server answering `routes[path] = (status, headers, body)`; `hits` counts requests."""

    def __init__(self, routes):
        self.routes = routes
        self.hits = []
        served = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                served.hits.append((self.path, dict(self.headers)))
                route = served.routes.get(self.path)
                if callable(route):
                    route = route(self)
                status, headers, body = route or (404, {}, b"")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port in 8600–8699")
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def trusted(self):
        """Its address, for the fetcher's first hop only."""
        return frozenset({("127.0.0.1", self.port)})

    def close(self):
        self.server.shutdown()
        self.server.server_close()
