// One request started by a button: busy while it runs, its error in the user's words.
import { useCallback, useState } from "react";
import { messageOf } from "../api/errors";
import { useI18n } from "../i18n/I18nProvider";

export function useAction(): { busy: boolean; error: string | null; run: (action: () => Promise<unknown>) => Promise<boolean> } {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (failure) {
        setError(messageOf(failure, t("common.error")));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, error, run };
}
