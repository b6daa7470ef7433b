import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { onLanguageChange, readLanguage, saveLanguage, type Language } from "./language";
import { translator, type Translate } from "./translate";

interface I18n {
  language: Language;
  t: Translate;
  setLanguage: (language: Language) => void;
  /** Dates and times in the interface language, in the tablet's time zone. */
  formatDateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readLanguage);
  useEffect(() => onLanguageChange(setLanguageState), []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(() => {
    // Made on first use: building a formatter loads the locale's data (tens of ms on a tablet),
    // which the first screen (login, a reader) need not wait for.
    let dateFormat: Intl.DateTimeFormat | null = null;
    return {
      language,
      t: translator(language),
      setLanguage: saveLanguage,
      formatDateTime: (iso) => {
        dateFormat ??= new Intl.DateTimeFormat(language === "vi" ? "vi-VN" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
        return dateFormat.format(new Date(iso));
      },
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
