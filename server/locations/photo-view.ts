// A photo as pages show it: its files' addresses and its alt text in the reader's language.
import { pickText, type ContentText, type ReaderLanguages } from '../shared/i18n/content-text.ts';
import type { LocationPhoto } from './location.model.ts';
import { photoSources, type PhotoSources } from './photo-urls.ts';

export interface PhotoView {
  id: string;
  width: number;
  height: number;
  /** Absent when no language has one (a photo stored before alt text was asked for). */
  alt?: ContentText;
  altMap: Record<string, string | undefined>;
  sources: PhotoSources;
}

export function photoViews(
  photos: LocationPhoto[] | undefined,
  ownLanguage: string,
  lang: ReaderLanguages,
): PhotoView[] {
  return (photos ?? []).map((photo) => {
    const alt = pickText(photo.alt, ownLanguage, lang);
    return {
      id: photo.id,
      width: photo.width,
      height: photo.height,
      ...(alt ? { alt } : {}),
      altMap: photo.alt ?? {},
      sources: photoSources(photo),
    };
  });
}
