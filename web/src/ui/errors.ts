// One way to turn any failure into words for the official: the catalog entry for the API's error
// code in the chosen language, else the API's own message (Vietnamese first, "vi / en"), halved.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** The half of a bilingual "vi / en" message in the chosen language (whole when not bilingual). */
export function pickLanguage(message: string, language: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return language === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

/** What to show for an error: translated by its code when the catalog has it. */
export function errorText(error: unknown, t: TFunction, language: string): string {
  if (error instanceof ApiError) {
    if (error.code && t(`errors.${error.code}`, { defaultValue: '' })) return t(`errors.${error.code}`);
    return pickLanguage(error.message, language);
  }
  if (error instanceof TypeError) return t('errors.NETWORK');
  return t('errors.UNKNOWN');
}
