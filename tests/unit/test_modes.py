"""The mode policy: one frozen object per mode, looked up by name."""

from __future__ import annotations

import dataclasses

import pytest

from app.modes import (
    DESK,
    KIOSK,
    MODE_NAMES,
    OFFICER_ACTIONS,
    TRAINING,
    TRAINING_WATERMARK,
    ModePolicy,
    PortalAccess,
    TokenStorage,
)
from dvc_core.lifecycle import TRANSITIONS


def test_each_name_has_its_policy():
    assert [ModePolicy.for_name(n).name for n in MODE_NAMES] == list(MODE_NAMES)
    assert ModePolicy.for_name("kiosk") is KIOSK
    assert ModePolicy.for_name(None) is DESK


def test_an_unknown_mode_is_refused_with_the_cli_message():
    with pytest.raises(ValueError, match="--mode phải là một trong: desk, kiosk, training"):
        ModePolicy.for_name("office")


def test_policies_cannot_be_changed():
    with pytest.raises(dataclasses.FrozenInstanceError):
        KIOSK.shows_local_list = True  # type: ignore[misc]


def test_the_kiosk_keeps_nothing_about_a_citizen():
    assert not KIOSK.shows_local_list
    assert not KIOSK.keeps_drafts
    assert KIOSK.token_storage is TokenStorage.MEMORY and not KIOSK.persists_tokens
    assert KIOSK.purges_on_confirmation
    assert KIOSK.full_screen and KIOSK.exit_pin_required and KIOSK.consent_required
    assert KIOSK.idle_timeout and KIOSK.idle_warning and KIOSK.idle_warning < KIOSK.idle_timeout
    assert KIOSK.officer_actions == () and not KIOSK.offers("receive")
    assert KIOSK.embedded_role == "kiosk"


def test_the_desk_remembers_its_officer_and_offers_the_officer_actions():
    assert DESK.persists_tokens and DESK.keeps_drafts and DESK.shows_local_list
    assert not DESK.purges_on_confirmation and not DESK.full_screen
    assert DESK.idle_timeout is None and DESK.watermark is None and not DESK.marks_printouts
    assert DESK.portal_access is PortalAccess.ANY and not DESK.sandbox_only
    assert DESK.offers("receive") and DESK.offers("return")
    assert not DESK.offers("withdraw") and not DESK.offers("resubmit")  # the citizen's acts
    assert DESK.embedded_role == "officer"


def test_training_is_marked_sandboxed_and_forgets_its_session():
    assert TRAINING.watermark == TRAINING_WATERMARK == "MÔI TRƯỜNG ĐÀO TẠO"
    assert TRAINING.marks_printouts and TRAINING.sandbox_only
    assert not TRAINING.persists_tokens and not TRAINING.purges_stale_drafts
    assert TRAINING.shows_local_list and TRAINING.keeps_drafts


def test_officer_actions_are_the_lifecycle_table_s_officer_api_actions():
    expected = [a for a, t in TRANSITIONS.items() if t.api and "officer" in t.roles]
    assert list(OFFICER_ACTIONS) == expected
    assert {"receive", "refuse", "start", "request_supplement", "fee_required", "fee_paid",
            "stop", "finish", "return"} == set(OFFICER_ACTIONS)


def test_the_config_carries_its_mode_s_policy(tmp_path, monkeypatch):
    from app.config import resolve

    for name in ("DVC_MODE", "DVC_SERVER"):
        monkeypatch.delenv(name, raising=False)
    assert resolve(tmp_path, None, None).policy is DESK
    assert resolve(tmp_path, "https://dichvucong.example.vn", "kiosk").policy is KIOSK
    assert resolve(tmp_path, None, "training").policy is TRAINING


def test_training_refuses_a_real_portal(tmp_path, monkeypatch):
    from app.config import resolve

    monkeypatch.delenv("DVC_SERVER", raising=False)
    with pytest.raises(ValueError, match="--server không dùng được với --mode training"):
        resolve(tmp_path, "https://dichvucong.example.vn", "training")
    assert resolve(tmp_path, "embedded", "training").server is None


def test_token_store_follows_the_policy():
    from app.services.auth import TokenStore

    assert TokenStore.for_policy("dvc-desk:embedded", DESK).persist
    assert not TokenStore.for_policy("dvc-desk:embedded", KIOSK).persist
    assert not TokenStore.for_policy("dvc-desk:embedded", TRAINING).persist
