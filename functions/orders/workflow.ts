import * as z from 'zod';
import { mailLanguage, recordFirstOrder } from '../accounts/service.js';
import { releaseOrderBudgets } from '../approvals/service.js';
import { findProducts } from '../catalog/service.js';
import { backorderAllowed } from '../catalog/backorder.js';
import { OutOfStock, releaseStock, reserveStockWithBackorders } from '../catalog/stock.js';
import { chargeBalance, refundBalance, releaseCredit, reserveCredit } from '../credit/service.js';
import { issueInvoice } from '../invoices/service.js';
import { publishIntegrationEvent } from '../shared/events.js';
import { logger } from '../shared/logger.js';
import { formatMoney } from '../shared/format.js';
import { sendMail } from '../shared/mail.js';
import { translator } from '../shared/messages/index.js';
import { money } from '../shared/money.js';
import { formatMilli } from '../shared/quantity.js';
import { invoiceOrderOf } from './invoice-input.js';
import { preferredWarehouses, stockLines } from './placement.js';
import { findLineProblems } from './rules.js';
import * as repository from './repository.js';
import type { Order } from './repository.js';

/**
 * Task steps of the order placement saga (lib/definitions/state-machines.ts). Step Functions passes
 * `{ step, input }` where input is the saga state `{ order, … }`; each step returns the new state.
 * A thrown error's `name` is the error Catch/Retry rules see. Every step is idempotent: retries and
 * compensations never book twice.
 */
class StepError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface SagaState {
  readonly order: Order;
  readonly erp?: { erpOrderId: string; invoiceNumber: string; issuedAt: string; dueDate?: string };
  readonly failure?: { Error?: string; Cause?: string };
  readonly [key: string]: unknown;
}

const stepEvent = z.object({ step: z.string(), input: z.object({ order: z.object({ orderId: z.string(), companyId: z.string() }).loose() }).loose() });

/** What the buyer owes: goods gross plus delivery fee. */
export const amountDue = (order: Order) => money(order.gross.amount + order.deliveryFee.amount, order.gross.currency);

/** The order's lines with the back-ordered quantities the reservation recorded (and the products' expected dates). */
function linesWithBackorders(
  lines: Order['lines'],
  backordered: readonly { sku: string; quantity: number }[],
  products: ReadonlyMap<string, { backorder?: { expectedAt: string } }>,
): Order['lines'] {
  const left = new Map<string, number>();
  for (const entry of backordered) left.set(entry.sku, (left.get(entry.sku) ?? 0) + entry.quantity);
  return lines.map((line) => {
    const { backordered: _was, expectedAt: _at, ...plain } = line;
    const later = Math.min(left.get(line.sku) ?? 0, Number(line.quantity));
    if (later <= 0) return plain;
    left.set(line.sku, (left.get(line.sku) ?? 0) - later);
    const expectedAt = products.get(line.sku)?.backorder?.expectedAt;
    return { ...plain, backordered: formatMilli(Math.round(later * 1000)), ...(expectedAt ? { expectedAt } : {}) };
  });
}

