// Autosaving one text (a note of the minutes): saved about a second after typing stops, and at
// once on blur. What was typed is never dropped: a failed save keeps the text as unsaved and the
// next change (or blur) tries again; a change made while a save runs is saved after it. The
// controller is plain (timers injectable) so its behaviour is tested without React; the hook
// below only holds one and mirrors its state.
import { useEffect, useState } from "react";

export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "error";

export interface AutosaveState {
  status: SaveStatus;
  /** The last save's failure while status is "error". */
  error: unknown;
}

export interface Timers {
  set: (callback: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const REAL_TIMERS: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const AUTOSAVE_DELAY_MS = 1000;

export interface AutosaveOptions {
  save: (text: string) => Promise<unknown>;
  onState: (state: AutosaveState) => void;
  delayMs?: number;
  timers?: Timers;
}

export interface Autosave {
  /** The text changed: saved once typing has stopped for the delay. */
  change: (text: string) => void;
  /** Save now what is not saved yet (on blur). */
  flush: () => void;
  /** Text typed and not yet saved (or whose save failed). */
  hasUnsaved: () => boolean;
  /** Stops the timer and saves what is left (the field goes away). */
  dispose: () => void;
}

export function createAutosave({ save, onState, delayMs = AUTOSAVE_DELAY_MS, timers = REAL_TIMERS }: AutosaveOptions): Autosave {
  let unsaved: string | null = null;
  let saving = false;
  let timer: unknown = null;

  const stopTimer = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  function flush(): void {
    stopTimer();
    if (unsaved === null || saving) return;
    const text = unsaved;
    saving = true;
    onState({ status: "saving", error: null });
    save(text).then(
      () => settle(text, null),
      (error: unknown) => settle(text, error ?? new Error("save failed")),
    );
  }

  function settle(text: string, error: unknown): void {
    saving = false;
    if (unsaved !== text) {
      // Typed on meanwhile: that text's turn (now, if its delay already ran out while saving).
      if (timer === null) flush();
      else onState({ status: "pending", error: null });
      return;
    }
    if (error === null) {
      unsaved = null;
      onState({ status: "saved", error: null });
    } else {
      onState({ status: "error", error });
    }
  }

  return {
    change(text) {
      unsaved = text;
      stopTimer();
      timer = timers.set(() => {
        timer = null;
        flush();
      }, delayMs);
      if (!saving) onState({ status: "pending", error: null });
    },
    flush,
    hasUnsaved: () => unsaved !== null,
    dispose: flush,
  };
}

/**
 * One autosaving text for a component's life: `save` is the first render's (key the component
 * by what it saves, e.g. the agenda item).
 */
export function useAutosave(save: (text: string) => Promise<unknown>, delayMs = AUTOSAVE_DELAY_MS): AutosaveState & Pick<Autosave, "change" | "flush"> {
  const [state, setState] = useState<AutosaveState>({ status: "idle", error: null });
  const [autosave] = useState(() => createAutosave({ save, onState: setState, delayMs }));
  useEffect(() => () => autosave.dispose(), [autosave]);
  return { ...state, change: autosave.change, flush: autosave.flush };
}

/** Whether the field holds text the server does not have (typed, saving, or refused). */
export function isUnsaved(status: SaveStatus): boolean {
  return status === "pending" || status === "saving" || status === "error";
}
