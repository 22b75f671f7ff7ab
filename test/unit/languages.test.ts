// Choosing the interface language of a request, reading translatable content and building language-switch links.
import { expect } from 'chai';
import {
  acceptedLanguages,
  fromAcceptLanguage,
  languageCookie,
  negotiateLanguage,
  readerLanguages,
} from '../../server/shared/i18n/languages.ts';
import { pickText } from '../../server/shared/i18n/content-text.ts';
import { urlWithLanguage } from '../../server/shared/i18n/view-locals.ts';

describe('languageCookie', () => {
  it('when a language is chosen, then the cookie keeps it for a year on the whole site, readable by the page', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0);

    expect(languageCookie('fr', now)).to.equal(
      'lang=fr; Max-Age=31536000; Path=/; Expires=Wed, 24 Nov 2027 12:00:00 GMT; SameSite=Lax',
    );
  });
});

describe('negotiateLanguage', () => {
  it('when the query, the cookie and the header all name a language, then the query wins', () => {
    const lang = negotiateLanguage({ query: 'fr', cookie: 'nl', acceptLanguage: 'de' });

    expect(lang).to.equal('fr');
  });

  it('when there is no query, then the cookie beats Accept-Language', () => {
    const lang = negotiateLanguage({ cookie: 'nl', acceptLanguage: 'de, fr;q=0.8' });

    expect(lang).to.equal('nl');
  });

  it('when the query names an unsupported language, then the cookie is used', () => {
    const lang = negotiateLanguage({ query: 'xx', cookie: 'de', acceptLanguage: 'fr' });

    expect(lang).to.equal('de');
  });

  it('when neither query nor cookie is usable, then Accept-Language decides', () => {
    const lang = negotiateLanguage({ query: ['fr', 'nl'], cookie: 'klingon', acceptLanguage: 'nl-BE,nl;q=0.9' });

    expect(lang).to.equal('nl');
  });

  it('when nothing names a supported language, then English is used', () => {
    expect(negotiateLanguage({})).to.equal('en');
    expect(negotiateLanguage({ acceptLanguage: 'es-ES, it;q=0.8' })).to.equal('en');
  });
});

describe('fromAcceptLanguage', () => {
  it('when languages carry q-values, then the highest quality wins whatever the order', () => {
    expect(fromAcceptLanguage('de;q=0.5, nl;q=0.8, fr;q=0.7')).to.equal('nl');
  });

  it('when languages have the same quality, then the first listed wins', () => {
    expect(fromAcceptLanguage('fr, de')).to.equal('fr');
    expect(fromAcceptLanguage('de;q=0.6, fr;q=0.6')).to.equal('de');
  });

  it('when a region tag such as nl-BE or fr-BE is sent, then its base language is used', () => {
    expect(fromAcceptLanguage('nl-BE')).to.equal('nl');
    expect(fromAcceptLanguage('FR-be;q=0.9')).to.equal('fr');
    expect(fromAcceptLanguage('de-AT')).to.equal('de');
  });

  it('when the preferred languages are unsupported, then the best supported one further down is used', () => {
    expect(fromAcceptLanguage('es-ES, it;q=0.9, de;q=0.3')).to.equal('de');
  });

  it('when a language has q=0, then it is never chosen', () => {
    expect(fromAcceptLanguage('fr;q=0, nl;q=0.1')).to.equal('nl');
    expect(fromAcceptLanguage('fr;q=0')).to.equal(undefined);
  });

  it('when the header is missing, empty or names only unsupported languages, then no language is returned', () => {
    expect(fromAcceptLanguage(undefined)).to.equal(undefined);
    expect(fromAcceptLanguage('')).to.equal(undefined);
    expect(fromAcceptLanguage('es, *;q=0.5')).to.equal(undefined);
  });
});

describe('readerLanguages', () => {
  it('when a request accepts several languages, then all of them follow the interface language in quality order', () => {
    expect(readerLanguages('de', 'es;q=0.5, nl-BE, fr;q=0.8, de;q=0.9')).to.deep.equal(['de', 'nl', 'fr', 'es']);
  });

  it('when the header is missing or names only wildcards and refused languages, then the interface language alone', () => {
    expect(readerLanguages('fr', undefined)).to.deep.equal(['fr']);
    expect(readerLanguages('fr', '*, it;q=0')).to.deep.equal(['fr']);
  });

  it('when the header repeats a language in several regions, then it is listed once', () => {
    expect(acceptedLanguages('nl-BE, nl-NL;q=0.9, nl;q=0.8, en;q=0.5')).to.deep.equal(['nl', 'en']);
  });
});

