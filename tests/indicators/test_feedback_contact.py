"""The feedback address comes from the deployment, and only a real-looking one is shown."""

from __future__ import annotations

import pytest

from indicators.feedback_contact import FeedbackContact, feedback_contact


def test_no_setting_means_no_address() -> None:
    assert feedback_contact({}) is None
    assert feedback_contact({"NOLB_FEEDBACK_ADDRESS": "   "}) is None


def test_an_email_address_becomes_a_mailto_link() -> None:
    assert feedback_contact({"NOLB_FEEDBACK_ADDRESS": " team@example.gov.scot "}) == (
        FeedbackContact(href="mailto:team@example.gov.scot", label="team@example.gov.scot")
    )


def test_an_https_address_is_linked_as_it_is() -> None:
    url = "https://example.gov.scot/feedback?form=nolb"
    assert feedback_contact({"NOLB_FEEDBACK_ADDRESS": url}) == FeedbackContact(url, url)


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "http://example.gov.scot/feedback",  # not encrypted
        "https://evil.example/login) [Session expired](https://evil.example",
        "team@example.gov.scot\n# OFFICIAL NOTICE",
        "data:text/html,<script>alert(1)</script>",
        "not an address",
    ],
)
def test_anything_else_is_not_shown(value: str, caplog: pytest.LogCaptureFixture) -> None:
    assert feedback_contact({"NOLB_FEEDBACK_ADDRESS": value}) is None
    assert "NOLB_FEEDBACK_ADDRESS" in caplog.text
