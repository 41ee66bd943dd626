// One way to turn any failure into words for the official: the catalog entry for the API's error
// code in the chosen language, else the API's own message (Vietnamese first, "vi / en"), halved.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** The half of a bilingual "vi / en" message in the chosen language (whole when not bilingual). */
export function pickLanguage(message: string, language: string): string {
  const en = language === 'en';
  // Labels inside a message come as "(vi / en)", possibly with one level of brackets inside each.
  const labelled = message.replace(/\(((?:[^()]|\([^()]*\))*?) \/ ((?:[^()]|\([^()]*\))*)\)/g, (_all, vi: string, english: string) =>
    `(${en ? english : vi})`,
  );
  const at = labelled.indexOf(' / ');
  if (at < 0) return labelled;
  const english = labelled.slice(at + 3);
  if (!en) return labelled.slice(0, at);
  // "K11 (label): vi / en" keeps what names the cell in either language — unless the English half
  // names it itself ("Huyện X, dòng 3: … / X district, line 3: …", "Chi thường xuyên: … / Recurrent: …"),
  // when the Vietnamese words before the colon are part of the Vietnamese sentence.
  if (english.includes(': ')) return english;
  const colon = labelled.indexOf(': ');
  const prefix = colon >= 0 && colon < at ? labelled.slice(0, colon + 2) : '';
  return prefix + english;
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
