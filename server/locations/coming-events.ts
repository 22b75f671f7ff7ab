// The coming events of a place, for its page. Programmes build on locations, so locations may not import them: this
// port is answered by the programmes domain and handed to the location routes by app.ts.
import type { Principal } from '../shared/principal.ts';

export interface ComingEventRef {
  title: { text: string; lang: string };
  category: string;
  /** The occurrence's own page. */
  url: string;
  start: Date;
  end: Date;
  /** Wall times at the place: "YYYY-MM-DDTHH:mm". */
  wallStart: string;
  wallEnd: string;
  cancelled: boolean;
  membersOnly: boolean;
}

export interface ComingEvents {
  /** The next occurrences at a location that `principal` may see, soonest first. */
  at(locationSlug: string, principal: Principal, lang: string[] | string, limit?: number): Promise<ComingEventRef[]>;
  /** Where the place's iCalendar feed is. */
  feedUrl(slug: string): string;
}
