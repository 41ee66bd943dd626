// i18next with Vietnamese first and English on the switch; the choice is kept in localStorage.
import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
/** The catalog's shape: every language has the keys of vi.ts. */
export type Messages = Widen<typeof vi>;

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_KEY = 'itbudget.language';

const stored = localStorage.getItem(LANGUAGE_KEY);
const initial: Language = stored === 'en' ? 'en' : 'vi';

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = initial;

export function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/** A target's unit of measure (API data, Vietnamese) in the chosen language; an unknown unit as it is. */
export function measureUnitText(t: TFunction, unit: string): string {
  return t(`measureUnits.${unit}`, { defaultValue: unit });
}

export default i18next;
