import { createHash, randomBytes } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { pricingProfile } from '../accounts/service.js';
import { findProducts, listWarehouses } from '../catalog/service.js';
import { evaluatePaymentMethods } from '../checkout/rules.js';
import { readCredit, readPrepaid } from '../credit/service.js';
import type { Order } from '../orders/model.js';
import { allocateOrderNumber } from '../orders/service.js';
import { quote } from '../pricing/service.js';
import type { Identity } from '../shared/auth.js';
import { sfn } from '../shared/clients/sfn.js';
import { config } from '../shared/config.js';
import { badRequest, conflict, forbidden, notFound } from '../shared/errors.js';
import { publish } from '../shared/events.js';
import { sortableTime } from '../shared/ids.js';
import { logger } from '../shared/logger.js';
import type { GroupBuyPoolView, NewPoolRequest } from './contract.js';
import * as repository from './repository.js';
import type { Commitment, Committer, Pool } from './repository.js';
import {
  assertOpen,
  bestUnitPrice,
  closingPaymentMethod,
  commitmentDelta,
  isOpenAt,
  settle,
  standing,
  tierIndexReached,
  validateCommitment,
  validateNewPool,
  ORDER_READY_EVENT,
} from './rules.js';

function requireCompany(caller: Identity): string {
  if (!caller.companyId) throw forbidden('Pools are joined by company users');
  return caller.companyId;
}

const money = (amount: number, currency: string) => ({ amount, currency });

/** A pool as shoppers and the console see it: tiers as money, the standing now, optionally "my" commitment. */
export function presentPool(pool: Pool, now: Date, commitment?: Commitment | null): GroupBuyPoolView {
  const total = pool.result?.total ?? pool.total;
  return {
    poolId: pool.poolId,
    sku: pool.sku,
    name: pool.name,
    productName: pool.productName,
    unit: pool.unit,
    currency: pool.currency,
    tiers: pool.tiers.map((tier) => ({ minQuantity: tier.minQuantity, unitPrice: money(tier.unitPrice, pool.currency) })),
    closesAt: pool.closesAt,
    // Effective status: past its closing time a pool accepts nothing, even before the closing task ran.
    status: isOpenAt(pool, now) ? 'open' : 'closed',
    participantCount: pool.participants,
    pickupWarehouseId: pool.pickupWarehouseId,
    ...standing(pool.tiers, pool.currency, total),
    ...(commitment !== undefined
      ? {
          myCommitment: commitment
            ? {
                quantity: commitment.quantity,
                updatedAt: commitment.updatedAt,
                committedBy: commitment.committedBy.name,
                ...(commitment.settlement ? { orderId: commitment.settlement.orderId } : {}),
              }
            : null,
        }
      : {}),
    ...(pool.result ? { result: { ...pool.result, unitPrice: money(pool.result.unitPrice, pool.currency) } } : {}),
  };
}

/** Pickup at the central warehouse (by name), else the first one: where group-buy orders are collected. */
async function centralWarehouse(): Promise<string> {
  const { warehouses } = await listWarehouses();
  const list = warehouses as unknown as { id: string; name: string }[];
  const central = list.find((warehouse) => /central/i.test(warehouse.name)) ?? list[0];
  if (!central) throw conflict('NO_WAREHOUSE', 'No warehouse is set up for pickup');
  return central.id;
}

/** Back-office opens a pool; its closing workflow (Wait until closesAt → close) starts at once. */
export async function openPool(caller: Identity, input: NewPoolRequest) {
  const now = new Date();
  const valid = validateNewPool(input, now);
  const product = (await findProducts([valid.sku])).get(valid.sku);
  if (!product?.active) throw badRequest('UNKNOWN_PRODUCT', `Unknown product: ${valid.sku}`);
  const pool: Pool = {
    poolId: `${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`,
    sku: valid.sku,
    name: valid.name,
    productName: product.name,
    unit: product.unit,
    currency: valid.currency,
    tiers: valid.tiers,
    closesAt: valid.closesAt,
    status: 'open',
    total: 0,
    participants: 0,
    pickupWarehouseId: await centralWarehouse(),
    createdAt: now.toISOString(),
    createdBy: { sub: caller.sub, name: caller.name },
  };
  await repository.createPool(pool);
  try {
    await scheduleClosing(pool);
  } catch (error) {
    // Without its closing workflow the pool would never close: take it back.
    await repository.deletePool(pool.poolId).catch(() => undefined);
    throw error;
  }
  return presentPool(pool, now);
}

