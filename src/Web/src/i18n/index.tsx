import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { ptBR } from './ptBR';

export type Locale = 'pt-BR' | 'en';
const dictionaries = { 'pt-BR': ptBR, en } as const;
const STORAGE_KEY = 'crm.locale';

/** pt-BR for Portuguese browsers, English otherwise; a saved choice wins. */
export function detectLocale(saved: string | null, languages: readonly string[]): Locale {
  if (saved === 'pt-BR' || saved === 'en') return saved;
  const first = languages[0] ?? 'en';
  return first.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = dictionaries[locale][key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLocale(): Locale {
  let saved: string | null = null;
  try { saved = localStorage.getItem(STORAGE_KEY); } catch { /* private mode */ }
  return detectLocale(saved, typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : []);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try { localStorage.setItem(STORAGE_KEY, l); } catch { /* ignore */ }
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<I18nValue>(() => {
    document.documentElement.lang = locale;
    return { locale, setLocale, t: (key, vars) => translate(locale, key, vars) };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
