import { expect } from '@open-wc/testing';
import { errorMessage, formatDate, formatMoney, isLocaleLoaded, loadLocale, resolveLocale, translate } from '../../widgets/core/i18n/index.js';

describe('i18n', () => {
  it('picks the locale attribute, else the tenant default, else the browser, else German', () => {
    const tenant = { locales: ['de', 'en'], defaultLocale: 'en' };
    expect(resolveLocale('de', tenant, ['en'])).to.equal('de');
    expect(resolveLocale(null, tenant, ['de'])).to.equal('en');
    expect(resolveLocale(null, undefined, ['fr-FR', 'en-US'])).to.equal('en');
    expect(resolveLocale('fr', undefined, ['fr'])).to.equal('de');
    // a locale the tenant does not enable is not used
    expect(resolveLocale('en', { locales: ['de'], defaultLocale: 'de' }, [])).to.equal('de');
  });

  it('translates with parameters; English loads on first use and has every key', async () => {
    expect(translate('de', 'kit.brand', { name: 'Demo' })).to.equal('Ein Service von Demo');
    await loadLocale('en');
    expect(isLocaleLoaded('en')).to.equal(true);
    expect(translate('en', 'kit.brand', { name: 'Demo' })).to.equal('A service of Demo');
    expect(errorMessage('en', 'required')).to.equal('Please fill in this field.');
    expect(errorMessage('de', 'required')).to.equal('Bitte füllen Sie dieses Feld aus.');
    expect(errorMessage('de', 'no_such_code')).to.equal('Die Eingabe ist ungültig.');
  });

  it('formats prices and dates with Intl', () => {
    expect(formatMoney(990, 'EUR', 'de')).to.equal('9,90\u00a0€');
    expect(formatMoney(990, 'EUR', 'en')).to.equal('€9.90');
    expect(formatDate('2026-03-01', 'de')).to.equal('1. März 2026');
    expect(formatDate('2026-03-01', 'en')).to.equal('1 March 2026');
  });
});
