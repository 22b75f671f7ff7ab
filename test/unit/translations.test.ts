// Which languages a listing lacks text in: the rule /manage and the editor show, and its database twin.
import { expect } from 'chai';
import { missingLanguageFilter, missingTranslations } from '../../server/locations/translations.ts';

describe('missing translations', () => {
  it('when a listing has a French name and description only, then English, Dutch and German are missing', () => {
    const missing = missingTranslations({ name: { fr: 'LaVallée' }, description: { fr: 'Lieu Smart à Bruxelles.' } });

    expect(missing.languages).to.deep.equal(['en', 'nl', 'de']);
    expect(missing.untranslated).to.deep.equal(['en', 'nl', 'de']);
  });

  it('when a listing has a Dutch name but no Dutch description, then Dutch lacks only the description', () => {
    const missing = missingTranslations({
      name: { fr: 'LaVallée', nl: 'LaVallée Brussel' },
      description: { fr: 'Lieu Smart à Bruxelles.' },
    });

    expect(missing.name).to.deep.equal(['en', 'de']);
    expect(missing.description).to.deep.equal(['en', 'nl', 'de']);
    expect(missing.languages).to.deep.equal(['en', 'nl', 'de']);
    expect(missing.untranslated).to.deep.equal(['en', 'de']);
  });

  it('when text is blank or the description map is absent, then it counts as missing', () => {
    const missing = missingTranslations({ name: { en: '  ', nl: 'Dorpshuis' }, description: null });

    expect(missing.name).to.deep.equal(['en', 'fr', 'de']);
    expect(missing.description).to.deep.equal(['en', 'nl', 'fr', 'de']);
  });

  it('when every language has a name and a description, then nothing is missing', () => {
    const all = { en: 'a', nl: 'b', fr: 'c', de: 'd' };

    expect(missingTranslations({ name: all, description: all }).languages).to.deep.equal([]);
  });

  it('when text in other languages is present, then it neither fills nor adds to the four interface languages', () => {
    const missing = missingTranslations({ name: { it: 'Fabbrica', en: 'Factory' }, description: { en: 'A fablab.' } });

    expect(missing.languages).to.deep.equal(['nl', 'fr', 'de']);
  });

  it('when the database is asked for listings lacking Dutch, then the filter names the Dutch name and description', () => {
    expect(missingLanguageFilter('nl')).to.deep.equal({
      $or: [{ 'name.nl': { $exists: false } }, { 'description.nl': { $exists: false } }],
    });
  });
});
