import { describe, expect, it } from 'vitest';
import { base32Decode, totp, wrongTotp } from '../support/totp.js';

// RFC 6238 appendix B, SHA-1 rows; the seed is the ASCII "12345678901234567890".
const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP test helper (RFC 6238)', () => {
  it('decodes base32', () => {
    expect(base32Decode(seed).toString('ascii')).toBe('12345678901234567890');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq==').toString('ascii')).toBe('12345678901234567890');
  });

  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('at %i s gives %s (8 digits) and its last six digits', (seconds, code) => {
    expect(totp(seed, seconds * 1000, 30, 8)).toBe(code);
    expect(totp(seed, seconds * 1000)).toBe(code.slice(2));
  });

  it('wrongTotp differs from the codes of the neighbouring steps', () => {
    const at = 1111111109_000;
    const wrong = wrongTotp(seed, at);
    expect(wrong).toMatch(/^\d{6}$/);
    for (const step of [-1, 0, 1]) expect(totp(seed, at + step * 30_000)).not.toBe(wrong);
  });
});
