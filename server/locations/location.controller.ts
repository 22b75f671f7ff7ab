// One location: its page and its JSON twin, from the same view model.
import type { Request, Response } from 'express';
import { parseInput } from '../shared/http/validate.js';
import { safeQuery } from '../shared/http/query.js';
import { z } from 'zod';
import { UI_LANGUAGES } from '../i18n/languages.js';
import { findPublishedLocation } from './location.service.js';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/, { error: 'validation.slug' }) });
const langQuery = z.object({
  lang: z.preprocess((v) => (v === '' ? undefined : v), z.enum(UI_LANGUAGES, { error: 'validation.lang' }).optional()),
});

async function load(req: Request) {
  parseInput(langQuery, safeQuery(req));
  const { slug } = parseInput(slugParams, req.params);
  return findPublishedLocation(slug, req.lang);
}

/** Formatting for the page in the reader's language; dates are the place's calendar days. */
function display(lang: string) {
  const weekday = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  const utcDay = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);
  return {
    weekday: (isoDay: string) => weekday.format(utcDay(isoDay)),
    day: (isoDay: string) => day.format(utcDay(isoDay)),
    date: (iso: string) => date.format(new Date(iso)),
    money: (amount: number, currency: string) =>
      new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount),
    country: (code: string) => regions.of(code) ?? code,
  };
}

export const locationController = {
  page: async (req: Request, res: Response): Promise<void> => {
    const location = await load(req);
    res.render('pages/location', { location, display: display(req.lang) });
  },

  json: async (req: Request, res: Response): Promise<void> => {
    res.json(await load(req));
  },
};
