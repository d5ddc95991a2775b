import { randomUUID } from 'node:crypto';
import { addToCart, viewCart } from '../cart/service.js';
import { browseCategories, findProducts } from '../catalog/service.js';
import { getOrder } from '../orders/service.js';
import { formatQuantity } from '../shared/quantity.js';
import { displayPrices, parseQuantity } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { AppError, badRequest, notFound } from '../shared/errors.js';
import type { ListLineChange, ListLineInput, NewListRequest } from './contract.js';
import * as repository from './repository.js';
import {
  addLines as mergeLines,
  assertCompanyUser,
  assertMayEdit,
  assertNameFree,
  assertRoomForList,
  mayEditList,
  removeLine as withoutLine,
  splitOrderable,
  updateLine as withChangedLine,
  type RequisitionLine,
  type RequisitionList,
} from './rules.js';

/** Products and the caller's visible categories: what decides whether a line can go into the cart. */
async function orderability(caller: Identity, skus: readonly string[]) {
  const [products, categories] = await Promise.all([findProducts([...new Set(skus)]), browseCategories(caller)]);
  return { products, visibleCategoryIds: new Set(categories.map((category) => category.id)) };
}

async function loadList(caller: Identity, companyId: string, listId: string): Promise<RequisitionList> {
  assertCompanyUser(caller, companyId);
  const list = await repository.findList(companyId, listId);
  if (!list) throw notFound('List');
  return list;
}

const summary = (caller: Identity, list: RequisitionList) => ({
  listId: list.listId,
  name: list.name,
  owner: list.owner,
  lineCount: list.lines.length,
  updatedAt: list.updatedAt,
  version: list.version,
  mayEdit: mayEditList(caller, list),
});

/** A list with product names, today's prices for the caller and what cannot be ordered now. */
async function present(caller: Identity, list: RequisitionList) {
  const skus = list.lines.map((line) => line.sku);
  const [{ products, visibleCategoryIds }, prices] = await Promise.all([
    orderability(caller, skus),
    skus.length ? displayPrices(caller, skus) : Promise.resolve(new Map()),
  ]);
  const { skipped } = splitOrderable(list.lines, products, visibleCategoryIds);
  const problems = new Map(skipped.map((line) => [line.sku, line.reason]));
  return {
    ...summary(caller, list),
    createdAt: list.createdAt,
    lines: list.lines.map((line) => {
      const product = problems.get(line.sku) === 'not-in-your-catalog' ? undefined : products.get(line.sku);
      const price = problems.has(line.sku) ? undefined : prices.get(line.sku);
      return {
        sku: line.sku,
        name: product?.name ?? line.sku,
        unit: product?.unit ?? '',
        quantity: formatQuantity(line.quantity),
        ...(line.note ? { note: line.note } : {}),
        ...(price ? { price: price.price, priceDisplay: price.priceDisplay } : {}),
        ...(problems.has(line.sku) ? { problem: problems.get(line.sku) } : {}),
      };
    }),
  };
}

export async function listLists(caller: Identity, companyId: string) {
  assertCompanyUser(caller, companyId);
  return (await repository.listLists(companyId)).map((list) => summary(caller, list));
}

export async function showList(caller: Identity, companyId: string, listId: string) {
  return present(caller, await loadList(caller, companyId, listId));
}

/** Only products the caller can order now go onto a list (no leaking of hidden catalogs). */
async function parseAdditions(caller: Identity, lines: readonly ListLineInput[]): Promise<RequisitionLine[]> {
  const parsed = lines.map((line) => ({ sku: line.sku.toUpperCase(), quantity: parseQuantity(line.quantity), ...(line.note ? { note: line.note } : {}) }));
  const { products, visibleCategoryIds } = await orderability(
    caller,
    parsed.map((line) => line.sku),
  );
  const { skipped } = splitOrderable(parsed, products, visibleCategoryIds);
  if (skipped.length)
    throw badRequest('UNKNOWN_PRODUCT', `Unknown products: ${skipped.map((line) => line.sku).join(', ')}`, { skus: skipped.map((line) => line.sku) });
  return parsed;
}

