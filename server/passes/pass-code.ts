// The short code printed under a pass's QR code, typed by a manager when the camera will not do: nine characters from
// an alphabet without look-alikes (no 0/O, 1/I/L), shown in groups of three.
import { randomInt } from 'node:crypto';

export const PASS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PASS_CODE_LENGTH = 9;

export function newPassCode(): string {
  let code = '';
  for (let i = 0; i < PASS_CODE_LENGTH; i += 1) code += PASS_CODE_ALPHABET[randomInt(PASS_CODE_ALPHABET.length)];
  return code;
}

/** "ABC DEF GHJ": easier to read out and type. */
export const groupedCode = (code: string): string => code.replace(/(.{3})(?=.)/g, '$1 ');

/** A typed code as stored (capitals, without spaces or dashes); undefined when it cannot be one. */
export function normalisePassCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== PASS_CODE_LENGTH) return undefined;
  return [...code].every((c) => PASS_CODE_ALPHABET.includes(c)) ? code : undefined;
}
