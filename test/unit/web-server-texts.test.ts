import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, validationIssueText } from '../../web/src/api.js';
import { setFormatLocale } from '../../web/src/format.js';
import { setUiLanguage } from '../../web/src/i18n/languages.js';
import { approvalReasonText, levelRulesText } from '../../web/src/shop/Approvals.js';
import { problemText } from '../../web/src/shop/QuickQuote.js';

/** Server texts as codes with parameters (issue 16 item 2): the SPA words them in the UI language, never parsing English. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** What the I18n provider does on a language switch: messages and number formats. */
const use = (language: 'en' | 'de' | 'pl') => {
  setUiLanguage(language);
  setFormatLocale({ en: 'en-GB', de: 'de-DE', pl: 'pl-PL' }[language]);
};

afterEach(() => use('en'));

describe('line problems', () => {
  it('name the limit from problemDetails, in the UI language and its number format', () => {
    expect(problemText('BELOW_MINIMUM', { minimum: '2' })).toBe('Below the minimum quantity of 2.');
    use('de');
    expect(problemText('BELOW_MINIMUM', { minimum: '0.5' })).toBe('Unter der Mindestmenge von 0,5.');
    expect(problemText('NOT_A_MULTIPLE', { multiple: '1500' })).toContain('Vielfaches von 1.500');
    use('pl');
    expect(plain(problemText('NOT_A_STEP', { step: '0.25' }))).toContain('co 0,25');
    expect(problemText('NO_PRICE', { currency: 'PLN' })).toBe('Brak ceny tego produktu w walucie PLN.');
  });

  it('fall back to the generic text without details, and to the code for unknown problems', () => {
    expect(problemText('BELOW_MINIMUM', {})).toBe('Below the minimum order quantity.');
    expect(problemText('BELOW_MINIMUM', undefined)).toBe('Below the minimum order quantity.');
    expect(problemText('SOMETHING_NEW', {})).toBe('something new');
  });
});

describe('validation issues', () => {
  const issuesOf = (details: unknown) => new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid', details).issues;

  it('keep zod’s code and figures and word them from the catalog', () => {
    const [tooShort, tooBig, email, choice, extra] = issuesOf([
      { path: 'body.name', message: 'Too small: expected string to have >=3 characters', code: 'too_small', origin: 'string', minimum: 3, inclusive: true },
      { path: 'body.amount', message: 'Too big: expected number to be <=100', code: 'too_big', origin: 'number', maximum: 1500, inclusive: true },
      { path: 'body.email', message: 'Invalid email address', code: 'invalid_format', origin: 'string', format: 'email' },
      { path: 'body.kind', message: 'Invalid option', code: 'invalid_value', values: ['net', 'gross'] },
      { path: 'body', message: 'Unrecognized key: "zz"', code: 'unrecognized_keys', keys: ['zz'] },
    ]);
    expect(tooShort).toEqual({ path: 'name', message: expect.any(String), code: 'too_small', params: { origin: 'string', minimum: 3, inclusive: true } });
    expect(validationIssueText(tooShort!)).toBe('Please enter at least 3 characters.');
    expect(validationIssueText(choice!)).toBe('Please choose one of: net, gross.');
    use('de');
    expect(validationIssueText(tooBig!)).toBe('Der Wert darf höchstens 1.500 betragen.');
    expect(validationIssueText(email!)).toBe('Bitte geben Sie eine gültige E-Mail-Adresse ein.');
    use('pl');
    expect(validationIssueText(tooShort!)).toBe('Wpisz co najmniej 3 znaki.');
    expect(validationIssueText(extra!)).toBe('Te pola są tu niedozwolone: zz.');
  });

  it('show the English message for issues without a known code', () => {
    const [custom, old] = issuesOf([
      { path: 'body.rule', message: 'Name at least one SKU', code: 'custom' },
      { path: 'body.x', message: 'is invalid' },
    ]);
    use('de');
    expect(validationIssueText(custom!)).toBe('Name at least one SKU');
    expect(validationIssueText(old!)).toBe('is invalid');
  });
});

describe('approval reasons', () => {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const level = {
    level: 1,
    approverSubs: [],
    roles: ['company-admin' as const],
    ruleIds: ['order-limit', 'big'],
    ruleNames: ['Order above the buyer’s order limit', 'Everything above 1 EUR'],
    reasons: [
      { code: 'USER_ORDER_LIMIT' as const, params: { total: eur(150_000), limit: eur(100_000) }, message: 'Amount payable …' },
      { code: 'ORDER_TOTAL_ABOVE' as const, params: { basis: 'net' as const, total: eur(126_000), limit: eur(100) }, message: 'Net order value …' },
    ],
  };

  it('are worded from code and params in the UI language, with the rule names an admin gave', () => {
    use('de');
    expect(plain(levelRulesText(level))).toBe(
      'Zahlbetrag 1.500,00 € liegt über dem Bestelllimit der bestellenden Person von 1.000,00 €, Everything above 1 EUR: Nettowarenwert 1.260,00 € liegt über 1,00 €',
    );
    use('pl');
    expect(approvalReasonText({ code: 'CONTAINS', params: { categories: [], skus: ['FAS-0111'] }, message: '' })).toContain('Zamówienie zawiera');
    expect(approvalReasonText({ code: 'BUDGET_EXCEEDED', params: { budgets: ['A', 'B'] }, message: '' })).toBe('Zamówienie przekracza budżety A, B');
  });

  it('fall back to the rule names for flows stored before reasons existed', () => {
    expect(levelRulesText({ ...level, reasons: undefined })).toBe('Order above the buyer’s order limit, Everything above 1 EUR');
  });
});
