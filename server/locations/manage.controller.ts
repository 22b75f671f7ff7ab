// The /manage pages: the editable list, the location editor (create and edit), status changes, hours preview.
import type { Request, Response } from 'express';
import { formatters } from '../shared/i18n/formatters.ts';
import { z } from 'zod';
import { blankToUndefined, optionalSlugField, pageField, SLUG, uiLanguageField } from '../shared/http/schema-fields.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { UI_LANGUAGES } from '../shared/i18n/languages.ts';
import { countryOptions, findNetworkById, lookUpNetwork } from '../networks/index.ts';
import { badRequest, notFound } from '../shared/errors/app-error.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { safeQuery } from '../shared/http/query.ts';
import { parseInput } from '../shared/http/validate.ts';
import { assertAllowed, isManagerOrAdmin } from '../shared/principal.ts';
import { formDetail, formLanguages, formToInput, storedToInput } from './location-form.ts';
import {
  crossFieldDetails,
  LIMITS,
  locationInputSchema,
  schemaDetails,
  statusSchema,
  type LocationInput,
} from './location-write.schemas.ts';
import {
  createLocation,
  loadEditableLocation,
  setLocationStatus,
  updateLocation,
  wholeLocationPatch,
} from './location-write.service.ts';
import type { Location } from './location.model.ts';
import { canPlaceInNetwork } from './location.policy.ts';
import { STATUSES } from './location.vocabulary.ts';
import { anchorFor, defaultTimeZone, fieldLabel, hoursPreview, timeZoneOptions, VOCABULARY } from './manage-view.ts';
import { listEditableLocations, networkSummaries, networksInScope, placeableNetworks } from './manage.service.ts';
import { missingTranslations } from './translations.ts';
import { PHOTO_LIMITS } from './photo-image.ts';

export const manageQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(STATUSES, { error: 'manage:validation.status' }).optional()),
  network: optionalSlugField('manage:validation.network'),
  missing: z.preprocess(blankToUndefined, uiLanguageField('manage:validation.language').optional()),
  page: pageField,
});

export function slugParam(req: Request): string {
  const slug = req.params.slug;
  if (typeof slug !== 'string' || !SLUG.test(slug)) throw notFound('locationNotFound');
  return slug;
}

const previewQuery = z.object({
  value: z.string().max(LIMITS.openingHours, { error: 'manage:validation.tooLong' }).optional(),
  country: z.string().max(8).optional(),
  region: z.string().max(LIMITS.line).optional(),
  timeZone: z.string().max(64).optional(),
});

/** The form's input, or a 400 naming every wrong field: the schema's errors and the rules across fields at once. */
function parseLocationForm(input: Record<string, unknown>): LocationInput {
  const result = locationInputSchema.safeParse(input);
  const details = [...(result.success ? [] : schemaDetails(result.error.issues)), ...crossFieldDetails(input)].map(
    (detail) => formDetail(detail, input),
  );
  if (!result.success || details.length) throw badRequest(details);
  return result.data;
}

interface FormState {
  mode: 'create' | 'edit';
  values: Record<string, unknown>;
  errors?: FormErrors;
  location?: Location;
  networkSlug?: string;
}

async function renderForm(req: Request, res: Response, status: number, state: FormState): Promise<void> {
  const p = req.principal;
  const { location, values } = state;
  const mayMove = !location || canPlaceInNetwork(p, location.network);
  const networks = mayMove ? await placeableNetworks(p, req.lang) : [];
  let currentNetwork: string | undefined;
  if (location) {
    const network = await findNetworkById(location.network);
    currentNetwork = network ? (pickText(network.name, network.language, req.lang)?.text ?? network.slug) : undefined;
  }
  const address = (values.address ?? {}) as Record<string, unknown>;
  const display = formatters(req.lang);
  res.status(status).render('manage/location-form', {
    ...state,
    errors: state.errors ?? NO_ERRORS,
    anchorFor,
    labelFor: (field: string) => fieldLabel(field, req.t, display),
    location: location ?? null,
    action: location ? `/manage/locations/${location.slug}/edit` : '/manage/locations/new',
    networks,
    mayMove,
    currentNetwork,
    columns: formLanguages(values),
    countries: countryOptions(req.lang),
    timeZones: timeZoneOptions(values.timeZone),
    vocabulary: VOCABULARY,
    preview: hoursPreview(values.openingHours, address.countryCode, values.timeZone, new Date(), address.region),
    missing: location ? missingTranslations(location) : undefined,
    display,
    limits: LIMITS,
    photoLimit: PHOTO_LIMITS.perLocation,
  });
}

function newLocationValues(lang: string, network?: string): Record<string, unknown> {
  return {
    network,
    language: lang,
    name: {},
    description: {},
    model: {},
    address: {},
    coordinates: { approximate: false },
    timeZone: defaultTimeZone(undefined),
    facilities: [],
    contact: {},
    tariffs: [],
    dayParts: [],
  };
}

