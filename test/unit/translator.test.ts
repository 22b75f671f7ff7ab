// The translator that pages and mails use: texts by key alone are remembered per language, texts with values are not.
import { expect } from 'chai';
import i18next from 'i18next';
import { tooManyRequests } from '../../server/shared/errors/app-error.ts';
import { initI18n, translator } from '../../server/shared/i18n/i18n.ts';

describe('translator', () => {
  before(() => initI18n());

  it('when a key is asked for again, then each language answers with its own text, as i18next does', () => {
    for (const lang of ['en', 'nl', 'fr', 'de'] as const) {
      const t = translator(lang);
      const first = t('directory:filters.submit');
      const again = t('directory:filters.submit');

      expect(again).to.equal(first);
      expect(first).to.equal(i18next.getFixedT(lang)('directory:filters.submit'));
    }
    expect(translator('nl')('directory:filters.submit')).to.not.equal(translator('en')('directory:filters.submit'));
  });

  it('when a text takes values, then every call fills in its own values', () => {
    const t = translator('nl');

    expect(t('admin:users.rolesOf', { name: 'Ada' })).to.equal('Rollen van Ada');
    expect(t('admin:users.rolesOf', { name: 'Grace' })).to.equal('Rollen van Grace');
    expect(t('admin:users.count', { count: 1 })).to.not.equal(t('admin:users.count', { count: 5 }));
  });

  it('when a refused attempt must wait one minute or several, then each language says minute or minutes', () => {
    const message = (lang: 'en' | 'nl' | 'fr' | 'de', seconds: number) =>
      translator(lang)('errors:tooManyRequests', tooManyRequests(seconds).params);

    expect(message('en', 20)).to.include('wait 1 minute and');
    expect(message('en', 150)).to.include('wait 3 minutes and');
    expect(message('nl', 20)).to.include('Wacht 1 minuut en');
    expect(message('fr', 20)).to.include('patienter 1 minute puis');
    expect(message('de', 20)).to.include('warten Sie 1 Minute und');
    expect(message('de', 600)).to.include('warten Sie 10 Minuten und');
  });
});
