// A location's photos: added, described, moved and removed by whoever may edit the location, every change audited.
// The files are written before the location names them and removed after it stops naming them, so a page never
// names a file that is not there; a refused upload stores nothing.
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import { badRequest, notFound } from '../shared/errors/app-error.ts';
import { claims } from '../shared/db/claims.ts';
import type { Principal } from '../shared/principal.ts';
import { loadEditableLocation } from './location-write.service.ts';
import type { LocationPhoto } from './location.model.ts';
import { checkImage, makeRenditions, PHOTO_FORMATS, PHOTO_LIMITS, renditionWidths } from './photo-image.ts';
import { altTextFrom, type MoveDirection } from './photo.schemas.ts';
import type { PhotoStore } from './photo-store.ts';
import { photoFileKey } from './photo-urls.ts';

export interface PhotoUpload {
  bytes?: Buffer;
  /** The upload went past the size limit and was cut short. */
  truncated: boolean;
  /** The form's fields (`alt.<language>`). */
  fields: Record<string, unknown>;
}

const plainPhotos = (photos: LocationPhoto[] | undefined): LocationPhoto[] =>
  JSON.parse(JSON.stringify(photos ?? [])) as LocationPhoto[];

const fileKeys = (photo: Pick<LocationPhoto, 'id' | 'widths'>) =>
  photo.widths.flatMap((w) => PHOTO_FORMATS.map((format) => photoFileKey(photo.id, w, format)));

/**
 * Runs a change of a location's photos: who may is settled first, then the change is made under a short lock per
 * location (two uploads at once would both count seven photos and store nine), saved and audited.
 */
async function changePhotos<T>(
  p: Principal,
  slug: string,
  change: (photos: LocationPhoto[], location: { _id: { toString(): string }; language: string }) => T | Promise<T>,
): Promise<T> {
  const first = await loadEditableLocation(p, slug);
  return claims.hold(`location:${first._id.toString()}:photos`, async () => {
    const location = await loadEditableLocation(p, slug);
    const before = plainPhotos(location.photos);
    const photos = plainPhotos(before);
    const result = await change(photos, location);
    if (JSON.stringify(photos) === JSON.stringify(before)) return result;
    location.set('photos', photos);
    await location.save();
    await recordAudit(p, {
      action: 'location.photos',
      entityType: 'location',
      entityId: location._id.toString(),
      networkId: location.network,
      before: { photos: before },
      after: { photos },
    });
    return result;
  });
}

function photoAt(photos: LocationPhoto[], id: string): number {
  const index = photos.findIndex((photo) => photo.id === id);
  if (index < 0) throw notFound('photoNotFound');
  return index;
}

/** Adds a photo at the end, from an upload checked by its content; answers the stored photo. */
export async function addPhoto(
  p: Principal,
  store: PhotoStore,
  slug: string,
  upload: PhotoUpload,
): Promise<LocationPhoto> {
  let written: string[] = [];
  try {
    return await changePhotos(p, slug, async (photos, location) => {
      if (photos.length >= PHOTO_LIMITS.perLocation) {
        throw badRequest([
          { field: 'photo', key: 'manage:validation.photoLimit', params: { max: PHOTO_LIMITS.perLocation } },
        ]);
      }
      const alt = altTextFrom(upload.fields, location.language);
      const { width, height } = await checkImage(upload.bytes, upload.truncated);
      const bytes = upload.bytes!;
      // The location is part of the hash: the same picture in two places is two photos, removed independently.
      const id = createHash('sha256').update(location._id.toString()).update(bytes).digest('hex').slice(0, 32);
      if (photos.some((photo) => photo.id === id)) {
        throw badRequest([{ field: 'photo', key: 'manage:validation.photoDuplicate' }]);
      }
      const widths = renditionWidths(width);
      const renditions = await makeRenditions(bytes, widths);
      written = renditions.map((r) => photoFileKey(id, r.width, r.format));
      await Promise.all(renditions.map((r, i) => store.put(written[i]!, r.bytes)));
      const photo: LocationPhoto = { id, width, height, widths, alt };
      photos.push(photo);
      return photo;
    });
  } catch (error) {
    // Nothing of a refused or failed upload is kept.
    await Promise.all(written.map((key) => store.delete(key).catch(() => undefined)));
    throw error;
  }
}

/** Replaces a photo's alt text. */
export function describePhoto(p: Principal, slug: string, id: string, fields: Record<string, unknown>): Promise<void> {
  return changePhotos(p, slug, (photos, location) => {
    const photo = photos[photoAt(photos, id)]!;
    photo.alt = altTextFrom(fields, location.language);
  });
}

/** Moves a photo one place earlier or later; the first is the one the directory shows. */
export function movePhoto(p: Principal, slug: string, id: string, direction: MoveDirection): Promise<void> {
  return changePhotos(p, slug, (photos) => {
    const from = photoAt(photos, id);
    const to = direction === 'earlier' ? from - 1 : from + 1;
    if (to < 0 || to >= photos.length) return;
    [photos[from], photos[to]] = [photos[to]!, photos[from]!];
  });
}

/** Removes a photo and, once the location no longer names them, its files. */
export async function removePhoto(p: Principal, store: PhotoStore, slug: string, id: string): Promise<void> {
  const removed = await changePhotos(p, slug, (photos) => photos.splice(photoAt(photos, id), 1)[0]!);
  await Promise.all(fileKeys(removed).map((key) => store.delete(key)));
}
