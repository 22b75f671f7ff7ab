// The rules of locales/GLOSSARY.md that a machine can check, over every string of every interface language.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales');
const GLOSSARY = readFileSync(path.join(LOCALES_DIR, 'GLOSSARY.md'), 'utf8');

/** Every string of a language, as "namespace:a.b.c" → text. */
function strings(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') out.set(key, value);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, key.endsWith(':') ? key + k : `${key}.${k}`);
  };
  for (const file of readdirSync(path.join(LOCALES_DIR, lang)).filter((f) => f.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(path.join(LOCALES_DIR, lang, file), 'utf8')), `${path.basename(file, '.json')}:`);
  }
  return out;
}

/** The keys whose text breaks `rule`, with the offending text. */
function breaking(lang: string, rule: (text: string) => boolean): string[] {
  return [...strings(lang)].filter(([, text]) => rule(text)).map(([key, text]) => `${key}: ${text}`);
}

/** French punctuation that needs a space before it, and the one space the glossary allows there. */
function frenchSpacingProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/(\s)([:;?!»])/g)) {
    if (match[1] !== '\u00a0') problems.push(`space U+${match[1]!.codePointAt(0)!.toString(16)} before ${match[2]}`);
  }
  for (const match of text.matchAll(/«(\s?)/g)) {
    if (match[1] !== '\u00a0') problems.push('« without a no-break space after it');
  }
  // "?" and "!" end a sentence: they always take the space (":" and ";" may be code, as in OSM hours or JSON).
  for (const match of text.matchAll(/(\S)([?!])(\s|$)/g)) problems.push(`no space before ${match[2]}`);
  return problems;
}

/** `{{count}}` in a key with no plural suffix: i18next then writes "1 minutes". */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** A map cluster holds two places or more, so its one form is always plural. */
const SINGLE_FORM_COUNTS = new Set(['directory:map.cluster']);

/** The "Words not to use" table of the glossary: [lang, avoid]. */
function wordsNotToUse(): [string, string][] {
  const section = GLOSSARY.split('## Words not to use')[1] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\| (en|nl|fr|de) \|/.test(line))
    .map((line) => {
      const [, lang = '', avoid = ''] = line.split('|').map((cell) => cell.trim());
      return [lang, avoid];
    });
}

describe('glossary rules', () => {
  it('when French strings put a space before : ; ? ! or inside « », then it is a no-break space', () => {
    expect(breaking('fr', (text) => frenchSpacingProblems(text).length > 0)).to.deep.equal([]);
  });

  it('when the French check reads typical mistakes, then it finds each and accepts the right forms', () => {
    expect(frenchSpacingProblems('Erreur : voir « ici ».')).to.have.length(3);
    expect(frenchSpacingProblems('Mot de passe oublié?')).to.have.length(1);
    expect(frenchSpacingProblems('Erreur\u00a0: voir «\u00a0ici\u00a0». Oublié\u00a0?')).to.deep.equal([]);
    expect(frenchSpacingProblems('Par exemple\u00a0: Mo-Fr 09:00-17:00; Sa 10:00-13:00')).to.deep.equal([]);
  });

  it('when Dutch strings address the reader, then they say u, never je or jij', () => {
    expect(breaking('nl', (text) => /\b(je|jij|jou|jouw|jullie)\b/i.test(text))).to.deep.equal([]);
  });

  it('when German strings address the reader, then they say Sie, never du', () => {
    expect(breaking('de', (text) => /\b(du|dich|dir|dein|deine|deinen|deiner)\b/.test(text))).to.deep.equal([]);
  });

  it('when French strings address the reader, then they say vous, never tu', () => {
    expect(breaking('fr', (text) => /\b(tu|toi)\b/i.test(text))).to.deep.equal([]);
  });

  it('when an English string counts something, then its key has plural forms', () => {
    const plainCounts = [...strings('en')]
      .filter(([key, text]) => text.includes('{{count}}') && !PLURAL_SUFFIX.test(key) && !SINGLE_FORM_COUNTS.has(key))
      .map(([key]) => key);

    expect(plainCounts).to.deep.equal([]);
  });

  it('when the glossary lists words not to use, then no string of that language uses them', () => {
    const rows = wordsNotToUse();
    expect(rows.length).to.be.greaterThan(10);

    const found = rows.flatMap(([lang, avoid]) =>
      breaking(lang, (text) => text.toLowerCase().includes(avoid.toLowerCase())).map((hit) => `${avoid} → ${hit}`),
    );

    expect(found).to.deep.equal([]);
  });
});