describe('pickText', () => {
  const liegeName = { fr: 'Coworking Liège test', nl: 'Coworking Luik test', en: 'Liège coworking test' };

  it('when the asked language is present, then it is shown without a fallback notice', () => {
    expect(pickText(liegeName, 'fr', 'nl')).to.deep.equal({ text: 'Coworking Luik test', lang: 'nl', fallback: false });
  });

  it("when the asked language is missing, then English comes before the record's own language", () => {
    const name = { fr: 'Tiers-lieu de Namur test', en: 'Namur third place test' };

    expect(pickText(name, 'fr', 'de')).to.deep.equal({ text: 'Namur third place test', lang: 'en', fallback: true });
  });

  it("when neither the asked language nor English is present, then the record's own language is shown", () => {
    const name = { fr: 'Tiers-lieu de Namur test', nl: 'Derde plek Namen test' };

    expect(pickText(name, 'fr', 'de')).to.deep.equal({ text: 'Tiers-lieu de Namur test', lang: 'fr', fallback: true });
  });

  it("when the reader's first language is missing, then their next accepted language wins over English and the own one", () => {
    const name = { fr: 'Tiers-lieu de Namur test', nl: 'Derde plek Namen test', en: 'Namur third place test' };

    expect(pickText(name, 'fr', ['de', 'nl', 'en'])).to.deep.equal({
      text: 'Derde plek Namen test',
      lang: 'nl',
      fallback: true,
    });
    expect(pickText(name, 'fr', ['nl', 'de'])).to.deep.equal({
      text: 'Derde plek Namen test',
      lang: 'nl',
      fallback: false,
    });
  });

  it('when only another language is present, then that text is shown as a fallback', () => {
    const name = { it: 'Spazio di coworking test' };

    expect(pickText(name, 'fr', 'nl')).to.deep.equal({ text: 'Spazio di coworking test', lang: 'it', fallback: true });
  });

  it('when the asked language holds only blanks, then it is skipped and the text shown is trimmed', () => {
    const name = { nl: '   ', fr: '  Maison de village Dwingeloo test  ' };

    expect(pickText(name, 'fr', 'nl')).to.deep.equal({
      text: 'Maison de village Dwingeloo test',
      lang: 'fr',
      fallback: true,
    });
  });

  it('when the map is missing or holds no text, then nothing is returned', () => {
    expect(pickText(undefined, 'fr', 'nl')).to.equal(undefined);
    expect(pickText({}, 'fr', 'nl')).to.equal(undefined);
    expect(pickText({ fr: ' ', de: '' }, 'fr', 'nl')).to.equal(undefined);
  });
});

describe('urlWithLanguage', () => {
  it('when the URL has no lang, then lang is added', () => {
    expect(urlWithLanguage('/', 'de')).to.equal('/?lang=de');
  });

  it('when the URL already has a lang, then it is replaced and the other parameters are kept', () => {
    expect(urlWithLanguage('/?q=Li%C3%A8ge&lang=fr', 'nl')).to.equal('/?q=Li%C3%A8ge&lang=nl');
  });

  it('when lang appears twice, then only the new one remains', () => {
    expect(urlWithLanguage('/places/coworking-liege-test?lang=en&lang=fr', 'nl')).to.equal(
      '/places/coworking-liege-test?lang=nl',
    );
  });

  it('when no language is given (the x-default link), then lang is removed', () => {
    expect(urlWithLanguage('/?q=Li%C3%A8ge&lang=fr', undefined)).to.equal('/?q=Li%C3%A8ge');
    expect(urlWithLanguage('/?lang=fr', undefined)).to.equal('/');
  });

  it('when the URL repeats filter parameters, then every value is kept in order', () => {
    expect(urlWithLanguage('/?type=fablab&type=coworking', 'fr')).to.equal('/?type=fablab&type=coworking&lang=fr');
  });

  it('when the URL starts with two slashes, then the link stays on this site', () => {
    const url = urlWithLanguage('//elsewhere.example/path', 'fr');

    expect(url.startsWith('/')).to.equal(true);
    expect(url.startsWith('//')).to.equal(false);
  });
});
