// The addresses of a photo's files. A photo's id is a hash of its content, so what one address serves never changes
// and may be cached for ever.
import type { PhotoFormat } from './photo-image.ts';

/** What it takes to name a photo's files: its id and the widths made of it. */
export interface PhotoRef {
  id: string;
  widths: readonly number[];
}

export const photoFileKey = (id: string, width: number, format: PhotoFormat): string => `${id}-${width}.${format}`;

export const photoFileUrl = (id: string, width: number, format: PhotoFormat): string =>
  `/photos/${photoFileKey(id, width, format)}`;

export interface PhotoSources {
  /** A JPEG for browsers that read no srcset, near 640 pixels wide. */
  src: string;
  webpSrcset: string;
  jpegSrcset: string;
}

const srcset = (ref: PhotoRef, format: PhotoFormat) =>
  ref.widths.map((w) => `${photoFileUrl(ref.id, w, format)} ${w}w`).join(', ');

export function photoSources(ref: PhotoRef): PhotoSources {
  const fallback = ref.widths.find((w) => w >= 640) ?? ref.widths[ref.widths.length - 1] ?? 0;
  return {
    src: photoFileUrl(ref.id, fallback, 'jpg'),
    webpSrcset: srcset(ref, 'webp'),
    jpegSrcset: srcset(ref, 'jpg'),
  };
}
