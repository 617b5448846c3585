"""Docs that cannot drift (Datasette's way): what the code reads, offers or holds is in the README.

Every environment variable the code reads, every make target, every command-line flag and every
package must be named in README.md; a new one without a line there fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
SKIP_DIRS = {".venv", ".git", "__pycache__", "node_modules", "bench-results"}
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^CI$")
OUR_PREFIXES = ("NOLB_", "NOMIS_")


def python_files() -> list[Path]:
    return [
        path
        for path in REPO_ROOT.rglob("*.py")
        if not SKIP_DIRS & set(path.relative_to(REPO_ROOT).parts)
    ]


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id in {"environ", "env"}
    )


def environment_variables_read(path: Path) -> set[str]:
    """Names read from the environment: os.environ[...] / .get(...), os.getenv(...), and our
    own NOLB_/NOMIS_ settings named as constants (read through a mapping of names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        key: ast.AST | None = None
        if isinstance(node, ast.Subscript) and _is_environ(node.value):
            key = node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "get" and _is_environ(node.func.value) and node.args:
                key = node.args[0]
            elif node.func.attr == "getenv" and node.args:
                key = node.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith(OUR_PREFIXES)
            and ENV_NAME.match(node.value)
        ):
            names.add(node.value)
        if (  # a declared list of setting names, read one by one (e.g. BASE_URL_SETTINGS)
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id.endswith("SETTINGS") for t in node.targets)
            and isinstance(node.value, ast.Tuple)
        ):
            names |= {e.value for e in node.value.elts if isinstance(e, ast.Constant)}
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id.endswith("SETTINGS")
            and isinstance(node.value, ast.Tuple)
        ):
            names |= {e.value for e in node.value.elts if isinstance(e, ast.Constant)}
    return {n for n in names if ENV_NAME.match(n)}


def test_every_environment_variable_is_documented() -> None:
    found: dict[str, str] = {}
    for path in python_files():
        if "tests" in path.relative_to(REPO_ROOT).parts and path.name.startswith("test_"):
            continue  # tests set variables for the code; the code's reads are what count
        for name in environment_variables_read(path):
            found.setdefault(name, str(path.relative_to(REPO_ROOT)))
    assert {"NOLB_DATA_DIR", "SHARED_DATA_DIR"} <= set(found)  # the finder finds
    missing = {name: where for name, where in found.items() if f"`{name}" not in README}
    assert missing == {}, "document these in README.md (as `NAME`)"


def make_targets() -> list[str]:
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    return re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE)


def test_every_make_target_is_documented() -> None:
    targets = make_targets()
    assert {"run", "test", "snapshot"} <= set(targets)
    assert [t for t in targets if f"make {t}" not in README] == []


def command_line_flags() -> dict[str, str]:
    flags: dict[str, str] = {}
    for path in python_files():
        if "tests" in path.relative_to(REPO_ROOT).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_argument"
            ):
                for argument in node.args:
                    if isinstance(argument, ast.Constant) and str(argument.value).startswith("--"):
                        flags.setdefault(str(argument.value), str(path.relative_to(REPO_ROOT)))
    return flags


def test_every_command_line_flag_is_documented() -> None:
    flags = command_line_flags()
    assert "--format" in flags
    missing = {flag: where for flag, where in flags.items() if flag not in README}
    assert missing == {}


def packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in REPO_ROOT.glob("*/__init__.py")
        if path.parent.name not in SKIP_DIRS and path.parent.name != "tests"
    ) + ["pages", "scripts"]


@pytest.mark.parametrize("package", packages())
def test_the_layout_table_names_every_package(package: str) -> None:
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    assert f"`{package}/" in layout
