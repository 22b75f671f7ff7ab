// Opening hours as people write them in spreadsheets ("du lundi au vendredi de 9h à 17h", "ma-vr 9-17 uur",
// "Mo-Fr 9-17 Uhr", "Mon to Fri 9am-5pm") turned into OpenStreetMap syntax. Pure; anything it does not fully
// understand is left as it was written (undefined), never guessed.
import { foldText } from '../../shared/text/normalize.ts';

const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** Day names and abbreviations in en, fr, nl and de, folded (no accents, lower case), Monday = 0. */
const DAY_WORDS: Record<string, number> = {};
const days: string[][] = [
  ['monday', 'mon', 'mo', 'lundi', 'lun', 'maandag', 'ma', 'montag'],
  ['tuesday', 'tue', 'tues', 'tu', 'mardi', 'mar', 'dinsdag', 'di', 'dienstag'],
  ['wednesday', 'wed', 'we', 'mercredi', 'mer', 'woensdag', 'wo', 'mittwoch', 'mi'],
  ['thursday', 'thu', 'thur', 'thurs', 'th', 'jeudi', 'jeu', 'donderdag', 'do', 'donnerstag'],
  ['friday', 'fri', 'fr', 'vendredi', 'ven', 'vrijdag', 'vr', 'freitag'],
  ['saturday', 'sat', 'sa', 'samedi', 'sam', 'zaterdag', 'za', 'samstag'],
  ['sunday', 'sun', 'su', 'dimanche', 'dim', 'zondag', 'zo', 'sonntag'],
];
days.forEach((words, index) => words.forEach((w) => (DAY_WORDS[w] = index)));

/** Words that join the ends of a range of days or times. */
const RANGE_WORDS = new Set(['-', 'au', 'a', 'tot', 't/m', 'tm', 'bis', 'to', 'till', 'until', 'through', 'thru']);
/** Words that join items of a list of days or times. */
const LIST_WORDS = new Set([',', 'et', 'en', 'und', 'and', '&', '+']);
/** Words that carry nothing here ("de 9h", "van 9 tot 17 uur", "von 9 bis 17 Uhr", "from 9"). */
const FILLER = new Set(['de', 'du', 'le', 'les', 'van', 'von', 'from', 'uur', 'uhr', 'op', 'am', 'on', 'h', 'open']);

type Token = { kind: 'day'; day: number } | { kind: 'time'; minutes: number } | { kind: 'range' | 'list' | 'rule' };

const TIME = /^(\d{1,2})(?:(?:h|:|\.)(\d{2})?)?(am|pm)?$/;

function timeToken(word: string): Token | undefined {
  const match = TIME.exec(word);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (match[3] === 'pm' && hours < 12) hours += 12;
  if (match[3] === 'am' && hours === 12) hours = 0;
  if (hours > 24 || minutes > 59) return undefined;
  return { kind: 'time', minutes: hours * 60 + minutes };
}

function tokens(text: string): Token[] | undefined {
  const words = foldText(text)
    .replace(/[–—]/g, '-')
    .replace(/(\d)\s*(am|pm)\b/g, '$1$2')
    .replace(/(\d)\s*h\s*(\d{2})/g, '$1h$2')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/[,&+]/g, ' $& ')
    .replace(/[;\n|]/g, ' ; ')
    .replace(/\buur\b|\buhr\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const out: Token[] = [];
  for (const raw of words) {
    const word = raw.replace(/[.:]$/, '');
    if (word === ';' || word === '/') out.push({ kind: 'rule' });
    else if (RANGE_WORDS.has(word)) out.push({ kind: 'range' });
    else if (LIST_WORDS.has(word)) out.push({ kind: 'list' });
    else if (word in DAY_WORDS) out.push({ kind: 'day', day: DAY_WORDS[word]! });
    else if (FILLER.has(word)) continue;
    else {
      const time = timeToken(word);
      if (!time) return undefined;
      out.push(time);
    }
  }
  return out;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function daySpec(selected: number[][]): string {
  return selected.map(([a, b]) => (a === b ? OSM_DAYS[a!] : `${OSM_DAYS[a!]}-${OSM_DAYS[b!]}`)).join(',');
}

/**
 * The OpenStreetMap value for free text, or undefined when some word or shape is not understood. Rules are days
 * (single, lists, ranges) followed by time ranges (lists of them); a new day after times starts a new rule.
 */
export function convertHoursText(text: string): string | undefined {
  const list = tokens(text);
  if (!list?.length) return undefined;
  const rules: string[] = [];
  let dayRanges: number[][] = [];
  let times: string[] = [];
  let i = 0;
  const flush = () => {
    if (!dayRanges.length || !times.length) return false;
    rules.push(`${daySpec(dayRanges)} ${times.join(',')}`);
    dayRanges = [];
    times = [];
    return true;
  };
  while (i < list.length) {
    const token = list[i]!;
    if (token.kind === 'day') {
      if (times.length && !flush()) return undefined;
      const next = list[i + 1];
      const end = list[i + 2];
      if (next?.kind === 'range' && end?.kind === 'day') {
        dayRanges.push([token.day, end.day]);
        i += 3;
      } else {
        dayRanges.push([token.day, token.day]);
        i += 1;
      }
    } else if (token.kind === 'time') {
      const next = list[i + 1];
      const end = list[i + 2];
      if (next?.kind !== 'range' || end?.kind !== 'time' || end.minutes <= token.minutes) return undefined;
      times.push(`${hhmm(token.minutes)}-${hhmm(end.minutes)}`);
      i += 3;
    } else if (token.kind === 'rule') {
      if (dayRanges.length || times.length) {
        if (!flush()) return undefined;
      }
      i += 1;
    } else if (token.kind === 'list') {
      i += 1;
    } else {
      return undefined;
    }
  }
  if (!flush() && (dayRanges.length || times.length)) return undefined;
  return rules.length ? rules.join('; ') : undefined;
}
