import { createContext, useCallback, useContext, type ReactNode } from "react";
import { translate, type Language, type MessageKey } from "./messages";

const LanguageContext = createContext<Language>("en");

/** Gives the pages below it the language that `useT` translates into. */
export function LanguageProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

/** The current language, for modules that keep their own words. */
export const useLanguage = () => useContext(LanguageContext);

/** `t(key, values)` in the current language. */
export function useT() {
  const language = useContext(LanguageContext);
  return useCallback(
    (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values),
    [language],
  );
}
