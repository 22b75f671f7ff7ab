// The location editor's form fields built from the write schema's shape, as a browser would send them.
import type { Location } from '../../server/locations/index.ts';

export type FormFields = Record<string, string | string[]>;

/** Nested groups become dotted names ("address.locality", "tariffs.0.amount"), as the editor names its fields. */
export function locationFormFields(values: Record<string, unknown>, prefix = ''): FormFields {
  const fields: FormFields = {};
  for (const [key, value] of Object.entries(values)) {
    const name = prefix + key;
    if (value === undefined || value === null) continue;
    if (key === 'facilities') fields[name] = value as string[];
    else if (Array.isArray(value))
      value.forEach((row, i) =>
        Object.assign(fields, locationFormFields(row as Record<string, unknown>, `${name}.${i}.`)),
      );
    else if (typeof value === 'object')
      Object.assign(fields, locationFormFields(value as Record<string, unknown>, `${name}.`));
    else if (value === true) fields[name] = 'true';
    else if (typeof value === 'string' || typeof value === 'number') fields[name] = String(value);
  }
  return fields;
}

/** What the editor shows for a stored location, as form fields. */
export function storedLocationForm(location: Location, network: string): FormFields {
  return locationFormFields({
    network,
    language: location.language,
    name: location.name,
    description: location.description,
    type: location.type,
    model: location.model,
    address: location.address,
    coordinates: location.coordinates,
    openingHours: location.openingHours,
    timeZone: location.timeZone,
    facilities: location.facilities,
    wifiMbps: location.wifiMbps,
    capacity: location.capacity,
    contact: location.contact,
    tariffs: location.tariffs?.map(({ category, amount, currency }) => ({ category, amount, currency })),
  });
}

/** A new location of Smart Belgium, valid for the form and the JSON API alike. */
export const NEW_SMART_PLACE = {
  network: 'smart-be',
  language: 'fr',
  name: { fr: 'La Fonderie Namur', nl: 'De Gieterij Namen' },
  description: { fr: 'Espace de travail partagé près de la gare.' },
  type: 'coworking',
  model: { governance: 'partner', openness: 'public', spaceKind: 'shared-workspace' },
  address: { street: 'Rue de Fer 12', postcode: '5000', locality: 'Namur', countryCode: 'BE' },
  coordinates: { lat: 50.4669, lng: 4.8675 },
  openingHours: 'Mo-Fr 09:00-17:00',
  timeZone: 'Europe/Brussels',
  facilities: ['wifi', 'desks'],
  capacity: { desks: 12 },
  tariffs: [{ category: 'public', amount: 9 }],
};
