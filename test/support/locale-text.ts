// Reads a UI string from the committed locale files, so tests expect what a reader of that language sees.
import { readFileSync } from 'node:fs';

type Strings = { [key: string]: string | Strings };

/** `localeText('fr', 'location:hours.openNow')` → the French text. */
export function localeText(lang: string, key: string): string {
  const [ns, path] = key.split(':') as [string, string];
  let node: string | Strings = JSON.parse(
    readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'),
  ) as Strings;
  for (const part of path.split('.')) {
    if (typeof node === 'string' || !(part in node)) throw new Error(`no ${key} in ${lang}`);
    node = node[part]!;
  }
  if (typeof node !== 'string') throw new Error(`${key} in ${lang} is not a string`);
  return node;
}
