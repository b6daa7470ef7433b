// One confirmation for every irreversible or meeting-wide action (start, close, close a poll,
// publish, delete): a modal <dialog> that names what will happen, with Cancel focused first.
// The native modal dialog keeps focus inside and Escape cancels.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../i18n/I18nProvider";

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

interface ConfirmDialogProps extends ConfirmRequest {
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    cancel.current?.focus();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-message">{message}</p>
      <div className="confirm__actions">
        <button ref={cancel} type="button" className="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
        <button type="button" className={`button ${danger ? "button--danger" : "button--primary"}`} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * `confirm(request, action)` shows the dialog and runs the action only once confirmed;
 * render `dialog` somewhere in the screen.
 */
export function useConfirm(): { confirm: (request: ConfirmRequest, action: () => void) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<{ request: ConfirmRequest; action: () => void } | null>(null);
  const confirm = useCallback((request: ConfirmRequest, action: () => void) => setPending({ request, action }), []);
  const dialog = pending ? (
    <ConfirmDialog
      {...pending.request}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        setPending(null);
        pending.action();
      }}
    />
  ) : null;
  return { confirm, dialog };
}
