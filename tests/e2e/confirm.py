"""The app's confirmation dialog (components/ConfirmDialog.tsx): every irreversible or
meeting-wide action — start, close, close a poll, publish, delete — asks first."""

from __future__ import annotations

from playwright.async_api import Page, expect


async def confirm(page: Page, action: str) -> None:
    """Click `action` in the open confirmation dialog and wait for the dialog to go."""
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_be_visible()
    await dialog.get_by_role("button", name=action, exact=True).click()
    await expect(dialog).to_have_count(0)
