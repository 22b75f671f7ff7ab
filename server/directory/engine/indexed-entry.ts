// How the index holds an entry in memory. The values most entries share (language, type, model, country, network,
// time zone, holiday region) are one profile object per combination, read through getters on the prototype, which
// cost nothing per entry; and every entry has the same fields, so none needs a property array of its own: smaller
// than plain objects of the same fields (BENCHMARKS.md has the directory's memory).
import type { LanguageMap } from '../../shared/db/language-map.ts';
import type { ParsedOpeningHours, PhotoRef } from '../../locations/index.ts';
import type { DirectoryEntry } from './directory-entry.ts';

/** What many entries have in common: a few thousand combinations at most, as each part is a small vocabulary. */
export interface EntryProfile {
  readonly language: string;
  readonly type: string;
  readonly governance: string;
  readonly openness: string;
  readonly spaceKind: string;
  readonly countryCode: string;
  readonly networkId: string;
  readonly networkSlug: string;
  readonly timeZone: string;
  /** The region whose holidays the opening hours follow ('' unless they may name holidays and a region is given). */
  readonly holidayRegion: string;
}

/**
 * The values the entries of one engine share: a profile per combination and a set per distinct list of facilities.
 * They live as long as the engine, as the vocabularies are bounded by the data model (a renamed network adds one
 * profile).
 */
export class SharedValues {
  private readonly profiles = new Map<string, EntryProfile>();
  private readonly facilitySets = new Map<string, ReadonlySet<string>>();

  /** The one profile object with these values. */
  profile(profile: EntryProfile): EntryProfile {
    const { language, type, governance, openness, spaceKind, countryCode, networkId, networkSlug, timeZone } = profile;
    const key = [
      language,
      type,
      governance,
      openness,
      spaceKind,
      countryCode,
      networkId,
      networkSlug,
      timeZone,
      profile.holidayRegion,
    ].join('\n');
    let shared = this.profiles.get(key);
    if (!shared) {
      shared = Object.freeze({ ...profile });
      this.profiles.set(key, shared);
    }
    return shared;
  }

  /** The one set with these facilities. */
  facilities(facilities: readonly string[]): ReadonlySet<string> {
    const key = [...new Set(facilities)].sort().join(' ');
    let set = this.facilitySets.get(key);
    if (!set) {
      set = new Set(key ? key.split(' ') : []);
      this.facilitySets.set(key, set);
    }
    return set;
  }
}

export class IndexedEntry implements DirectoryEntry {
  readonly id: string;
  readonly slug: string;
  readonly name: LanguageMap;
  readonly sortKey: string;
  readonly locality: string;
  readonly lat: number;
  readonly lng: number;
  readonly approximate: boolean;
  readonly facilities: ReadonlySet<string>;
  readonly profile: EntryProfile;
  readonly openingHoursValue: string | undefined;
  readonly openingHours: ParsedOpeningHours | undefined;
  readonly tokens: readonly string[];
  readonly primaryTokens: number;
  readonly updatedAt: number;
  readonly photo: PhotoRef | null;
  constructor(
    id: string,
    slug: string,
    name: LanguageMap,
    sortKey: string,
    locality: string,
    lat: number,
    lng: number,
    approximate: boolean,
    facilities: ReadonlySet<string>,
    profile: EntryProfile,
    openingHoursValue: string | undefined,
    openingHours: ParsedOpeningHours | undefined,
    tokens: readonly string[],
    primaryTokens: number,
    updatedAt: number,
    photo: PhotoRef | null,
  ) {
    this.id = id;
    this.slug = slug;
    this.name = name;
    this.sortKey = sortKey;
    this.locality = locality;
    this.lat = lat;
    this.lng = lng;
    this.approximate = approximate;
    this.facilities = facilities;
    this.profile = profile;
    this.openingHoursValue = openingHoursValue;
    this.openingHours = openingHours;
    this.tokens = tokens;
    this.primaryTokens = primaryTokens;
    this.updatedAt = updatedAt;
    this.photo = photo;
  }

  get language(): string {
    return this.profile.language;
  }

  get type(): string {
    return this.profile.type;
  }

  get governance(): string {
    return this.profile.governance;
  }

  get openness(): string {
    return this.profile.openness;
  }

  get spaceKind(): string {
    return this.profile.spaceKind;
  }

  get countryCode(): string {
    return this.profile.countryCode;
  }

  get networkId(): string {
    return this.profile.networkId;
  }

  get networkSlug(): string {
    return this.profile.networkSlug;
  }

  get timeZone(): string {
    return this.profile.timeZone;
  }

  get holidayRegion(): string {
    return this.profile.holidayRegion;
  }
}
