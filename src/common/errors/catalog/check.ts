/** A Vietnamese letter with its diacritics: a text without one is not Vietnamese. */
export const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

/** A message in both languages; `{name}` marks a parameter. */
export interface Message {
  vi: string;
  en: string;
}
