// Whether a name is an IANA time zone this runtime knows: the one check for every place, event and record that
// carries a zone.
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
