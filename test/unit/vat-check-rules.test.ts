import { describe, expect, it } from 'vitest';
import {
  nextVatCheck,
  vatConfirmation,
  vatEvidenceGraceDays,
  vatEvidenceNote,
  vatRecheckDays,
  vatRetryHours,
  type VatCheck,
} from '../../functions/accounts/rules.js';
import { viesOutcomeOf } from '../../functions/shared/vies.js';

const VAT = 'PL5260250995';
const t0 = '2026-03-02T10:00:00.000Z';
const days = (n: number, from = t0) => new Date(Date.parse(from) + n * 86_400_000).toISOString();
const valid = { kind: 'valid' as const, requestDate: '2026-03-02T10:00:00.000Z', consultationNumber: 'WAPIAAAA1', name: 'NOWAK', address: 'KRAKÓW' };

describe('VIES decision rules (issue 13 item 5)', () => {
  it('a valid answer becomes the evidence, due again after the re-check period', () => {
    const check = nextVatCheck(undefined, VAT, valid, t0);
    expect(check).toEqual({
      vatId: VAT,
      status: 'valid',
      lastAttemptAt: t0,
      evidence: {
        vatId: VAT,
        source: 'VIES',
        valid: true,
        requestDate: valid.requestDate,
        consultationNumber: 'WAPIAAAA1',
        name: 'NOWAK',
        address: 'KRAKÓW',
        checkedAt: t0,
      },
      dueAt: days(vatRecheckDays),
    });
    expect(vatConfirmation(check, VAT, days(1))).toEqual({ confirmed: true, evidence: check.evidence });
    expect(vatEvidenceNote(check.evidence!)).toBe(`VAT ID ${VAT} checked via VIES on 2026-03-02, consultation number WAPIAAAA1.`);
  });

  it('an invalid answer drops the evidence: no reverse charge', () => {
    const check = nextVatCheck(nextVatCheck(undefined, VAT, valid, t0), VAT, { kind: 'invalid', requestDate: t0 }, days(31));
    expect(check.evidence).toBeUndefined();
    expect(vatConfirmation(check, VAT, days(31))).toMatchObject({ confirmed: false, code: 'VAT_ID_INVALID' });
  });

  it('VIES unavailable keeps the last valid evidence of the same VAT ID until the grace period ends, and retries soon', () => {
    const first = nextVatCheck(undefined, VAT, valid, t0);
    const down = nextVatCheck(first, VAT, { kind: 'unavailable', error: 'MS_UNAVAILABLE' }, days(30));
    expect(down).toMatchObject({ status: 'unavailable', error: 'MS_UNAVAILABLE', evidence: first.evidence });
    expect(Date.parse(down.dueAt) - Date.parse(days(30))).toBe(vatRetryHours * 3_600_000);
    expect(vatConfirmation(down, VAT, days(vatEvidenceGraceDays))).toMatchObject({ confirmed: true });
    const stale = vatConfirmation(down, VAT, days(vatEvidenceGraceDays + 1));
    expect(stale).toMatchObject({ confirmed: false, code: 'VAT_ID_NOT_CONFIRMED' });
    expect(!stale.confirmed && stale.message).toContain(`older than ${vatEvidenceGraceDays} days`);
  });

  it('VIES unavailable without earlier evidence: not confirmed', () => {
    const down = nextVatCheck(undefined, VAT, { kind: 'unavailable', error: 'TIMEOUT' }, t0);
    expect(down.evidence).toBeUndefined();
    const result = vatConfirmation(down, VAT, t0);
    expect(result).toMatchObject({ confirmed: false, code: 'VAT_ID_NOT_CONFIRMED' });
    expect(!result.confirmed && result.message).toContain('TIMEOUT');
  });

  it('evidence never carries over to another VAT ID, and no check means not confirmed', () => {
    const first = nextVatCheck(undefined, VAT, valid, t0);
    const other = 'PL1234563218';
    expect(vatConfirmation(first, other, t0)).toMatchObject({ confirmed: false, code: 'VAT_ID_NOT_CONFIRMED' });
    const down = nextVatCheck(first, other, { kind: 'unavailable', error: 'MS_UNAVAILABLE' }, t0);
    expect(down.evidence).toBeUndefined();
    expect(vatConfirmation(down, other, t0).confirmed).toBe(false);
    expect(vatConfirmation(undefined, VAT, t0).confirmed).toBe(false);
    const forged: VatCheck = { ...first, evidence: { ...first.evidence!, vatId: other } };
    expect(vatConfirmation(forged, VAT, t0).confirmed).toBe(false);
  });

  it('even a valid status counts only while its evidence is within the grace period (the re-check did not run)', () => {
    const check = nextVatCheck(undefined, VAT, valid, t0);
    expect(vatConfirmation(check, VAT, days(vatEvidenceGraceDays + 1)).confirmed).toBe(false);
  });
});

describe('VIES REST answers (adapter parsing)', () => {
  it('reads a valid answer with consultation number, name and address; "---" means not given', () => {
    expect(
      viesOutcomeOf(200, {
        countryCode: 'PL',
        vatNumber: '5260250995',
        requestDate: '2026-03-02T10:00:00.000Z',
        valid: true,
        requestIdentifier: 'WAPIAAAA1',
        name: 'NOWAK',
        address: '---',
        userError: 'VALID',
      }),
    ).toEqual({
      kind: 'valid',
      requestDate: '2026-03-02T10:00:00.000Z',
      consultationNumber: 'WAPIAAAA1',
      name: 'NOWAK',
    });
    expect(viesOutcomeOf(200, { valid: false, requestDate: '2026-03-02T10:00:00.000Z', requestIdentifier: '', userError: 'INVALID' })).toEqual({
      kind: 'invalid',
      requestDate: '2026-03-02T10:00:00.000Z',
    });
  });

  it('errors and member states that do not answer are "unavailable", never "invalid"', () => {
    expect(viesOutcomeOf(500, { actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE', message: '…' }] })).toEqual({
      kind: 'unavailable',
      error: 'MS_UNAVAILABLE',
    });
    expect(viesOutcomeOf(200, { valid: false, userError: 'MS_MAX_CONCURRENT_REQ' })).toEqual({ kind: 'unavailable', error: 'MS_MAX_CONCURRENT_REQ' });
    expect(viesOutcomeOf(200, {})).toEqual({ kind: 'unavailable', error: 'MALFORMED_ANSWER' });
    expect(viesOutcomeOf(503, undefined)).toEqual({ kind: 'unavailable', error: 'HTTP 503' });
  });
});
