"""The layers flow one way, and only the UI layer knows Streamlit (an AST walk, no imports run).

geo is the base; metadata (the registry) builds on it; data_sources on both; indicators on
data_sources; reports (feeds, digests and briefing packs, no Streamlit) on indicators; ui on
reports; pages/ and app.py only arrange, reading data through ui and indicators, never a file
path or data_sources directly.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> packages it may import (besides itself and third-party libraries)
ALLOWED: dict[str, set[str]] = {
    "geo": set(),
    "metadata": {"geo"},  # the registry checks area codes against geo's one pattern
    "data_sources": {"geo", "metadata"},
    "indicators": {"geo", "metadata", "data_sources"},
    "reports": {"geo", "metadata", "data_sources", "indicators"},
    "ui": {"geo", "metadata", "data_sources", "indicators", "reports"},
    # Serving the app (the cluster supervisor, the static store files): beside the app, reading
    # the store through data_sources, never the pages or the UI.
    "serving": {"geo", "metadata", "data_sources"},
}
SCRIPTS_MAY_IMPORT = {"ui", "indicators", "geo", "metadata"}
PROJECT_PACKAGES = set(ALLOWED)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_lower_layers(package: str) -> None:
    offenders = []
    for path in python_files(package):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in PROJECT_PACKAGES and top != package and top not in ALLOWED[package]:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


@pytest.mark.parametrize(
    "package", ["geo", "metadata", "data_sources", "indicators", "reports", "serving"]
)
def test_domain_and_data_layers_never_import_streamlit(package: str) -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in python_files(package)
        if any(m.split(".")[0] == "streamlit" for m in imported_modules(path))
    ]
    assert offenders == []


# data_sources has a shared core and two wings: the wings build on the core, never on each
# other, and the core knows neither (so the live refresh cannot lean on the offline build).
WING_MAY_NOT_IMPORT: dict[str, set[str]] = {
    "core": {"data_sources.offline", "data_sources.live"},
    "offline": {"data_sources.live"},
    "live": {"data_sources.offline"},
}


def data_sources_wing(path: Path) -> str:
    parts = path.relative_to(ROOT / "data_sources").parts
    return parts[0] if len(parts) > 1 and parts[0] in ("offline", "live") else "core"


def wing_offenders(paths: list[Path]) -> list[str]:
    offenders = []
    for path in paths:
        forbidden = WING_MAY_NOT_IMPORT[data_sources_wing(path)]
        for module in imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    return offenders


def test_data_sources_wings_build_only_on_the_core() -> None:
    paths = python_files("data_sources")
    assert {data_sources_wing(p) for p in paths} == {"core", "offline", "live"}
    assert wing_offenders(paths) == []


def test_the_wing_checker_would_catch_a_crossing() -> None:
    """Guard the guard: a live module importing the offline build is reported."""
    live = ROOT / "data_sources" / "live"
    crossing = live / "_crossing_probe.py"
    crossing.write_text("from data_sources.offline.build_snapshot import build\n")
    try:
        assert wing_offenders([crossing]) == [
            "data_sources/live/_crossing_probe.py imports data_sources.offline.build_snapshot"
        ]
    finally:
        crossing.unlink()


def page_scripts() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


@pytest.mark.parametrize("script", page_scripts(), ids=lambda p: p.name)
def test_pages_read_data_only_through_the_interface(script: Path) -> None:
    modules = imported_modules(script)
    project = {m for m in modules if m.split(".")[0] in PROJECT_PACKAGES}
    assert {m.split(".")[0] for m in project} <= SCRIPTS_MAY_IMPORT, project
    source = script.read_text(encoding="utf-8")
    for forbidden in ("open(", "read_csv", "read_excel", "Path(", "pathlib"):
        assert forbidden not in source, f"{script.name} uses {forbidden}"


def test_the_checker_would_catch_a_violation(tmp_path: Path) -> None:
    """Guard the guard: a streamlit import in a data module is detected."""
    bad = tmp_path / "bad.py"
    bad.write_text("import streamlit as st\nfrom data_sources.snapshot import load_snapshot\n")
    assert {"streamlit", "data_sources.snapshot"} <= imported_modules(bad)


@pytest.mark.parametrize(
    "script", [*page_scripts(), *python_files("ui")], ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_text_is_rendered_as_unsafe_html(script: Path) -> None:
    """Publisher wording and URL input reach the page as text, never as raw HTML."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "unsafe_allow_html":
            assert isinstance(node.value, ast.Constant) and node.value.value is False, script
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "html"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "st"
        ):
            # The one allowed use: the app's constant stylesheet (ui.theme.GLOBAL_CSS).
            argument = node.args[0] if node.args else None
            assert isinstance(argument, ast.Attribute) and argument.attr == "GLOBAL_CSS", script
