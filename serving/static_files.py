"""The balancer's static side: /downloads/ served straight from the store version in use.

HAProxy is not a file server, so it routes /downloads/ here. Each request resolves the store's
CURRENT pointer once and reads from that one immutable version directory, so a file is always
whole and always from one version, even while a refresh publishes a new one:

    /downloads/<name>  ->  <store>/snapshots/<CURRENT>/downloads/<name>

(The Atom feeds at /feeds/ are built by the replicas from the snapshot in use: serve.py.)

Hardened because it faces the public through the balancer: loopback by default, GET and HEAD
only, flat file names from a short allow-list of characters (no directories, no dot files, no
`..`), regular files only (a symlink or FIFO is refused, never followed or opened for a
blocking read), no directory listings, bounded request time. Security headers are set at the
balancer; this server adds only what is specific to a file (type, length, caching, ETag).

Usage: python -m serving.static_files --store DIR [--host 127.0.0.1] [--port 8510]
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Final

from data_sources.snapshot import SnapshotError
from data_sources.store import (
    FILE_NAME_PATTERN,
    PUBLIC_FOLDERS,
    SNAPSHOTS_DIR,
    current_version,
    default_data_dir,
)

HEALTH_PATH: Final = "/healthz"
CONTENT_TYPES: Final = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/atom+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
}
CHUNK_BYTES: Final = 64 * 1024
REQUEST_TIMEOUT_SECONDS: Final = 15
CACHE_SECONDS: Final = 60  # short: the next refresh may replace the file behind the same name


class StoreFileNotFoundError(Exception):
    """The path names no published file in the version in use."""


def resolve(store: Path, url_path: str) -> tuple[str, Path]:
    """The version in use and the regular file a public path names, else StoreFileNotFoundError."""
    parts = url_path.split("?", 1)[0].split("/")
    if len(parts) != 3 or parts[0] != "" or parts[1] not in PUBLIC_FOLDERS:
        raise StoreFileNotFoundError(url_path)
    name = parts[2]
    if not FILE_NAME_PATTERN.match(name) or ".." in name:
        raise StoreFileNotFoundError(url_path)
    try:
        version = current_version(store)
    except (SnapshotError, OSError):
        version = None
    if version is None:
        raise StoreFileNotFoundError(url_path)
    version_dir = store / SNAPSHOTS_DIR / version
    path = version_dir / parts[1] / name
    for step in (version_dir, version_dir / parts[1], path):
        try:
            mode = os.lstat(step).st_mode
        except OSError:
            raise StoreFileNotFoundError(url_path) from None
        wanted = stat.S_ISREG if step == path else stat.S_ISDIR
        if not wanted(mode):  # a symlink anywhere, a FIFO or a device: never followed
            raise StoreFileNotFoundError(url_path)
    return version, path


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


class StoreFileHandler(BaseHTTPRequestHandler):
    """GET/HEAD of one published file; everything else is refused without detail."""

    server_version = "nolb-static"
    sys_version = ""
    timeout = REQUEST_TIMEOUT_SECONDS
    protocol_version = "HTTP/1.1"
    store: Path = Path()

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self._serve(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(body=False)

    def _refuse(self, status: HTTPStatus, body: bool) -> None:
        message = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(message)))
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", "GET, HEAD")
        self.end_headers()
        if body:
            self.wfile.write(message)

    def _method_not_allowed(self) -> None:
        self._refuse(HTTPStatus.METHOD_NOT_ALLOWED, body=True)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _method_not_allowed  # noqa: N815

    def _serve(self, body: bool) -> None:
        if self.path == HEALTH_PATH:
            self._send_bytes(b"ok\n", "text/plain; charset=utf-8", body)
            return
        try:
            version, path = resolve(self.store, self.path)
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except (StoreFileNotFoundError, OSError):
            self._refuse(HTTPStatus.NOT_FOUND, body)
            return
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                self._refuse(HTTPStatus.NOT_FOUND, body)
                return
            etag = f'"{version}-{path.name}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type(path))
            self.send_header("Content-Length", str(info.st_size))
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", f"public, max-age={CACHE_SECONDS}")
            if path.parent.name == "downloads":
                self.send_header("Content-Disposition", f'attachment; filename="{path.name}"')
            self.end_headers()
            if body:
                while chunk := handle.read(CHUNK_BYTES):
                    self.wfile.write(chunk)

    def _send_bytes(self, data: bytes, kind: str, body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def make_server(store: Path, host: str, port: int) -> ThreadingHTTPServer:
    """A threaded server for `store`, not yet serving (tests call serve_forever in a thread)."""
    handler = type("BoundStoreFileHandler", (StoreFileHandler,), {"store": store})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", type=Path, default=None, help="default: $NOLB_DATA_DIR")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8510)
    args = parser.parse_args(argv)
    store = args.store if args.store is not None else default_data_dir()
    server = make_server(store, args.host, args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
