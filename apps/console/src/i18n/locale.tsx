/**
 * The interface language (English, Polish, Hebrew): chosen by the viewer, remembered in
 * local storage, first guessed from the browser. Hebrew mirrors the whole layout.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { en, type Catalogue, type MessageId } from './messages-en';
import { he } from './messages-he';
import { pl } from './messages-pl';

export const LOCALES = { en: { name: 'English', dir: 'ltr' }, pl: { name: 'Polski', dir: 'ltr' }, he: { name: 'עברית', dir: 'rtl' } } as const;
export type Locale = keyof typeof LOCALES;
const CATALOGUES: Record<Locale, Catalogue> = { en, pl, he };
const STORAGE_KEY = 'complaints-console.locale';

function isLocale(value: string | null): value is Locale {
  return value !== null && value in LOCALES;
}

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const guessed = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLocale);
  return guessed ?? 'en';
}

const LocaleContext = createContext<{ locale: Locale; setLocale(locale: Locale): void }>({ locale: 'en', setLocale: () => undefined });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    document.documentElement.dir = LOCALES[locale].dir;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={CATALOGUES[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale() {
  return useContext(LocaleContext);
}

/** `t('nav.cases')`, `t('cases.count', {count})`: a message of the catalogue, typed by its id. */
export function useT(): (id: MessageId, values?: Record<string, string | number | Date | null | undefined>) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values as Record<string, string | number | Date>);
}
