"""The static side of the balancer serves /downloads/ from the store version in use,
whole, and nothing else: no other path, no method but GET/HEAD, no symlink, FIFO or dot file."""

from __future__ import annotations

import http.client
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_sources.store import CURRENT_FILE, SNAPSHOTS_DIR
from serving.static_files import make_server
from tests.serving.store_versions import publish_version, version_files


@pytest.fixture(scope="module")
def published_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("store")
    publish_version(store, "2026-12-01")
    return store


@pytest.fixture
def store(published_store: Path, tmp_path: Path) -> Path:
    """A store of its own for each test (copied: publishing validates, which takes a while)."""
    copy = tmp_path / "store"
    shutil.copytree(published_store, copy, symlinks=True)
    return copy


@pytest.fixture
def static_server(store: Path) -> Iterator[tuple[str, int]]:
    server = make_server(store, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield "127.0.0.1", server.server_address[1]
    server.shutdown()
    server.server_close()


def request(address: tuple[str, int], path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection(*address, timeout=5)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def version_dir(store: Path) -> Path:
    return store / SNAPSHOTS_DIR / (store / CURRENT_FILE).read_text().strip()


def test_a_download_is_the_current_versions_file_as_an_attachment(static_server) -> None:
    status, headers, body = request(static_server, "/downloads/observations.csv")
    assert status == 200
    assert body == version_files("2026-12-01")["downloads/observations.csv"]
    assert headers["content-type"] == "text/csv; charset=utf-8"
    assert headers["content-disposition"] == 'attachment; filename="observations.csv"'
    assert headers["content-length"] == str(len(body))


def test_a_text_file_says_its_type(static_server) -> None:
    status, headers, body = request(static_server, "/downloads/README.txt")
    assert (status, body) == (200, b"Figures retrieved 2026-12-01.\n")
    assert headers["content-type"] == "text/plain; charset=utf-8"


def test_a_new_version_is_served_as_soon_as_current_points_at_it(store, static_server) -> None:
    first_etag = request(static_server, "/downloads/README.txt")[1]["etag"]
    publish_version(store, "2026-12-02")
    status, headers, body = request(static_server, "/downloads/README.txt")
    assert body == b"Figures retrieved 2026-12-02.\n"
    assert headers["etag"] != first_etag


def test_head_sends_no_body(static_server) -> None:
    status, headers, body = request(static_server, "/downloads/observations.csv", "HEAD")
    assert (status, body) == (200, b"")
    assert int(headers["content-length"]) > 1000


@pytest.mark.parametrize(
    "path",
    [
        "/downloads/",
        "/downloads",
        "/downloads/missing.csv",
        "/downloads/../manifest.json",
        "/downloads/..%2fmanifest.json",
        "/downloads/.hidden",
        "/downloads/sub/observations.csv",
        "/observations.csv",
        "/snapshots/",
        "/CURRENT",
        "/downloads/%2e%2e",
        "/feeds/claimant-count.xml",
        "//etc/passwd",
    ],
)
def test_anything_but_a_published_file_is_not_found(static_server, path: str) -> None:
    status, _, body = request(static_server, path)
    assert status == 404
    assert b"observations" not in body and b"snapshot" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_only_reading_is_allowed(static_server, method: str) -> None:
    status, headers, _ = request(static_server, "/downloads/observations.csv", method)
    assert status == 405
    assert headers["allow"] == "GET, HEAD"


def test_a_symlink_in_the_version_is_never_followed(store, static_server, tmp_path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("not for the public")
    (version_dir(store) / "downloads" / "link.csv").symlink_to(secret)
    assert request(static_server, "/downloads/link.csv")[0] == 404


def test_a_symlinked_public_folder_is_never_followed(store, static_server, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.csv").write_text("x")
    downloads = version_dir(store) / "downloads"
    for child in downloads.iterdir():
        child.unlink()
    downloads.rmdir()
    downloads.symlink_to(elsewhere)
    assert request(static_server, "/downloads/x.csv")[0] == 404


def test_a_fifo_never_blocks_the_server(store, static_server) -> None:
    os.mkfifo(version_dir(store) / "downloads" / "stuck.csv")
    assert request(static_server, "/downloads/stuck.csv")[0] == 404
    assert request(static_server, "/downloads/observations.csv")[0] == 200


def test_without_a_published_version_nothing_is_served(tmp_path: Path) -> None:
    server = make_server(tmp_path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        address = ("127.0.0.1", server.server_address[1])
        assert request(address, "/downloads/observations.csv")[0] == 404
        assert request(address, "/healthz")[:1] == (200,)
    finally:
        server.shutdown()
        server.server_close()
