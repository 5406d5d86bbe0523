"""The filing wizard's ways back into a filing: drafts ("Lưu nháp"), a supplement request,
and the catalog kept up to date — the view side; the session reads and writes the data.

A mixin of :class:`~app.views.filing.wizard.DossierWizard` (it uses the wizard's session,
frame, banners and task runner).
"""

from __future__ import annotations

from typing import Any

from dvc_core.catalog import Catalog


def _log():
    import logging

    return logging.getLogger(__name__)


class WizardResume:
    """Drafts, supplements and the catalog refresh of the filing wizard."""

    # ----------------------------------------------------------------------------- drafts
    def draft_store(self):
        return self.session.draft_store()

    def save_draft(self) -> None:
        """"Save as draft": keep the answers as typed and the files; finish later (desk only).

        New files are copied into the blob store on a worker (a draft's own files are referred
        to, not copied again); the button waits meanwhile, so two quick presses never make two
        drafts.
        """
        session = self.session
        if self.services is None or not session.keeps_drafts or session.procedure is None:
            return
        page = self.current_page()
        if page in self.form_pages:
            page.keep()
        draft, store = session.draft, session.draft_store()
        retention = store.retention_days
        self.save_draft_button.setEnabled(False)

        def done(saved: tuple[str, str]) -> None:
            from dvc_core.vntime import vn_now

            self.save_draft_button.setEnabled(True)
            if not session.draft_saved(draft, saved):
                return
            self.draft_notice.setText(self.tr(
                "Saved as a draft at {0} (reference {1}). Find it again under “Drafts” on the "
                "first page; drafts are deleted after {2} days.").format(
                    vn_now().strftime("%H:%M"), saved[1], retention))
            self.draft_notice.show()

        def failed(exc: BaseException) -> None:
            self.save_draft_button.setEnabled(True)
            self.draft_notice.setText(self.tr("The draft could not be saved: {0}").format(exc))
            self.draft_notice.show()

        self.tasks.run(session.draft_saving(), done, failed)

    def open_drafts(self) -> None:
        from app.views.filing.drafts import DraftsDialog

        if self.services is None or not self.session.keeps_drafts:
            return
        chosen = DraftsDialog.ask(self.draft_store(), self)
        if chosen:
            self.resume_draft(chosen)

    def resume_draft(self, draft_id: str) -> None:
        """Open a draft where the person left it: answers as typed, files attached.

        Reading the draft and counting its PDFs' pages runs on a worker: a draft of thirty
        scanned pages must not freeze the window. Its files stay in the blob store.
        """
        if self.services is None:
            return
        self.reset()
        token = self._resuming = object()  # a later resume or reset makes this one stale

        def failed(exc: BaseException) -> None:
            if self._resuming is token:
                self._resuming = None
                self.draft_notice.setText(self.tr("Could not open the draft: {0}").format(exc))
                self.draft_notice.show()

        def loaded(draft: Any) -> None:
            if self._resuming is token:  # else the person moved on meanwhile: drop it
                self._resuming = None
                self._resume_loaded(draft)

        self.tasks.run(self.session.draft_loading(draft_id), loaded, failed)

    def _resume_loaded(self, draft: Any) -> None:
        if draft is None or self.catalog.get(draft.procedure.code) is None:
            self.draft_notice.setText(self.tr("This draft can no longer be opened (it was "
                                              "deleted, or its procedure is no longer offered)."))
            self.draft_notice.show()
            return
        self.session.resume(draft)
        self._build_for(draft.procedure)
        self.draft_notice.setText(self.tr("Draft resumed. Check each page, then save and send "
                                          "it, or save it again as a draft."))
        self.draft_notice.show()
        self._show(1)

    # ----------------------------------------------------------------------------- supplement
    def open_supplement(self, dossier: Any, note: str | None = None) -> None:
        """Reopen a dossier the portal asked to supplement (status 5), on "check your answers".

        Every section keeps its "Change" link; the officer's note stays above the pages; sending
        queues a resubmission under the same dossier code. The files already sent are the
        stored blobs, attached as they are (nothing is copied out).
        """
        if self.services is None or self.catalog.get(dossier.procedure_code) is None:
            return
        self.reset()
        token = self._resuming = object()
        title = dossier.code or dossier.local_ref

        def loaded(draft: Any) -> None:
            if self._resuming is not token or draft is None:
                return
            self._resuming = None
            self.session.resume(draft)
            self._build_for(draft.procedure)
            self.supplement_banner.setText(self.tr(
                "Supplement requested for dossier {0}. The officer's note: {1}").format(
                    title, note or self.tr("(no note)")))
            self.supplement_banner.show()
            self._show(self.pages.index(self.review_page))

        self.tasks.run(self.session.supplement_loading(dossier.id, self.catalog), loaded,
                       lambda exc: _log().warning("supplement not reopened: %s", exc))

    def refresh_confirmation(self) -> None:
        """Show the portal's code and status once the sync has brought them (cheap local read)."""
        if (self.current_page() is not self.confirmation_page or self.draft.dossier_id is None
                or self.services is None or self.draft.procedure is None):
            return
        from app.services.queue import STATE_TEXT_VI

        dossier = self.session.queued_dossier()
        if dossier is None:
            return
        self.confirmation_page.show_dossier(
            self.draft.procedure, dossier.local_ref, STATE_TEXT_VI.get(dossier.state, dossier.state),
            dossier.code, dossier.status_text)

    # ----------------------------------------------------------------------------- catalog
    CATALOG_REFRESH_SECONDS = 600

    def refresh_catalog(self) -> None:
        """Ask the portal for its catalog (at most every 10 minutes, after a sync reached it).

        Runs on a worker; a changed catalog replaces the one the search and the queue use. A
        filing in progress keeps the procedure it started with.
        """
        import time

        from app.services.catalog_cache import refresh

        if self.services is None:
            return
        now = time.monotonic()
        if now - self._catalog_checked_at < self.CATALOG_REFRESH_SECONDS:
            return
        self._catalog_checked_at = now
        client, data_dir = self.services.client, self.services.config.data_dir
        self.tasks.run(lambda: refresh(client, data_dir), self._adopt_catalog,
                       lambda exc: _log().info("catalog not refreshed: %s", exc))

    def _adopt_catalog(self, catalog: Catalog | None) -> None:
        if catalog is None or catalog.etag == self.catalog.etag:
            return
        self.catalog = catalog
        self.procedure_page.catalog = catalog
        if self.services is not None:
            self.services.adopt_catalog(catalog)
        self.procedure_page.refresh()