const steps: Record<string, (state: SagaState) => Promise<SagaState>> = {
  async validate(state) {
    const products = await findProducts(state.order.lines.map((line) => line.sku));
    const problems = findLineProblems(
      state.order.lines.map((line) => ({ sku: line.sku, quantity: 1 })),
      products,
    );
    if (problems.length) throw new StepError('OrderRejected', `Order lines cannot be sold: ${JSON.stringify(problems)}`);
    return state;
  },

  async reserveStock(state) {
    try {
      // Back-orderable products take the stock there is; the rest is back-ordered on the order's lines.
      const products = await findProducts(state.order.lines.map((line) => line.sku));
      const backorderable = new Set([...products].filter(([, product]) => backorderAllowed(product)).map(([sku]) => sku));
      const { allocations, backordered } = await reserveStockWithBackorders(
        state.order.orderId,
        stockLines(state.order),
        preferredWarehouses(state.order),
        backorderable,
      );
      const lines = linesWithBackorders(state.order.lines, backordered, products);
      if (JSON.stringify(lines) !== JSON.stringify(state.order.lines)) {
        await repository.transition(state.order.companyId, state.order.orderId, ['placing'], 'placing', { lines });
      }
      // The ERP message (SendToErp: `$.order`) carries the split.
      return { ...state, order: { ...state.order, lines }, stock: allocations };
    } catch (error) {
      if (error instanceof OutOfStock) throw new StepError('OutOfStock', error.message);
      throw error;
    }
  },

  async reservePayment(state) {
    const { order } = state;
    if (order.paymentMethod === 'on-account') {
      const result = await reserveCredit(order.companyId, order.orderId, amountDue(order));
      if (result === 'insufficient') throw new StepError('CreditExceeded', 'The order exceeds the available trade credit');
    } else if (order.paymentMethod === 'prepaid-balance') {
      const result = await chargeBalance(order.companyId, order.orderId, amountDue(order));
      if (result === 'insufficient') throw new StepError('InsufficientBalance', 'The prepaid balance does not cover the order');
    }
    return state;
  },

  async persist(state) {
    await repository.transition(state.order.companyId, state.order.orderId, ['placing'], 'placed');
    await recordFirstOrder(state.order.companyId, state.order.createdAt);
    await publishIntegrationEvent('order.placed', {
      companyId: state.order.companyId,
      orderId: state.order.orderId,
      orderNumber: state.order.orderNumber,
      gross: state.order.gross,
      createdAt: state.order.createdAt,
    });
    return { ...state, order: { ...state.order, status: 'placed' } };
  },

  async recordInvoice(state) {
    if (!state.erp) throw new StepError('ErpReplyMissing', 'The ERP reply carries no invoice');
    await issueInvoice(invoiceOrderOf(state.order), state.erp);
    await repository.transition(state.order.companyId, state.order.orderId, ['placed', 'confirmed'], 'confirmed', {
      invoiceNumber: state.erp.invoiceNumber,
      erpOrderId: state.erp.erpOrderId,
    });
    return { ...state, order: { ...state.order, status: 'confirmed', invoiceNumber: state.erp.invoiceNumber } };
  },

  async notify(state) {
    const { order } = state;
    // In the buyer's language (their own choice, else the company's): functions/shared/messages.
    const language = await mailLanguage(order.companyId, order.placedBy.sub);
    const t = translator(language);
    const invoice = state.erp?.invoiceNumber ?? '';
    await sendMail({
      to: [order.placedBy.email],
      subject: t('mail.order.subject', { order: order.orderNumber }),
      text: [
        t('mail.greeting', { name: order.placedBy.name }),
        '',
        t('mail.order.thanks', { order: order.orderNumber }),
        process.env.WEB_URL
          ? t('mail.order.invoiceAt', { invoice, url: `${process.env.WEB_URL}/orders/${order.orderId}` })
          : t('mail.order.invoice', { invoice }),
        '',
        t('mail.order.total', { amount: formatMoney(amountDue(order), language) }),
      ].join('\n'),
    });
    return state;
  },

  async releasePayment(state) {
    const { order } = state;
    if (order.paymentMethod === 'on-account') await releaseCredit(order.companyId, order.orderId);
    if (order.paymentMethod === 'prepaid-balance') await refundBalance(order.companyId, order.orderId);
    return state;
  },

  async releaseStock(state) {
    await releaseStock(state.order.orderId);
    return state;
  },

  async markFailed(state) {
    const reason = state.failure ? `${state.failure.Error ?? 'Error'}: ${state.failure.Cause ?? ''}`.slice(0, 500) : 'Unknown failure';
    // Compensation of the budget charge taken with the order at checkout (idempotent on retries).
    await releaseOrderBudgets(state.order.companyId, state.order.orderId);
    await repository.transition(state.order.companyId, state.order.orderId, ['placing', 'placed'], 'failed', { failureReason: reason });
    logger.warn('Order failed', { orderId: state.order.orderId, reason });
    return state;
  },
};

export const handler = async (event: unknown) => {
  const { step, input } = stepEvent.parse(event);
  const run = steps[step];
  if (!run) throw new StepError('UnknownStep', `No step ${step}`);
  return run(input as unknown as SagaState);
};