export async function createList(caller: Identity, companyId: string, request: NewListRequest) {
  assertCompanyUser(caller, companyId);
  const existing = await repository.listLists(companyId);
  assertRoomForList(existing.length);
  assertNameFree(existing, request.name);
  const now = new Date().toISOString();
  const list: RequisitionList = {
    listId: randomUUID(),
    companyId,
    name: request.name.trim(),
    owner: { sub: caller.sub, name: caller.name },
    lines: mergeLines([], await parseAdditions(caller, request.lines ?? [])),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await repository.saveList(list, 0);
  return present(caller, list);
}

/** Applies a change to a list the caller may edit, with an optimistic lock on its version. */
async function change(
  caller: Identity,
  companyId: string,
  listId: string,
  apply: (list: RequisitionList) => Promise<Partial<RequisitionList>> | Partial<RequisitionList>,
) {
  const list = await loadList(caller, companyId, listId);
  assertMayEdit(caller, list);
  const next: RequisitionList = { ...list, ...(await apply(list)), updatedAt: new Date().toISOString(), version: list.version + 1 };
  await repository.saveList(next, list.version);
  return present(caller, next);
}

export const renameList = (caller: Identity, companyId: string, listId: string, name: string) =>
  change(caller, companyId, listId, async () => {
    assertNameFree(await repository.listLists(companyId), name, listId);
    return { name: name.trim() };
  });

export const addLines = (caller: Identity, companyId: string, listId: string, lines: readonly ListLineInput[]) =>
  change(caller, companyId, listId, async (list) => ({ lines: mergeLines(list.lines, await parseAdditions(caller, lines)) }));

export const updateLine = (caller: Identity, companyId: string, listId: string, sku: string, update: ListLineChange) =>
  change(caller, companyId, listId, (list) => ({
    lines: withChangedLine(list.lines, sku.toUpperCase(), {
      ...(update.quantity !== undefined ? { quantity: parseQuantity(update.quantity) } : {}),
      ...(update.note !== undefined ? { note: update.note } : {}),
    }),
  }));

export const removeLine = (caller: Identity, companyId: string, listId: string, sku: string) =>
  change(caller, companyId, listId, (list) => ({ lines: withoutLine(list.lines, sku.toUpperCase()) }));

export async function deleteList(caller: Identity, companyId: string, listId: string) {
  const list = await loadList(caller, companyId, listId);
  assertMayEdit(caller, list);
  await repository.deleteList(companyId, listId, list.version);
  return { deleted: listId };
}

/**
 * Puts the orderable lines into the caller's cart through the cart service (same merging, price
 * snapshot and limits as any other addition) and reports the rest with the reason.
 */
async function putIntoCart(caller: Identity, lines: readonly { sku: string; quantity: number }[]) {
  const { products, visibleCategoryIds } = await orderability(
    caller,
    lines.map((line) => line.sku),
  );
  const { orderable, skipped } = splitOrderable(lines, products, visibleCategoryIds);
  const additions = orderable.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity) }));
  const cart = additions.length ? await addToCart(caller, additions) : await viewCart(caller);
  return {
    added: additions,
    skipped: skipped.map((line) => ({ sku: line.sku, quantity: formatQuantity(line.quantity), reason: line.reason })),
    cart,
  };
}

export async function addListToCart(caller: Identity, companyId: string, listId: string) {
  const list = await loadList(caller, companyId, listId);
  if (!list.lines.length) throw badRequest('LIST_EMPTY', 'The list has no lines');
  return putIntoCart(caller, list.lines);
}

/** One-click reorder: the order's lines go into the caller's cart, priced today, not at the old prices. */
export async function reorder(caller: Identity, companyId: string, orderId: string) {
  assertCompanyUser(caller, companyId);
  const order = await getOrder(caller, companyId, orderId);
  if (!order.lines.length) throw new AppError(400, 'ORDER_EMPTY', 'The order has no lines');
  const result = await putIntoCart(
    caller,
    order.lines.map((line) => ({ sku: line.sku, quantity: parseQuantity(line.quantity) })),
  );
  return { orderId: order.orderId, orderNumber: order.orderNumber, ...result };
}
