"""Two snapshots made by the project's own build from the real files, compared end to end.

The older build reads the real files with two edits: ONS's claimant-count file without its
latest year, and Glasgow City's 2024 figure 0.4 higher. The newer build reads the real files
as they are. So the newer release adds a year for 33 areas and revises Glasgow's 2024 figure
back to what ONS publishes; the comparison, the page's items, a feed and a digest must say so.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from pathlib import Path

import feedparser
import pytest

from data_sources.offline.build_snapshot import build
from data_sources.release_delta import RELEASE_FILE, delta_from_json, embedded_release_file
from data_sources.snapshot import load_snapshot, write_snapshot
from indicators.catalogue import Catalogue
from indicators.release_news import NewsKind, compare_releases
from metadata.registry import Registry, load_registry
from reports.digest import digest_text
from reports.feeds import atom_feed
from reports.subscriptions import scope_for

pytestmark = pytest.mark.raw_data

CLAIMANT_FILE = "raw/ons_explore_local_statistics/claimant-count.csv"
GLASGOW = "S12000049"


def _edited_claimant_file(original: bytes) -> tuple[bytes, str]:
    text = original.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    latest = max(r["period"] for r in rows)
    kept = [r for r in rows if r["period"] != latest]
    before = sorted({r["period"] for r in kept})[-1]
    for row in kept:
        if row["areacd"] == GLASGOW and row["period"] == before:
            row["observation"] = f"{float(row['observation']) + 0.4:.1f}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    return ("\ufeff" + out.getvalue()).encode("utf-8"), before


def _registry_with(registry: Registry, path: str, sha256: str) -> Registry:
    sources = dict(registry.sources)
    for source_id, source in sources.items():
        if any(f.path == path for f in source.files):
            files = tuple(
                f.model_copy(update={"sha256": sha256}) if f.path == path else f
                for f in source.files
            )
            sources[source_id] = source.model_copy(update={"files": files})
    return registry.model_copy(update={"sources": sources})


@pytest.fixture(scope="module")
def two_builds(shared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    registry = load_registry()
    edited_dir = tmp_path_factory.mktemp("shared")
    for source in registry.sources.values():
        for declared in source.files:
            target = edited_dir / declared.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.symlink_to(shared_data_dir / declared.path)
    edited, revised_period = _edited_claimant_file((shared_data_dir / CLAIMANT_FILE).read_bytes())
    (edited_dir / CLAIMANT_FILE).unlink()
    (edited_dir / CLAIMANT_FILE).write_bytes(edited)
    older_registry = _registry_with(registry, CLAIMANT_FILE, hashlib.sha256(edited).hexdigest())

    dest = tmp_path_factory.mktemp("snapshots") / "snapshot"
    old_frame, old_manifest = build(edited_dir, older_registry)
    write_snapshot(
        old_frame, old_manifest, dest, release_file=embedded_release_file(old_frame, old_manifest)
    )
    new_frame, new_manifest = build(shared_data_dir, registry)
    write_snapshot(
        new_frame, new_manifest, dest, release_file=embedded_release_file(new_frame, new_manifest)
    )
    snapshot = load_snapshot(dest)
    delta = delta_from_json((dest / RELEASE_FILE).read_bytes())
    return Catalogue(registry, snapshot), delta, revised_period, old_frame


def test_the_comparison_finds_the_added_year_and_the_revision(two_builds) -> None:
    catalogue, delta, revised_period, _ = two_builds
    release = compare_releases(catalogue, delta)
    new = [i for i in release.items if i.kind is NewsKind.NEW_PERIOD]
    assert [i.indicator_id for i in new] == ["claimant_rate"]
    assert len(new[0].area_codes) == 33
    revised = [i for i in release.items if i.kind is NewsKind.REVISED]
    assert [(i.indicator_id, i.area_codes) for i in revised] == [("claimant_rate", (GLASGOW,))]
    published = catalogue.observations(
        "claimant_rate", area_codes=[GLASGOW], period=revised_period
    )["value"].iloc[0]
    assert f"to {published:.1f}% (-0.4 pp)" in revised[0].text
    # Each council's new year is judged against its previous year (administrative counts).
    changes = [i for i in release.items if i.kind is NewsKind.SIGNIFICANT_CHANGE]
    assert changes and all(i.indicator_id == "claimant_rate" for i in changes)


def test_the_older_release_is_rebuilt_exactly(two_builds) -> None:
    from data_sources.release_delta import rebuild_previous
    from data_sources.snapshot import observations_to_csv

    catalogue, delta, _, old_frame = two_builds
    rebuilt = rebuild_previous(catalogue.all_observations(), delta)
    assert observations_to_csv(rebuilt) == observations_to_csv(old_frame)


def test_feed_and_digest_carry_the_revision(two_builds) -> None:
    catalogue, delta, _, _ = two_builds
    release = compare_releases(catalogue, delta)
    parsed = feedparser.parse(atom_feed(scope_for(GLASGOW), [release], base_url="https://x.scot"))
    assert parsed.bozo == 0 and len(parsed.entries) == 1
    assert "Claimant rate, Glasgow City" in parsed.entries[0].content[0].value
    text = digest_text(
        scope_for(GLASGOW), [release], catalogue, date(2026, 1, 1), base_url="https://x.scot"
    )
    assert "Claimant rate, Glasgow City" in text and "Office for National Statistics" in text
