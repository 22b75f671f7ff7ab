// Sections other domains add to a place's page (what people said they would use there, …). Those domains build on
// locations, so locations may not import them: app.ts hands their sections to the location routes.
import type { Principal } from '../shared/principal.ts';

export interface PlaceSection {
  /** The template, relative to views/. */
  view: string;
  locals: Record<string, unknown>;
}

export interface PlaceOnPage {
  id: string;
  slug: string;
  networkId: string;
  lat: number;
  lng: number;
}

/** One domain's sections for a place, as the viewer may see them (none, when nothing applies). */
export type PlaceSections = (place: PlaceOnPage, viewer: Principal) => Promise<PlaceSection[]>;
