// The "Would you work here?" section of a place's page: the viewer's own signal or the form, and the count for those
// who may see it.
import type { PlaceSections } from '../locations/index.ts';
import { NO_ERRORS } from '../shared/http/forms.ts';
import type { DemandService } from './demand.service.ts';
import { FREQUENCIES, INTEREST_DAY_PARTS } from './demand.vocabulary.ts';

export function demandPlaceSection(demand: DemandService): PlaceSections {
  return async (place, viewer) => {
    const { mine, count } = await demand.interestAt(viewer, {
      kind: 'location',
      locationId: place.id,
      networkId: place.networkId,
      lat: place.lat,
      lng: place.lng,
    });
    const locals = {
      dayParts: INTEREST_DAY_PARTS,
      frequencies: FREQUENCIES,
      slug: place.slug,
      mine,
      count,
      signedIn: viewer.kind === 'user',
      errors: NO_ERRORS,
    };
    return [{ view: 'demand/place-section', locals }];
  };
}
