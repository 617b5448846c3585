"""Our `st.components.v2` elements with their scripts served as files from the dashboard's own
origin, so the deployment's Content-Security-Policy lets them run.

Given its JavaScript inline, Streamlit 1.67 loads a component's script from a `blob:` URL,
which `script-src 'self'` (deploy/haproxy.cfg, the Kubernetes ingress) blocks: behind the
balancer the element never draws. A script given as a file under the component's declared
asset directory is loaded from `/_stcore/bidi-components/...` instead. Streamlit reads asset
directories only from installed packages' pyproject.toml, and the dashboard is not installed,
so this module declares `ui/static` to each runtime's component manager itself, through
`register_from_manifest`, which is not public API: the policy test in
tests/browser/test_cluster.py fails if an upgrade changes it.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any, Final

import streamlit as st
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager
from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest

PACKAGE: Final = "nolb"
UI_DIR: Final = Path(__file__).parent
ASSET_DIR: Final = "static"  # ui/static, relative to UI_DIR
# (manager, component) pairs already declared: a manager lives as long as its runtime.
_declared: weakref.WeakKeyDictionary[BidiComponentManager, set[str]] = weakref.WeakKeyDictionary()


def component(name: str, *, script: str, css: str) -> Any:
    """The component `nolb.<name>` whose script is the file ui/static/<script>.

    Called on every draw: the manager belongs to the running Streamlit runtime (a test run
    starts its own), so the declaration is made once per runtime, when first needed."""
    manager = get_bidi_component_manager()
    names = _declared.setdefault(manager, set())
    if name not in names:
        manager.register_from_manifest(
            ComponentManifest(PACKAGE, "1", [ComponentConfig(name, ASSET_DIR)]), UI_DIR
        )
        names.add(name)
    return st.components.v2.component(f"{PACKAGE}.{name}", js=script, css=css, isolate_styles=False)
