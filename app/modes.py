"""The three modes as data: one frozen :class:`ModePolicy` per mode.

Code asks the policy a question (``policy.shows_local_list``) instead of comparing the mode's name
(``mode != "kiosk"``), so a decision lives in one place and a new screen cannot forget one of the
three. The composition root reads it to decide what to build at all (a kiosk never builds the
list of earlier citizens' dossiers); services read it for their data rules (tokens, purges).

Qt-free and import-light: the CLI, the services and the views all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from dvc_core.lifecycle import OFFICER_ACTIONS

#: Every mode name, the default first (what ``--mode`` accepts).
MODE_NAMES = ("desk", "kiosk", "training")
DEFAULT_MODE = "desk"

TRAINING_WATERMARK = "MÔI TRƯỜNG ĐÀO TẠO"


class PortalAccess(Enum):
    """Which portal a mode may talk to."""

    ANY = "any"  #: the configured server, or the embedded sandbox when none is configured
    SANDBOX_ONLY = "sandbox_only"  #: only the embedded sandbox portal (never a real one)


class TokenStorage(Enum):
    """Where a signed-in session's token is kept."""

    KEYRING = "keyring"  #: the operating system's keyring, remembered across runs
    MEMORY = "memory"  #: this process only; nothing secret on disk


@dataclass(frozen=True)
class ModePolicy:
    """What one mode does, decided once.

    Attributes:
        name: ``desk``, ``kiosk`` or ``training`` (stored on each dossier as its ``mode``).
        keeps_drafts: a person may save a dossier as a draft and resume it later.
        purges_stale_drafts: drafts past their retention are deleted at start-up (a trainer's
            demo drafts are kept between workshops).
        shows_local_list: the “Dossiers on this computer” list is built at all; a kiosk never
            builds it, since a citizen must never see the dossiers of the people before them.
        token_storage: where the session token is kept.
        purges_on_confirmation: a dossier's rows and blobs are deleted once the portal confirms it.
        full_screen: the window opens full screen.
        idle_timeout: seconds without input before the session is wiped; ``None``: never.
        idle_warning: seconds of warning shown before that wipe; ``None`` with no timeout.
        consent_required: the purpose of the collection is shown and accepted before any
            personal data is asked for (Nghị định 356/2025).
        watermark: text marked on every screen and printout; ``None``: unmarked.
        portal_access: which portal the mode may use.
        officer_actions: the officer actions (lifecycle action names) the mode offers.
        exit_pin_required: leaving the app needs an officer's PIN.
        embedded_role: which sandbox account the app signs in with on the embedded portal.
        shows_worklist: the officer desk's worklists are built when an officer signs in.
        teaching_aids: the trainer's aids are built: the guide beside the wizards, the
            presenter's controls (text size, pointer, demo steps), the sample-data button.
        kiosk_shell: the window is the citizens' self-service kiosk (start screen, one question
            a page, the visit ended by a timeout), not the desk's window.
    """

    name: str
    keeps_drafts: bool
    purges_stale_drafts: bool
    shows_local_list: bool
    token_storage: TokenStorage
    purges_on_confirmation: bool
    full_screen: bool
    idle_timeout: int | None
    idle_warning: int | None
    consent_required: bool
    watermark: str | None
    portal_access: PortalAccess
    officer_actions: tuple[str, ...]
    exit_pin_required: bool
    embedded_role: str
    shows_worklist: bool = False
    kiosk_shell: bool = False
    teaching_aids: bool = False

    @property
    def persists_tokens(self) -> bool:
        """The session token is remembered in the keyring across runs."""
        return self.token_storage is TokenStorage.KEYRING

    @property
    def sandbox_only(self) -> bool:
        """Only the embedded sandbox portal may be used."""
        return self.portal_access is PortalAccess.SANDBOX_ONLY

    @property
    def marks_printouts(self) -> bool:
        """Receipts and forms carry the watermark."""
        return self.watermark is not None

    def offers(self, action: str) -> bool:
        """Whether this mode offers the officer action ``action`` (e.g. ``receive``)."""
        return action in self.officer_actions

    @classmethod
    def for_name(cls, name: str | None) -> ModePolicy:
        """The policy of the mode called ``name`` (``None``: the default, desk).

        Raises:
            ValueError: not one of :data:`MODE_NAMES` (the message is the one ``--mode`` shows).
        """
        policy = _POLICIES.get(name or DEFAULT_MODE)
        if policy is None:
            raise ValueError(f"--mode phải là một trong: {', '.join(MODE_NAMES)}")
        return policy


DESK = ModePolicy(
    name="desk",
    keeps_drafts=True,
    purges_stale_drafts=True,
    shows_local_list=True,
    token_storage=TokenStorage.KEYRING,
    purges_on_confirmation=False,
    full_screen=False,
    idle_timeout=None,
    idle_warning=None,
    consent_required=False,
    watermark=None,
    portal_access=PortalAccess.ANY,
    officer_actions=OFFICER_ACTIONS,
    exit_pin_required=False,
    embedded_role="officer",
    shows_worklist=True,
)

KIOSK = ModePolicy(
    name="kiosk",
    keeps_drafts=False,
    purges_stale_drafts=True,  # removes any draft a kiosk ever left behind
    shows_local_list=False,
    token_storage=TokenStorage.MEMORY,
    purges_on_confirmation=True,
    full_screen=True,
    idle_timeout=120,  # two minutes without a touch, then a 30 s countdown (WCAG 2.2.1)
    idle_warning=30,
    consent_required=True,
    watermark=None,
    portal_access=PortalAccess.ANY,
    officer_actions=(),
    exit_pin_required=True,
    embedded_role="kiosk",
    kiosk_shell=True,
)

TRAINING = ModePolicy(
    name="training",
    keeps_drafts=True,
    purges_stale_drafts=False,
    shows_local_list=True,
    token_storage=TokenStorage.MEMORY,
    purges_on_confirmation=False,
    full_screen=False,
    idle_timeout=None,
    idle_warning=None,
    consent_required=False,
    watermark=TRAINING_WATERMARK,
    portal_access=PortalAccess.SANDBOX_ONLY,
    officer_actions=OFFICER_ACTIONS,
    exit_pin_required=False,
    embedded_role="officer",
    shows_worklist=True,  # the demo officer's side of the seeded dossiers
    teaching_aids=True,
)

_POLICIES: dict[str, ModePolicy] = {p.name: p for p in (DESK, KIOSK, TRAINING)}
