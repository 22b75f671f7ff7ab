// A spreadsheet's CSV as it comes: any encoding a spreadsheet writes (UTF-8 with or without BOM, UTF-16, Windows-1252)
// and any usual delimiter, read into a header and rows of text. A file that is none of these is refused whole.
import { parse } from 'csv-parse/sync';
import { badRequest } from '../../shared/errors/app-error.ts';

export interface CsvTable {
  headers: string[];
  rows: string[][];
  encoding: string;
  delimiter: string;
}

export const MAX_ROWS = 20_000;
const DELIMITERS = [',', ';', '\t', '|'];

/** The text of the bytes: a BOM says the encoding; else strict UTF-8, else Windows-1252 (Excel's "CSV" in Europe). */
export function decodeCsvBytes(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The delimiter that splits the header line into the most columns, quoted parts aside. */
export function guessDelimiter(text: string): string {
  const firstLine = (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Binary files decode to text full of control characters: such a file is no CSV. */
const looksBinary = (text: string) =>
  [...text.slice(0, 4096)].some((c) => {
    const code = c.charCodeAt(0);
    return code < 9 || (code > 13 && code < 32);
  });

export function readCsvTable(bytes: Buffer): CsvTable {
  const { text, encoding } = decodeCsvBytes(bytes);
  if (!text.trim() || looksBinary(text)) throw badRequest([{ field: 'file', key: 'opendata:errors.notCsv' }]);
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    throw badRequest([{ field: 'file', key: 'opendata:errors.csvMalformed' }]);
  }
  const [headers, ...rows] = records;
  if (!headers || headers.length < 2 || !rows.length) {
    throw badRequest([{ field: 'file', key: 'opendata:errors.csvNoRows' }]);
  }
  if (rows.length > MAX_ROWS) throw badRequest([{ field: 'file', key: 'opendata:errors.csvTooManyRows' }]);
  return { headers, rows, encoding, delimiter };
}
