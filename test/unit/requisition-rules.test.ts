import { describe, expect, it } from 'vitest';
import {
  addLines,
  assertCompanyUser,
  assertMayEdit,
  assertNameFree,
  assertRoomForList,
  maxLinesPerList,
  maxListsPerCompany,
  mayEditList,
  removeLine,
  splitOrderable,
  updateLine,
} from '../../functions/requisitions/rules.js';

const list = { companyId: 'a', owner: { sub: 'owner', name: 'Olga' } };

describe('who may use and change requisition lists', () => {
  it('lets every user of the active company use them and nobody else', () => {
    expect(() => assertCompanyUser({ sub: 'x', role: 'buyer', companyId: 'a' }, 'a')).not.toThrow();
    expect(() => assertCompanyUser({ sub: 'x', role: 'buyer', companyId: 'b' }, 'a')).toThrow(expect.objectContaining({ statusCode: 403 }));
    expect(() => assertCompanyUser({ sub: 'x', role: 'back-office' }, 'a')).toThrow(expect.objectContaining({ statusCode: 403 }));
  });

  it('lets the owner and company admins edit, not other buyers or super users', () => {
    expect(mayEditList({ sub: 'owner', role: 'buyer', companyId: 'a' }, list)).toBe(true);
    expect(mayEditList({ sub: 'admin', role: 'company-admin', companyId: 'a' }, list)).toBe(true);
    expect(mayEditList({ sub: 'other', role: 'buyer', companyId: 'a' }, list)).toBe(false);
    expect(mayEditList({ sub: 'other', role: 'super-user', companyId: 'a' }, list)).toBe(false);
    expect(mayEditList({ sub: 'admin', role: 'company-admin', companyId: 'b' }, list)).toBe(false);
    expect(() => assertMayEdit({ sub: 'other', role: 'buyer', companyId: 'a' }, list)).toThrow(expect.objectContaining({ code: 'LIST_READ_ONLY' }));
  });
});

describe('list names and sizes', () => {
  it('keeps names unique per company, ignoring case and the list being renamed', () => {
    const lists = [{ listId: '1', name: 'Site Stuttgart' }];
    expect(() => assertNameFree(lists, ' site stuttgart ')).toThrow(expect.objectContaining({ code: 'LIST_NAME_TAKEN' }));
    expect(() => assertNameFree(lists, 'Site Stuttgart', '1')).not.toThrow();
    expect(() => assertNameFree(lists, 'Site Ulm')).not.toThrow();
  });

  it('caps lists per company and lines per list', () => {
    expect(() => assertRoomForList(maxListsPerCompany - 1)).not.toThrow();
    expect(() => assertRoomForList(maxListsPerCompany)).toThrow(expect.objectContaining({ code: 'TOO_MANY_LISTS' }));
    const full = Array.from({ length: maxLinesPerList }, (_, index) => ({ sku: `S-${index}`, quantity: 1000 }));
    expect(() => addLines(full, [{ sku: 'S-0', quantity: 1000 }])).not.toThrow();
    expect(() => addLines(full, [{ sku: 'NEW', quantity: 1000 }])).toThrow(expect.objectContaining({ code: 'LIST_TOO_LARGE' }));
  });
});

describe('list lines', () => {
  it('sums quantities per SKU in thousandths and keeps or replaces notes', () => {
    const lines = addLines(
      [{ sku: 'A', quantity: 1500, note: 'for site 1' }],
      [
        { sku: 'A', quantity: 250 },
        { sku: 'B', quantity: 2000, note: 'spare' },
      ],
    );
    expect(lines).toEqual([
      { sku: 'A', quantity: 1750, note: 'for site 1' },
      { sku: 'B', quantity: 2000, note: 'spare' },
    ]);
    expect(addLines(lines, [{ sku: 'A', quantity: 1000, note: 'new note' }])[0]).toEqual({ sku: 'A', quantity: 2750, note: 'new note' });
  });

  it('refuses zero and absurd quantities', () => {
    expect(() => addLines([], [{ sku: 'A', quantity: 0 }])).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
    expect(() => updateLine([{ sku: 'A', quantity: 1000 }], 'A', { quantity: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
    expect(() => addLines([], [{ sku: 'A', quantity: 2_000_000_000 }])).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
  });

  it('updates quantity and note of one line, clears a note with null, and removes lines', () => {
    const lines = [
      { sku: 'A', quantity: 1000, note: 'x' },
      { sku: 'B', quantity: 3000 },
    ];
    expect(updateLine(lines, 'A', { quantity: 4000 })).toEqual([
      { sku: 'A', quantity: 4000, note: 'x' },
      { sku: 'B', quantity: 3000 },
    ]);
    expect(updateLine(lines, 'A', { note: null })[0]).toEqual({ sku: 'A', quantity: 1000 });
    expect(updateLine(lines, 'B', { note: 'y' })[1]).toEqual({ sku: 'B', quantity: 3000, note: 'y' });
    expect(() => updateLine(lines, 'C', { quantity: 1000 })).toThrow(expect.objectContaining({ statusCode: 404 }));
    expect(removeLine(lines, 'A')).toEqual([{ sku: 'B', quantity: 3000 }]);
    expect(() => removeLine(lines, 'C')).toThrow(expect.objectContaining({ statusCode: 404 }));
  });
});

describe('what goes into the cart', () => {
  it('adds active products of visible categories and reports the rest with a reason', () => {
    const products = new Map([
      ['OK', { active: true, categoryId: 'tools' }],
      ['BLOCKED', { active: false, categoryId: 'tools' }],
      ['HIDDEN', { active: true, categoryId: 'closed' }],
    ]);
    const result = splitOrderable(
      [
        { sku: 'OK', quantity: 1000 },
        { sku: 'BLOCKED', quantity: 2000 },
        { sku: 'HIDDEN', quantity: 3000 },
        { sku: 'GONE', quantity: 4000 },
      ],
      products,
      new Set(['tools']),
    );
    expect(result.orderable).toEqual([{ sku: 'OK', quantity: 1000 }]);
    expect(result.skipped).toEqual([
      { sku: 'BLOCKED', quantity: 2000, reason: 'unavailable' },
      { sku: 'HIDDEN', quantity: 3000, reason: 'not-in-your-catalog' },
      { sku: 'GONE', quantity: 4000, reason: 'unknown-product' },
    ]);
  });
});
