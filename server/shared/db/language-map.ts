// Translatable fields are stored as language maps ({ fr: "…", nl: "…" }) next to the record's own language.
import { Schema } from 'mongoose';

export type LanguageMap = Partial<Record<string, string>>;

export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** A mongoose field for a language map: keys are ISO 639 codes, values non-empty text. */
export function languageMapField(required: boolean) {
  return {
    type: Schema.Types.Mixed,
    default: {},
    validate: {
      validator: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.entries(value).every(([k, v]) => LANGUAGE_CODE.test(k) && typeof v === 'string') &&
        (!required || Object.values(value).some((v) => typeof v === 'string' && v.trim() !== '')),
      message: 'language map must map language codes to text',
    },
  };
}
