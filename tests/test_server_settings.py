"""What the server itself can do for security: `make run` binds loopback, and the Streamlit
settings that harden it are on (headers Streamlit cannot send are the load balancer's job)."""

from __future__ import annotations

import os
import subprocess
import tomllib

from tests.conftest import REPO_ROOT


def make_run_command(**env: str) -> str:
    """The command `make run` would run (make -n prints it without running anything)."""
    result = subprocess.run(
        ["make", "-n", "run"],
        cwd=REPO_ROOT,
        env=os.environ | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return next(line for line in result.stdout.splitlines() if "streamlit run serve.py" in line)


def test_make_run_binds_loopback_unless_an_address_is_given() -> None:
    assert make_run_command().endswith("--server.address 127.0.0.1")
    assert make_run_command(ADDRESS="0.0.0.0", PORT="8600").endswith(
        "--server.port 8600 --server.address 0.0.0.0"
    )


def test_streamlit_settings_harden_the_server() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server, client = config["server"], config["client"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["xsrfCookieSameSite"] in {"lax", "strict"}
    assert server["enableStaticServing"] is False
    assert server["enableAgentApi"] is False
    assert server["maxUploadSize"] == 1
    assert "address" not in server  # deployments choose; `make run` passes loopback
    assert client["showErrorDetails"] == "none"
    assert client["showErrorLinks"] is False
    assert config["browser"]["gatherUsageStats"] is False
