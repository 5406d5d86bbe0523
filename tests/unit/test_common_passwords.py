"""Common and leaked passwords are refused by the one password rule, whatever their case or the
digits and symbols stuck on their ends."""

from __future__ import annotations

import pytest

from dvc_core.rules import check_password, password_error
from dvc_core.rules.passwords import common_passwords, is_common_password
from portal.seed import DEMO_ACCOUNTS


@pytest.mark.parametrize("password", [
    "Password1!", "Demo@2026", "Qwerty@123", "Admin@2026",  # the audit's, and an old demo one
    "PassWord1!", "2026@Qwerty", "!!Dragon2026", "Iloveyou@1",
    "Anhyeuem@123",  # a Vietnamese one
])
def test_a_common_password_is_refused(password: str):
    assert check_password(password) == "password_common"
    error = password_error(password)
    assert error is not None and error.field == "password"
    assert "quá phổ biến" in error.message()


@pytest.mark.parametrize("password", ["Hoa@2026x", "Thu#Nghiem+Lan1", "CanBo@2026", "Ăbcdefg1!"])
def test_an_uncommon_password_meeting_the_policy_is_accepted(password: str):
    assert check_password(password) is None


def test_the_list_ships_with_the_kernel_and_says_where_it_comes_from():
    from importlib import resources

    text = resources.files("dvc_core").joinpath("data/common_passwords.txt").read_text("utf-8")
    assert "MIT" in text and "zxcvbn" in text  # its source and licence, at its top
    common = common_passwords()
    assert len(common) >= 10_000
    assert all(word == word.lower() and "#" not in word[:1] for word in common)


def test_the_sandbox_demo_passwords_pass_the_rule():
    for demo in DEMO_ACCOUNTS:
        assert not is_common_password(demo.password), demo.username
        assert check_password(demo.password) is None, demo.username


def test_a_control_character_is_refused_by_the_rule_itself():
    assert check_password("Hoa@2026\x00x") == "text_chars"
