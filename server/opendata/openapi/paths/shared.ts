// Pieces the path files share: language maps, a text in the reader's language, the error answers.
import { z } from 'zod';
import { errorSchema, type ResponseSpec } from '../openapi-document.ts';

export const languageMap = z.record(z.string(), z.string());
/** A text picked in the reader's language, saying which and whether it fell back. */
export const contentText = z.object({ text: z.string(), lang: z.string(), fallback: z.boolean() }).loose();

export const refused = (...statuses: number[]): Record<number, ResponseSpec> => {
  const words: Record<number, string> = {
    400: 'Bad input: each field named with a translated message.',
    401: 'No credentials.',
    403: 'Not allowed for these credentials.',
    404: 'Not found.',
    409: 'In conflict with what is stored.',
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: words[s] ?? 'Refused.', schema: errorSchema }]));
};