/** Starts the pool's closing workflow (Wait until closesAt → close); a second start is a no-op. */
export async function scheduleClosing(pool: Pick<repository.Pool, 'poolId' | 'closesAt'>): Promise<void> {
  try {
    await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: config.stateMachineArn('groupBuyClosing'),
        name: pool.poolId,
        input: JSON.stringify({ poolId: pool.poolId, closesAt: pool.closesAt }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/**
 * The local Step Functions emulator keeps executions in memory: after a restart of `npm start`,
 * open pools get their closing workflow again (on AWS the executions simply keep waiting).
 */
export async function resumeClosings(): Promise<number> {
  const open = await repository.listPools('open', 1000);
  for (const pool of open) await scheduleClosing(pool);
  return open.length;
}

export async function listOpenPools(caller: Identity) {
  const companyId = requireCompany(caller);
  const now = new Date();
  const pools = (await repository.listPools('open', 100)).filter((pool) => isOpenAt(pool, now));
  const mine = await repository.commitmentsOf(
    pools.map((pool) => pool.poolId),
    companyId,
  );
  return { pools: pools.map((pool) => presentPool(pool, now, mine.get(pool.poolId) ?? null)) };
}

async function existingPool(poolId: string): Promise<Pool> {
  const pool = await repository.findPool(poolId);
  if (!pool) throw notFound('Pool');
  return pool;
}

export async function showPool(caller: Identity, poolId: string) {
  const companyId = requireCompany(caller);
  const [pool, commitment] = await Promise.all([existingPool(poolId), repository.findCommitment(poolId, companyId)]);
  return presentPool(pool, new Date(), commitment ?? null);
}

/**
 * Sets the caller's company's commitment (0 withdraws). Read the commitment, then one transaction
 * moves it and the pool total; another user of the same company changing it meanwhile makes us
 * read again. Closed pools answer 409 POOL_CLOSED.
 */
export async function commit(caller: Identity, poolId: string, quantity: number) {
  const companyId = requireCompany(caller);
  const wanted = validateCommitment(quantity);
  const by: Committer = { sub: caller.sub, email: caller.email, name: caller.name, role: caller.role };
  for (let attempt = 0; attempt < 20; attempt++) {
    const now = new Date();
    const [pool, before] = await Promise.all([existingPool(poolId), repository.findCommitment(poolId, companyId)]);
    assertOpen(pool, now);
    const delta = commitmentDelta(before?.quantity ?? 0, wanted);
    if (delta.total === 0 && (wanted === 0 || before?.committedBy.sub === caller.sub)) return presentPool(pool, now, before ?? null);
    const result = await repository.changeCommitment(poolId, companyId, before, wanted, delta, by, now);
    if (result === 'ok') return showPool(caller, poolId);
  }
  throw conflict('CONCURRENT_CHANGE', 'The commitment changed too often meanwhile; try again');
}

/** Back-office view: the pool and every participant. */
export async function poolWithParticipants(poolId: string) {
  const pool = await existingPool(poolId);
  const commitments = await repository.listCommitments(poolId);
  return {
    ...presentPool(pool, new Date()),
    participants: commitments
      .sort((a, b) => b.quantity - a.quantity)
      .map((commitment) => ({
        companyId: commitment.companyId,
        quantity: commitment.quantity,
        committedBy: commitment.committedBy,
        updatedAt: commitment.updatedAt,
        ...(commitment.settlement ? { orderId: commitment.settlement.orderId, orderNumber: commitment.settlement.orderNumber } : {}),
      })),
  };
}

export async function listAllPools() {
  const now = new Date();
  const [open, closed] = await Promise.all([repository.listPools('open', 100), repository.listPools('closed', 100)]);
  return { pools: [...open, ...closed].map((pool) => presentPool(pool, now)) };
}

// ---- closing -------------------------------------------------------------------------------

/** Order ids sort by time (like newOrderId) and are fixed per pool and company, so retries reuse them. */
function groupBuyOrderId(pool: Pool, companyId: string): string {
  return `${sortableTime(new Date(pool.closesAt).getTime())}-${createHash('sha256').update(`${pool.poolId}/${companyId}`).digest('hex').slice(0, 12)}`;
}

/**
 * The participant's order at the tier price: VAT rate and reverse charge from the participant's
 * pricing context (pricing service), payment on account when the checkout rules allow it for this
 * order and otherwise bank prepayment, pickup at the pool's (central) warehouse without fee.
 */
async function participantOrder(
  pool: Pool,
  commitment: Commitment,
  unitPrice: number,
  closedAt: Date,
): Promise<Order & { groupBuy: { poolId: string; name: string; total: number } }> {
  const companyId = commitment.companyId;
  const buyer: Identity = {
    sub: commitment.committedBy.sub,
    email: commitment.committedBy.email,
    name: commitment.committedBy.name,
    role: commitment.committedBy.role as Identity['role'],
    companyId,
  };
  const [priced, profile, credit, prepaid] = await Promise.all([
    quote(buyer, [{ sku: pool.sku, quantity: '1' }]),
    pricingProfile(companyId),
    readCredit(companyId, pool.currency),
    readPrepaid(companyId, pool.currency),
  ]);
  const line = priced.lines[0];
  if (!line) throw new Error(`Pricing returned no line for ${pool.sku}`);
  const settled = settle(commitment.quantity, unitPrice, pool.currency, line.vatRate);
  const options = evaluatePaymentMethods({
    ...(profile?.customerGroup ? { customerGroup: profile.customerGroup } : {}),
    isNewCustomer: profile?.isNewCustomer ?? true,
    orderGross: settled.gross,
    lines: [{ sku: pool.sku }],
    delivery: 'pickup',
    ...(credit.limit.amount > 0 ? { credit: { available: credit.available } } : {}),
    prepaid: { balance: prepaid.balance },
  });
  const settlement =
    commitment.settlement ??
    (await repository.fixSettlement(pool.poolId, companyId, {
      orderId: groupBuyOrderId(pool, companyId),
      orderNumber: await allocateOrderNumber(closedAt),
    }));
  return {
    orderId: settlement.orderId,
    orderNumber: settlement.orderNumber,
    companyId,
    placedBy: { ...commitment.committedBy },
    status: 'placing',
    createdAt: closedAt.toISOString(),
    lines: [
      {
        sku: pool.sku,
        name: pool.productName,
        unit: pool.unit,
        quantity: String(commitment.quantity),
        unitNet: settled.unitNet,
        lineNet: settled.lineNet,
        vatRate: settled.vatRate,
      },
    ],
    net: settled.net,
    vat: settled.vat,
    gross: settled.gross,
    vatBreakdown: [{ rate: settled.vatRate, net: settled.net, vat: settled.vat }],
    reverseCharge: priced.reverseCharge,
    // The VIES answer reverse charge rests on travels with the order (as in checkout, order-terms.ts).
    ...(priced.reverseCharge.applies && priced.reverseCharge.evidence ? { vatEvidence: priced.reverseCharge.evidence } : {}),
    orderDiscounts: [],
    agreementId: null,
    paymentMethod: closingPaymentMethod(options),
    delivery: { kind: 'pickup', warehouseId: pool.pickupWarehouseId },
    deliveryFee: money(0, pool.currency),
    groupBuy: { poolId: pool.poolId, name: pool.name, total: 0 },
  };
}

class StepError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The closing task (state machine groupBuyClosing, after its Wait until closesAt): closes the pool
 * (no commitment can change after that write), sums the commitments, takes the best tier price the
 * total reached and emits one `groupbuy.order.ready` event per participant on the domainEvents
 * queue. Idempotent: a retry closes nothing twice and reuses each participant's order id and number;
 * the consumer ignores orders it already has.
 */
export async function closePoolAndEmitOrders(poolId: string, now = new Date()) {
  const pool = await existingPool(poolId);
  const due = new Date(pool.closesAt).getTime() - now.getTime();
  if (due > 5_000) throw new StepError('PoolNotDue', `Pool ${poolId} closes at ${pool.closesAt}`);
  if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
  const closedAt = new Date();
  await repository.closePool(pool, closedAt);
  const commitments = (await repository.listCommitments(poolId)).filter((commitment) => commitment.quantity > 0);
  const total = commitments.reduce((sum, commitment) => sum + commitment.quantity, 0);
  const unitPrice = bestUnitPrice(pool.tiers, total);
  const tierReached = tierIndexReached(pool.tiers, total);
  let emitted = 0;
  for (let start = 0; start < commitments.length; start += 10) {
    await Promise.all(
      commitments.slice(start, start + 10).map(async (commitment) => {
        const order = await participantOrder(pool, commitment, unitPrice, closedAt);
        await publish('domainEvents', ORDER_READY_EVENT, { order: { ...order, groupBuy: { ...order.groupBuy, total } } });
        emitted++;
      }),
    );
  }
  const result = { total, tierReached, unitPrice, closedAt: closedAt.toISOString(), orders: emitted };
  await repository.recordResult(poolId, result);
  if (total !== (await existingPool(poolId)).total) logger.error('Pool total differs from the sum of commitments', { poolId, total });
  return { poolId, ...result };
}