export const manageController = {
  index: async (req: Request, res: Response): Promise<void> => {
    const p = req.principal;
    if (!isManagerOrAdmin(p)) {
      res.render('manage/none');
      return;
    }
    const query = parseInput(manageQuerySchema, safeQuery(req));
    const networks = await networksInScope(p);
    const [list, summaries] = await Promise.all([
      listEditableLocations(p, query, req.lang, networks),
      networkSummaries(p, req.lang, networks),
    ]);
    const pageUrl = (page: number) => {
      const params = new URLSearchParams();
      for (const key of ['status', 'network', 'missing'] as const) if (query[key]) params.set(key, query[key]);
      if (page > 1) params.set('page', String(page));
      const text = params.toString();
      return `/manage${text ? `?${text}` : ''}`;
    };
    res.render('manage/index', {
      query,
      list,
      summaries,
      networks: summaries.map(({ slug, name }) => ({ slug, name })),
      canCreate: summaries.some((s) => s.canCreate),
      prevUrl: list.page > 1 ? pageUrl(list.page - 1) : undefined,
      nextUrl: list.page < list.pageCount ? pageUrl(list.page + 1) : undefined,
      statuses: STATUSES,
      uiLanguages: UI_LANGUAGES,
      display: formatters(req.lang),
    });
  },

  newForm: async (req: Request, res: Response): Promise<void> => {
    const p = req.principal;
    const networks = await placeableNetworks(p, req.lang);
    assertAllowed(p, networks.length > 0);
    const asked = typeof req.query.network === 'string' ? req.query.network : undefined;
    const network = networks.find((n) => n.slug === asked)?.slug ?? networks[0]?.slug;
    const values = newLocationValues(req.lang, network);
    const home = network ? await lookUpNetwork(network) : undefined;
    // A network's places are mostly written in its language and in its country: both are where a new one starts.
    if (home) values.language = home.language;
    if (home?.countryCode) {
      values.address = { countryCode: home.countryCode };
      values.timeZone = defaultTimeZone(home.countryCode);
    }
    await renderForm(req, res, 200, { mode: 'create', values });
  },

  create: async (req: Request, res: Response): Promise<void> => {
    const p = req.principal;
    assertAllowed(p, (await placeableNetworks(p, req.lang)).length > 0);
    const values = formToInput(req.body);
    await submitForm(
      req,
      async () => {
        const created = await createLocation(p, parseLocationForm(values));
        flash(req, 'manage:flash.created');
        res.redirect(303, `/manage/locations/${created.slug}/edit`);
      },
      (status, errors) => renderForm(req, res, status, { mode: 'create', values, errors }),
    );
  },

  editForm: async (req: Request, res: Response): Promise<void> => {
    const location = (await loadEditableLocation(req.principal, slugParam(req))).toObject() as unknown as Location;
    const network = await findNetworkById(location.network);
    await renderForm(req, res, 200, { mode: 'edit', location, values: storedToInput(location, network?.slug ?? '') });
  },

  update: async (req: Request, res: Response): Promise<void> => {
    const p = req.principal;
    const slug = slugParam(req);
    const location = (await loadEditableLocation(p, slug)).toObject() as unknown as Location;
    const values = formToInput(req.body);
    if (!canPlaceInNetwork(p, location.network)) {
      // Managers of named locations keep them where they are, whatever the form says.
      values.network = (await findNetworkById(location.network))?.slug;
    }
    await submitForm(
      req,
      async () => {
        await updateLocation(p, slug, wholeLocationPatch(parseLocationForm(values)));
        flash(req, 'manage:flash.saved');
        res.redirect(303, `/manage/locations/${slug}/edit`);
      },
      (status, errors) => renderForm(req, res, status, { mode: 'edit', location, values, errors }),
    );
  },

  status: async (req: Request, res: Response): Promise<void> => {
    const slug = slugParam(req);
    // Who may change it is settled before what was sent is judged.
    await loadEditableLocation(req.principal, slug);
    const { status } = parseInput(statusSchema, { status: (req.body as Record<string, unknown>)?.status });
    await setLocationStatus(req.principal, slug, status);
    flash(req, `manage:flash.${status}`);
    res.redirect(303, `/manage/locations/${slug}/edit`);
  },

  preview: (req: Request, res: Response): void => {
    const query = parseInput(previewQuery, safeQuery(req));
    const preview = hoursPreview(query.value, query.country, query.timeZone, new Date(), query.region);
    // The preview itself succeeds when the value is wrong: the fragment says what is wrong, as the editor shows it.
    res.render('manage/opening-hours-preview', { preview, display: formatters(req.lang) });
  },
};
