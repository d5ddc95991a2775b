import { isCompanyRole, type Role } from '../../lib/definitions/index.js';
import { AppError } from '../shared/errors.js';

/**
 * Requisition lists (order lists): named lists of products with quantities that a company keeps for
 * repeat purchases. Every user of the company sees and uses every list; the list's owner and the
 * company admins change it (seed 000: employees order from lists their admin prepared).
 */
export interface RequisitionLine {
  readonly sku: string;
  /** Thousandths of a sales unit (integer arithmetic, like cart lines). */
  readonly quantity: number;
  readonly note?: string;
}

export interface RequisitionList {
  readonly listId: string;
  readonly companyId: string;
  readonly name: string;
  readonly owner: { readonly sub: string; readonly name: string };
  readonly lines: readonly RequisitionLine[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const maxListsPerCompany = 100;
export const maxLinesPerList = 200;
export const maxQuantityMilli = 1_000_000 * 1000;

interface Actor {
  readonly sub: string;
  readonly role: Role;
  readonly companyId?: string;
}

/** Company users work only with the lists of their active company; foreign companies answer 403 as elsewhere. */
export function assertCompanyUser(caller: Actor, companyId: string): void {
  if (!isCompanyRole(caller.role) || caller.companyId !== companyId) throw new AppError(403, 'FORBIDDEN', 'You have no access to this company');
}

export const mayEditList = (caller: Actor, list: Pick<RequisitionList, 'owner' | 'companyId'>): boolean =>
  caller.companyId === list.companyId && (caller.role === 'company-admin' || caller.sub === list.owner.sub);

export function assertMayEdit(caller: Actor, list: Pick<RequisitionList, 'owner' | 'companyId'>): void {
  if (!mayEditList(caller, list)) throw new AppError(403, 'LIST_READ_ONLY', 'Only the owner of the list and company admins change it');
}

/** List names are unique within a company (case-insensitive), so "add to list" menus stay unambiguous. */
export function assertNameFree(lists: readonly Pick<RequisitionList, 'listId' | 'name'>[], name: string, exceptListId?: string): void {
  const wanted = name.trim().toLocaleLowerCase();
  if (lists.some((list) => list.listId !== exceptListId && list.name.trim().toLocaleLowerCase() === wanted)) {
    throw new AppError(409, 'LIST_NAME_TAKEN', `A list named "${name.trim()}" already exists`);
  }
}

export function assertRoomForList(existing: number): void {
  if (existing >= maxListsPerCompany) throw new AppError(409, 'TOO_MANY_LISTS', `A company keeps at most ${maxListsPerCompany} lists`);
}

function assertQuantity(quantity: number): void {
  if (quantity <= 0 || quantity > maxQuantityMilli) throw new AppError(400, 'INVALID_QUANTITY', 'The quantity must be above 0 and at most 1,000,000');
}

/** Adds lines: a SKU already on the list gets the quantities summed; a new note replaces the old one. */
export function addLines(lines: readonly RequisitionLine[], additions: readonly RequisitionLine[]): RequisitionLine[] {
  const merged = new Map(lines.map((line) => [line.sku, line]));
  for (const addition of additions) {
    assertQuantity(addition.quantity);
    const current = merged.get(addition.sku);
    const quantity = (current?.quantity ?? 0) + addition.quantity;
    assertQuantity(quantity);
    const note = addition.note ?? current?.note;
    merged.set(addition.sku, { sku: addition.sku, quantity, ...(note ? { note } : {}) });
  }
  if (merged.size > maxLinesPerList) throw new AppError(400, 'LIST_TOO_LARGE', `A list holds at most ${maxLinesPerList} lines`);
  return [...merged.values()];
}

/** Sets one line's quantity and note (`note: null` clears it); the line must be on the list. */
export function updateLine(lines: readonly RequisitionLine[], sku: string, change: { quantity?: number; note?: string | null }): RequisitionLine[] {
  const index = lines.findIndex((line) => line.sku === sku);
  if (index < 0) throw new AppError(404, 'NOT_FOUND', 'Line not found');
  const current = lines[index]!;
  if (change.quantity !== undefined) assertQuantity(change.quantity);
  const note = change.note === null ? undefined : (change.note ?? current.note);
  const next = { sku, quantity: change.quantity ?? current.quantity, ...(note ? { note } : {}) };
  return lines.map((line, position) => (position === index ? next : line));
}

export function removeLine(lines: readonly RequisitionLine[], sku: string): RequisitionLine[] {
  if (!lines.some((line) => line.sku === sku)) throw new AppError(404, 'NOT_FOUND', 'Line not found');
  return lines.filter((line) => line.sku !== sku);
}

/** What the catalog says about a product for the caller's company. */
export interface ProductStatus {
  readonly active: boolean;
  readonly categoryId: string;
}

export type SkipReason = 'unknown-product' | 'unavailable' | 'not-in-your-catalog';

export interface Skipped {
  readonly sku: string;
  readonly quantity: number;
  readonly reason: SkipReason;
}

/**
 * Splits lines into those the caller may put into the cart now and those skipped with a reason:
 * deleted products, blocked (inactive) ones, and products outside the company's closed catalog.
 */
export function splitOrderable<Line extends { sku: string; quantity: number }>(
  lines: readonly Line[],
  products: ReadonlyMap<string, ProductStatus>,
  visibleCategoryIds: ReadonlySet<string>,
): { orderable: Line[]; skipped: Skipped[] } {
  const orderable: Line[] = [];
  const skipped: Skipped[] = [];
  for (const line of lines) {
    const product = products.get(line.sku);
    const reason: SkipReason | undefined = !product
      ? 'unknown-product'
      : !product.active
        ? 'unavailable'
        : !visibleCategoryIds.has(product.categoryId)
          ? 'not-in-your-catalog'
          : undefined;
    if (reason) skipped.push({ sku: line.sku, quantity: line.quantity, reason });
    else orderable.push(line);
  }
  return { orderable, skipped };
}
