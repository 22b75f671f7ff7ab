// The words people use for a type of place, in every UI language, so "dorpshuis" or "tiers-lieu" finds village halls
// and third places even where a listing's own text never says so.
import { readFileSync } from 'node:fs';
import { tokenize } from '../../shared/text/normalize.ts';
import { UI_LANGUAGES } from '../../shared/i18n/languages.ts';
import { LOCATION_TYPES } from '../../locations/index.ts';

/**
 * What people type beside the types' labels (which come from `locales/<lang>/location.json`): short forms, plurals and
 * the usual other words for the same kind of place, in en, nl, fr and de.
 */
const MORE_WORDS: Record<(typeof LOCATION_TYPES)[number], string[]> = {
  coworking: ['coworking', 'coworkings', 'cowork', 'coworkingplek', 'coworkingruimtes', 'coworking-spaces'],
  'third-place': ['tiers-lieu', 'tiers-lieux', 'third places', 'derde plekken', 'dritte Orte', 'tiers lieu'],
  'village-hall': [
    'dorpshuis',
    'dorpshuizen',
    'village halls',
    'salle communale',
    'salles communales',
    'maison de village',
    'Dorfgemeinschaftshäuser',
    'Gemeindehaus',
  ],
  fablab: ['fablab', 'fablabs', 'fab lab', 'makerspace'],
  'meeting-space': [
    'vergaderruimte',
    'vergaderzaal',
    'salle de réunion',
    'meeting room',
    'Tagungsräume',
    'Seminarraum',
  ],
};

/** A type's word, or words in order ("tiers lieu"), folded as the query's words are. */
export interface TypePhrase {
  tokens: readonly string[];
  types: ReadonlySet<string>;
}

const LOCALES_DIR = new URL('../../../locales/', import.meta.url);

function typeLabels(lang: string): Record<string, string> {
  const file = new URL(`${lang}/location.json`, LOCALES_DIR);
  return (JSON.parse(readFileSync(file, 'utf8')) as { type: Record<string, string> }).type;
}

/** Every phrase naming a type, longest first, so "tiers lieu" is read as one phrase before "tiers" could be. */
function buildPhrases(): TypePhrase[] {
  const byPhrase = new Map<string, Set<string>>();
  const name = (type: string, text: string) => {
    const key = tokenize(text).join(' ');
    if (key === '') return;
    const types = byPhrase.get(key) ?? new Set<string>();
    types.add(type);
    byPhrase.set(key, types);
  };
  for (const lang of UI_LANGUAGES) {
    const labels = typeLabels(lang);
    for (const type of LOCATION_TYPES) name(type, labels[type] ?? '');
  }
  for (const type of LOCATION_TYPES) for (const text of MORE_WORDS[type]) name(type, text);
  return [...byPhrase]
    .map(([key, types]) => ({ tokens: key.split(' '), types }))
    .sort((a, b) => b.tokens.length - a.tokens.length);
}

let phrases: TypePhrase[] | undefined;

/** The type phrases, read once for the process: they follow the committed locales, which do not change while it runs. */
export function typePhrases(): readonly TypePhrase[] {
  phrases ??= buildPhrases();
  return phrases;
}

/** A query's words, with the runs that name a type read as one term. */
export type QueryTerm = { token: string } | TypePhrase;

/** Splits query tokens into plain words and type phrases, taking the longest phrase at each position. */
export function queryTerms(tokens: readonly string[], known: readonly TypePhrase[] = typePhrases()): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (let i = 0; i < tokens.length;) {
    const phrase = known.find((p) => p.tokens.every((token, k) => tokens[i + k] === token));
    if (phrase) {
      terms.push(phrase);
      i += phrase.tokens.length;
    } else {
      terms.push({ token: tokens[i]! });
      i += 1;
    }
  }
  return terms;
}
