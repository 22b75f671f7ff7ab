// What an uploaded photo must be, and the renditions made of it: the type read from the bytes themselves (never the
// file name or the browser's word), the size and the dimensions checked before anything is decoded.
import type Sharp from 'sharp';
import { badRequest } from '../shared/errors/app-error.ts';

/**
 * sharp, loaded at the first photo rather than at start: its image library adds about 20 MB to the resident memory of
 * every process, and most never see an upload (BENCHMARKS.md, memory).
 */
let loadedSharp: Promise<typeof Sharp> | undefined;
const sharp = () => (loadedSharp ??= import('sharp').then((module) => module.default));

export const PHOTO_LIMITS = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  minSide: 200,
  maxSide: 12_000,
  perLocation: 8,
});

/** The widths made of every photo (narrower ones only when the original is narrower). */
export const PHOTO_WIDTHS = [320, 640, 1280] as const;
export const PHOTO_FORMATS = ['webp', 'jpg'] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

type ImageKind = 'jpeg' | 'png' | 'webp';

/** The image type named by the file's first bytes, if it is one we take. */
export function imageKind(bytes: Buffer): ImageKind | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

const refuse = (key: string, params?: Record<string, unknown>) =>
  badRequest([{ field: 'photo', key: `manage:validation.${key}`, ...(params ? { params } : {}) }]);

/** The widths to make of an image `width` pixels wide: each standard width it reaches, and its own when below the largest. */
export function renditionWidths(width: number): number[] {
  const widths: number[] = PHOTO_WIDTHS.filter((w) => w <= width);
  const largest = PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1]!;
  if (width < largest && !widths.includes(width)) widths.push(width);
  return widths;
}

export interface CheckedImage {
  /** As shown, after the camera's orientation is applied. */
  width: number;
  height: number;
}

/** The upload's dimensions, or a 400 saying what is wrong with it. Reads only the header. */
export async function checkImage(bytes: Buffer | undefined, truncated = false): Promise<CheckedImage> {
  if (!bytes || bytes.length === 0) throw refuse('photoEmpty');
  if (truncated || bytes.length > PHOTO_LIMITS.maxBytes) {
    throw refuse('photoTooLarge', { megabytes: PHOTO_LIMITS.maxBytes / 1024 / 1024 });
  }
  const kind = imageKind(bytes);
  if (!kind) throw refuse('photoType');
  let meta;
  try {
    meta = await (await sharp())(bytes).metadata();
  } catch {
    throw refuse('photoUnreadable');
  }
  if (meta.format !== kind || !meta.width || !meta.height) throw refuse('photoUnreadable');
  // EXIF orientations 5 to 8 turn the picture a quarter: its width is the stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  const { minSide, maxSide } = PHOTO_LIMITS;
  if (width > maxSide || height > maxSide) throw refuse('photoDimensionsTooLarge', { max: maxSide });
  if (width < minSide || height < minSide) throw refuse('photoDimensionsTooSmall', { min: minSide });
  return { width, height };
}

export interface Rendition {
  width: number;
  format: PhotoFormat;
  bytes: Buffer;
}

/**
 * Each width in WebP and JPEG, turned upright. sharp writes no metadata unless asked, so a camera's EXIF (its GPS
 * position included) is not published.
 */
export async function makeRenditions(bytes: Buffer, widths: readonly number[]): Promise<Rendition[]> {
  const upright = (await sharp())(bytes, { limitInputPixels: PHOTO_LIMITS.maxSide ** 2 }).rotate();
  const made = await Promise.all(
    widths.flatMap((width) => {
      const resized = upright.clone().resize({ width, withoutEnlargement: true });
      return [
        resized
          .clone()
          .webp({ quality: 78 })
          .toBuffer()
          .then((out) => ({ width, format: 'webp' as const, bytes: out })),
        resized
          .clone()
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 80, mozjpeg: true })
          .toBuffer()
          .then((out) => ({ width, format: 'jpg' as const, bytes: out })),
      ];
    }),
  );
  return made;
}
