"""Settings for the live refresh, so base URLs, the API key and the cache move without code edits.

Every value has a default that points at the real public service. Environment variables
override them (`Settings.from_env`); tests build a `Settings` directly and point every base URL
at a local server. The NOMIS API key is kept out of `repr` so it never reaches a log or a
traceback by accident.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import platformdirs

APP_NAME: Final = "nolb-dashboard"
USER_AGENT: Final = (
    "nolb-dashboard/0.1 (No One Left Behind labour-market dashboard for Scotland; "
    "refreshes official statistics; python-requests)"
)

DEFAULT_NOMIS_API_URL: Final = "https://www.nomisweb.co.uk/api/v01"
DEFAULT_STATISTICS_GOV_SCOT_URL: Final = "https://statistics.gov.scot"
DEFAULT_ONS_GEOGRAPHY_URL: Final = (
    "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services"
)
DEFAULT_ONS_BOUNDARY_SERVICE: Final = "Local_Authority_Districts_May_2024_Boundaries_UK_BUC"

# NOMIS row limits per call: 25,000 for guests, 100,000 with an API key (nomisr, nomisdata).
GUEST_PAGE_SIZE: Final = 25_000
KEY_PAGE_SIZE: Final = 100_000

# Names of the settings a registry `live:` block may point at for its base URL.
BASE_URL_SETTINGS: Final = ("NOMIS_API_URL", "STATISTICS_GOV_SCOT_URL", "ONS_GEOGRAPHY_URL")


def default_cache_dir() -> Path:
    """Where HTTP responses are cached: $NOLB_CACHE_DIR, else the user cache directory."""
    override = os.environ.get("NOLB_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


@dataclass(frozen=True)
class Settings:
    """Everything the live clients need to know about where and how to fetch."""

    nomis_api_url: str = DEFAULT_NOMIS_API_URL
    statistics_gov_scot_url: str = DEFAULT_STATISTICS_GOV_SCOT_URL
    ons_geography_url: str = DEFAULT_ONS_GEOGRAPHY_URL
    ons_boundary_service: str = DEFAULT_ONS_BOUNDARY_SERVICE
    # Field names carry the boundary vintage year (LAD24CD for May 2024).
    ons_boundary_code_field: str = "LAD24CD"
    ons_boundary_name_field: str = "LAD24NM"
    nomis_api_key: str | None = field(default=None, repr=False)
    cache_dir: Path = field(default_factory=default_cache_dir)
    cache_ttl_seconds: int = 24 * 60 * 60
    use_cache: bool = True
    connect_timeout: float = 10.0
    read_timeout: float = 120.0
    # Limits that keep a hostile or broken server from hanging the refresh or filling memory:
    # each request (all its attempts) must finish within the deadline, the whole refresh within
    # the budget, and no decoded body may exceed the size (the largest real response, a
    # 100,000-row NOMIS page, is about 25 MB; SQLite cannot cache a body of 1 GB).
    request_deadline_seconds: float = 300.0
    refresh_budget_seconds: float = 1800.0
    max_response_bytes: int = 64 * 1024 * 1024
    max_retries: int = 4
    backoff_base_seconds: float = 2.0
    max_wait_seconds: float = 120.0
    retry_statuses: frozenset[int] = frozenset({429, 502, 503, 504})
    user_agent: str = USER_AGENT
    # NOMIS: the claimant count series starts here; APS Jan-Dec estimates from this year.
    claimant_first_month: str = "2013-01"
    aps_first_year: int = 2004
    # NOMIS geography: Scotland (2092957701, type 499 "countries"). Its council areas are asked
    # for under the newest council-area type NOMIS lists within Scotland, found at run time.
    nomis_scotland_geography: str = "2092957701"
    nomis_page_size: int | None = None
    statistics_gov_scot_dataset: str = "unemployment-model-based-estimates"

    @property
    def page_size(self) -> int:
        """Rows per NOMIS call: the configured size, else the documented limit for the caller."""
        if self.nomis_page_size is not None:
            return self.nomis_page_size
        return KEY_PAGE_SIZE if self.nomis_api_key else GUEST_PAGE_SIZE

    def base_url(self, setting_name: str) -> str:
        """The base URL for a registry `live.base_url_setting` name."""
        urls = {
            "NOMIS_API_URL": self.nomis_api_url,
            "STATISTICS_GOV_SCOT_URL": self.statistics_gov_scot_url,
            "ONS_GEOGRAPHY_URL": self.ons_geography_url,
        }
        try:
            return urls[setting_name].rstrip("/")
        except KeyError:
            raise KeyError(
                f"unknown base URL setting {setting_name!r}; expected one of {BASE_URL_SETTINGS}"
            ) from None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults overridden by NOMIS_API_URL, STATISTICS_GOV_SCOT_URL, ONS_GEOGRAPHY_URL,
        NOMIS_API_KEY, NOLB_CACHE_DIR, NOLB_CACHE_TTL (seconds), NOLB_CLAIMANT_FROM (first
        month, YYYY-MM), NOLB_APS_FROM (first year), NOLB_REQUEST_DEADLINE_SECONDS,
        NOLB_REFRESH_BUDGET_SECONDS and NOLB_MAX_RESPONSE_BYTES."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, attribute in (
            ("NOMIS_API_URL", "nomis_api_url"),
            ("STATISTICS_GOV_SCOT_URL", "statistics_gov_scot_url"),
            ("ONS_GEOGRAPHY_URL", "ons_geography_url"),
        ):
            if env.get(name):
                values[attribute] = env[name].rstrip("/")
        if env.get("NOMIS_API_KEY"):
            values["nomis_api_key"] = env["NOMIS_API_KEY"].strip()
        if env.get("NOLB_CACHE_DIR"):
            values["cache_dir"] = Path(env["NOLB_CACHE_DIR"])
        if env.get("NOLB_CLAIMANT_FROM"):
            values["claimant_first_month"] = env["NOLB_CLAIMANT_FROM"].strip()
        if env.get("NOLB_APS_FROM"):
            try:
                values["aps_first_year"] = int(env["NOLB_APS_FROM"])
            except ValueError:
                raise ValueError(
                    f"NOLB_APS_FROM must be a year, got {env['NOLB_APS_FROM']!r}"
                ) from None
        if env.get("NOLB_CACHE_TTL"):
            try:
                values["cache_ttl_seconds"] = int(env["NOLB_CACHE_TTL"])
            except ValueError:
                ttl = env["NOLB_CACHE_TTL"]
                raise ValueError(f"NOLB_CACHE_TTL must be whole seconds, got {ttl!r}") from None
        for name, attribute, kind in LIMIT_SETTINGS:
            if env.get(name):
                values[attribute] = _positive(name, env[name], kind)
        return cls(**values)  # type: ignore[arg-type]


# Environment variables for the limits: (name, Settings attribute, number type).
LIMIT_SETTINGS: Final = (
    ("NOLB_REQUEST_DEADLINE_SECONDS", "request_deadline_seconds", float),
    ("NOLB_REFRESH_BUDGET_SECONDS", "refresh_budget_seconds", float),
    ("NOLB_MAX_RESPONSE_BYTES", "max_response_bytes", int),
)
# SQLite's default limit on one stored value; a larger cap could never be cached.
MAX_CACHEABLE_BYTES: Final = 1_000_000_000


def _positive(name: str, text: str, kind: type[int] | type[float]) -> int | float:
    """A positive number from an environment variable, or a ValueError that names it."""
    try:
        value = kind(text.strip())
    except ValueError:
        value = 0
    if not 0 < value < float("inf"):
        raise ValueError(f"{name} must be a positive {kind.__name__}, got {text!r}")
    if kind is int and value > MAX_CACHEABLE_BYTES:
        raise ValueError(f"{name} must be at most {MAX_CACHEABLE_BYTES:,} bytes, got {text!r}")
    return value
