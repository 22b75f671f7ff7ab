// The photos page of a location's editor (works without JavaScript) and its writes; the photo files themselves.
import type { NextFunction, Request, Response } from 'express';
import { pickText } from '../shared/i18n/content-text.ts';
import { notFound } from '../shared/errors/app-error.ts';
import { wantsJson } from '../shared/http/error-handler.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { readMultipart } from '../shared/http/multipart.ts';
import { parseInput } from '../shared/http/validate.ts';
import { loadEditableLocation } from './location-write.service.ts';
import type { Location } from './location.model.ts';
import { slugParam } from './manage.controller.ts';
import { ALT_MAX_LENGTH, altLanguages, moveSchema, photoIdParam } from './photo.schemas.ts';
import { addPhoto, describePhoto, movePhoto, removePhoto } from './photo.service.ts';
import { PHOTO_LIMITS } from './photo-image.ts';
import type { PhotoStore } from './photo-store.ts';
import { PHOTO_FILE_KEY } from './photo-store.ts';
import { photoSources } from './photo-urls.ts';
import { photoViews } from './photo-view.ts';

interface PageState {
  /** Which form the errors and values belong to: `new` (the upload) or a photo's id. */
  target?: string;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}

const pageUrl = (slug: string) => `/manage/locations/${slug}/photos`;

async function renderPage(req: Request, res: Response, status: number, state: PageState = {}): Promise<void> {
  const location = (await loadEditableLocation(req.principal, slugParam(req))).toObject() as unknown as Location;
  const name = pickText(location.name, location.language, req.lang)?.text ?? location.slug;
  res.status(status).render('manage/location-photos', {
    location,
    name,
    photos: photoViews(location.photos, location.language, req.lang),
    altLangs: altLanguages(location.language),
    target: state.target,
    errors: state.errors ?? NO_ERRORS,
    values: state.values ?? {},
    limits: { ...PHOTO_LIMITS, megabytes: PHOTO_LIMITS.maxBytes / 1024 / 1024, altLength: ALT_MAX_LENGTH },
    anchorFor: (field: string) => `${state.target ?? 'new'}-${field.replace('.', '-')}`,
  });
}

/** Runs a photo write from a form: back to the photos page with a notice, or the page again with what is wrong. */
async function submitPhotoForm(
  req: Request,
  res: Response,
  target: string,
  values: Record<string, unknown>,
  write: () => Promise<unknown>,
  notice: string,
): Promise<void> {
  const slug = slugParam(req);
  await submitForm(
    req,
    async () => {
      await write();
      flash(req, notice);
      res.redirect(303, `${pageUrl(slug)}#photos`);
    },
    (status, errors) => renderPage(req, res, status, { target, errors, values }),
  );
}

const TYPES = { webp: 'image/webp', jpg: 'image/jpeg' } as const;

export function photoController(store: PhotoStore) {
  return {
    /** A photo file: its name is its content's hash, so it is cached for a year and never asked for again. */
    file: async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const key = req.params.file;
      const bytes = typeof key === 'string' && PHOTO_FILE_KEY.test(key) ? await store.get(key) : undefined;
      if (!bytes) return next(notFound());
      res.set('Cache-Control', 'public, max-age=31536000, immutable');
      res.type(TYPES[String(key).endsWith('.webp') ? 'webp' : 'jpg']).send(bytes);
    },

    page: (req: Request, res: Response) => renderPage(req, res, 200),

    upload: async (req: Request, res: Response): Promise<void> => {
      const slug = slugParam(req);
      try {
        // Who may is settled before the upload is read.
        await loadEditableLocation(req.principal, slug);
      } catch (error) {
        req.resume();
        throw error;
      }
      const form = await readMultipart(req, { fileBytes: PHOTO_LIMITS.maxBytes });
      const upload = { bytes: form.file?.bytes, truncated: form.file?.truncated ?? false, fields: form.fields };
      if (wantsJson(req)) {
        const photo = await addPhoto(req.principal, store, slug, upload);
        res.status(201).json({ photo: { ...photo, sources: photoSources(photo) } });
        return;
      }
      await submitPhotoForm(
        req,
        res,
        'new',
        form.fields,
        () => addPhoto(req.principal, store, slug, upload),
        'manage:flash.photoAdded',
      );
    },

    describe: (req: Request, res: Response): Promise<void> => {
      const id = photoIdParam(req.params.photoId);
      const body = (req.body ?? {}) as Record<string, unknown>;
      return submitPhotoForm(
        req,
        res,
        id,
        body,
        () => describePhoto(req.principal, slugParam(req), id, body),
        'manage:flash.photoDescribed',
      );
    },

    move: async (req: Request, res: Response): Promise<void> => {
      const slug = slugParam(req);
      const id = photoIdParam(req.params.photoId);
      await loadEditableLocation(req.principal, slug);
      const { direction } = parseInput(moveSchema, { direction: (req.body as Record<string, unknown>)?.direction });
      await movePhoto(req.principal, slug, id, direction);
      flash(req, 'manage:flash.photoMoved');
      res.redirect(303, `${pageUrl(slug)}#photo-${id}`);
    },

    remove: async (req: Request, res: Response): Promise<void> => {
      const slug = slugParam(req);
      await removePhoto(req.principal, store, slug, photoIdParam(req.params.photoId));
      flash(req, 'manage:flash.photoRemoved');
      res.redirect(303, `${pageUrl(slug)}#photos`);
    },
  };
}
