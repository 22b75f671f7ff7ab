// Every interface language has exactly the keys of English (with its own plural forms) and keeps its placeholders.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { UI_LANGUAGES } from '../../server/shared/i18n/languages.ts';

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales');

/** Key path ("namespace:a.b.c") → text. */
type FlatLocale = Map<string, unknown>;

const PLURAL_KEY = /^(.*)_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix: string, out: FlatLocale = new Map()): FlatLocale {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value))
      flatten(child, prefix.endsWith(':') ? prefix + key : `${prefix}.${key}`, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function flattenNamespaces(namespaces: Record<string, unknown>): FlatLocale {
  const out: FlatLocale = new Map();
  for (const [namespace, content] of Object.entries(namespaces)) flatten(content, `${namespace}:`, out);
  return out;
}

/**
 * The keys a language must have, given English: every plain key as is, and for every plural key of English the
 * forms the language's plural rules demand, plus `_zero` where English has one (i18next uses it for 0 in any language).
 */
function expectedKeys(english: FlatLocale, lang: string): Set<string> {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const expected = new Set<string>();
  for (const key of english.keys()) {
    const plural = PLURAL_KEY.exec(key);
    if (!plural) {
      expected.add(key);
      continue;
    }
    const base = plural[1]!;
    for (const category of categories) expected.add(`${base}_${category}`);
    if (english.has(`${base}_zero`)) expected.add(`${base}_zero`);
  }
  return expected;
}

function compareKeys(expected: Set<string>, actual: Iterable<string>): { missing: string[]; extra: string[] } {
  const actualSet = new Set(actual);
  return {
    missing: [...expected].filter((key) => !actualSet.has(key)).sort(),
    extra: [...actualSet].filter((key) => !expected.has(key)).sort(),
  };
}

function placeholders(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((match) => match[1]!);
}

/** "key: {{name}}" for every placeholder of the English text that the translation leaves out. */
function missingPlaceholders(english: FlatLocale, translation: FlatLocale): string[] {
  const missing: string[] = [];
  for (const [key, text] of translation) {
    const plural = PLURAL_KEY.exec(key);
    const source = english.has(key) ? english.get(key) : plural ? english.get(`${plural[1]}_other`) : undefined;
    const own = new Set(placeholders(text));
    for (const name of placeholders(source)) if (!own.has(name)) missing.push(`${key}: {{${name}}}`);
  }
  return missing;
}

function readLocale(lang: string): { files: string[]; flat: FlatLocale } {
  const dir = path.join(LOCALES_DIR, lang);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const namespaces = Object.fromEntries(
    files.map((file) => [
      path.basename(file, '.json'),
      JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown,
    ]),
  );
  return { files, flat: flattenNamespaces(namespaces) };
}

const localeDirs = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const english = readLocale('en');

describe('locale files', () => {
  it('when the locales folder is read, then every interface language has a folder', () => {
    expect(localeDirs).to.include.members(['en', 'nl', 'fr', 'de', ...UI_LANGUAGES]);
  });

  it('when English is read, then it has namespaces and every plural key has its "other" form', () => {
    expect(english.files).to.include.members(['common.json', 'directory.json', 'errors.json', 'location.json']);
    expect(compareKeys(expectedKeys(english.flat, 'en'), english.flat.keys())).to.deep.equal({
      missing: [],
      extra: [],
    });
  });

  for (const lang of localeDirs.filter((dir) => dir !== 'en')) {
    describe(`locale ${lang}`, () => {
      const locale = readLocale(lang);

      it(`when ${lang} is compared with English, then it has exactly the same files`, () => {
        expect(locale.files).to.deep.equal(english.files);
      });

      it(`when ${lang} is compared with English, then no key is missing and none is extra (plural forms of ${lang})`, () => {
        const { missing, extra } = compareKeys(expectedKeys(english.flat, lang), locale.flat.keys());

        expect(missing, `missing in ${lang}`).to.deep.equal([]);
        expect(extra, `extra in ${lang}`).to.deep.equal([]);
      });

      it(`when ${lang} is read, then every translation is non-empty text`, () => {
        const notText = [...locale.flat]
          .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
          .map(([key]) => key);

        expect(notText).to.deep.equal([]);
      });

      it(`when ${lang} translates a string with placeholders, then every placeholder of English is kept`, () => {
        expect(missingPlaceholders(english.flat, locale.flat)).to.deep.equal([]);
      });
    });
  }
});

describe('locale key check', () => {
  it('when a translation leaves out a key and a plural form its language needs, then both are reported missing', () => {
    const en = flattenNamespaces({
      directory: { title: 'Find a place', results: { count_one: '{{count}} place', count_other: '{{count}} places' } },
    });
    const fr = flattenNamespaces({
      directory: { results: { count_one: '{{count}} lieu', count_other: '{{count}} lieux' } },
    });

    const { missing, extra } = compareKeys(expectedKeys(en, 'fr'), fr.keys());

    expect(missing).to.deep.equal(['directory:results.count_many', 'directory:title']);
    expect(extra).to.deep.equal([]);
  });

  it('when a translation has a plural form its language does not use, then it is reported extra', () => {
    const en = flattenNamespaces({ location: { desks_one: '{{count}} desk', desks_other: '{{count}} desks' } });
    const nl = flattenNamespaces({
      location: {
        desks_one: '{{count}} werkplek',
        desks_many: '{{count}} werkplekken',
        desks_other: '{{count}} werkplekken',
      },
    });

    expect(compareKeys(expectedKeys(en, 'nl'), nl.keys())).to.deep.equal({
      missing: [],
      extra: ['location:desks_many'],
    });
  });

  it('when English has a zero form, then translations must have it too', () => {
    const en = flattenNamespaces({
      directory: { count_zero: 'No places', count_one: '{{count}} place', count_other: '{{count}} places' },
    });
    const de = flattenNamespaces({ directory: { count_one: '{{count}} Ort', count_other: '{{count}} Orte' } });

    expect(compareKeys(expectedKeys(en, 'de'), de.keys()).missing).to.deep.equal(['directory:count_zero']);
  });

  it('when a key is removed from a copy of the real Dutch locale, then the check reports exactly that key', () => {
    const dutch = readLocale('nl').flat;
    dutch.delete('directory:results.none');

    const { missing, extra } = compareKeys(expectedKeys(english.flat, 'nl'), dutch.keys());

    expect(missing).to.deep.equal(['directory:results.none']);
    expect(extra).to.deep.equal([]);
  });

  it('when a copy of the real French locale loses a plural form, then the check reports it', () => {
    const french = readLocale('fr').flat;
    french.delete('location:desks_many');

    expect(compareKeys(expectedKeys(english.flat, 'fr'), french.keys()).missing).to.deep.equal(['location:desks_many']);
  });

  it('when a translation drops a placeholder, then the check reports the key and the placeholder', () => {
    const french = readLocale('fr').flat;
    french.set('errors:validation.invalid', 'La valeur n’est pas valide.');
    french.set('directory:results.inView_many', '{{count}} lieux dans la zone affichée');

    expect(missingPlaceholders(english.flat, french)).to.deep.equal([
      'directory:results.inView_many: {{total}}',
      'errors:validation.invalid: {{field}}',
    ]);
  });
});
