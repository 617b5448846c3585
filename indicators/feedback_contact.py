"""Where a reader of this copy of the dashboard sends feedback.

The address belongs to whoever runs the service, not to the code, so it is a deployment setting
(`NOLB_FEEDBACK_ADDRESS`: an https address or an e-mail address). Without a valid one the About
page says plainly that none is set, rather than showing an address nobody reads.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

FEEDBACK_ADDRESS_VARIABLE = "NOLB_FEEDBACK_ADDRESS"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_HTTPS = re.compile(
    r"https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/?=&#+-]*)?"
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedbackContact:
    """A link target and the words a reader sees for it."""

    href: str
    label: str


def feedback_contact(environ: Mapping[str, str] | None = None) -> FeedbackContact | None:
    """The configured feedback address, or None when none (or no valid one) is set."""
    env = os.environ if environ is None else environ
    text = env.get(FEEDBACK_ADDRESS_VARIABLE, "").strip()
    if not text:
        return None
    if _EMAIL.fullmatch(text):
        return FeedbackContact(href=f"mailto:{text}", label=text)
    if _HTTPS.fullmatch(text):
        return FeedbackContact(href=text, label=text)
    log.warning(
        "%s is neither an https address nor an e-mail address; no feedback address is shown",
        FEEDBACK_ADDRESS_VARIABLE,
    )
    return None
