import * as z from 'zod';
import { moneySchema } from '../shared/contract.js';
import { DELIVERY_KINDS } from './delivery.js';

/** Request schemas shared by every endpoint that takes order lines and a delivery choice. */
export const skuSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

/** "2", "0.25" or a number; parsed exactly into thousandths by the pricing service. */
export const quantitySchema = z.union([z.string().max(16), z.number().nonnegative()]);

const money = z.object({ amount: z.number().int().positive(), currency: z.string().regex(/^[A-Z]{3}$/) }).strict();

const endCustomerAddress = z
  .object({
    name: z.string().trim().min(1).max(120),
    street: z.string().trim().min(1).max(120),
    postalCode: z.string().trim().min(1).max(16),
    city: z.string().trim().min(1).max(80),
    country: z.string().regex(/^[A-Z]{2}$/),
    phone: z.string().trim().max(40).optional(),
    email: z.email().optional(),
  })
  .strict();

const dropshipping = z.object({ kind: z.literal('dropshipping'), endCustomer: endCustomerAddress }).strict();

const otherChoices = [
  z.object({ kind: z.literal('pickup'), warehouseId: z.string().min(1).max(40) }).strict(),
  z.object({ kind: z.literal('own-transport') }).strict(),
  z.object({ kind: z.literal('carrier'), carrierId: z.string().min(1).max(40), city: z.string().min(1).max(80), branchId: z.string().min(1).max(40) }).strict(),
] as const;

/** A DeliveryChoice (functions/checkout/delivery.ts) of an order: drop shipping may collect cash on delivery. */
export const deliveryChoiceSchema = z.discriminatedUnion('kind', [
  ...otherChoices,
  dropshipping
    .extend({
      cashOnDelivery: z
        .object({ amount: money, iban: z.string().max(42).optional() })
        .strict()
        .optional(),
    })
    .strict(),
]);

/** The delivery agreed in a quote: cash on delivery is agreed per order, not in advance. */
export const agreedDeliveryChoiceSchema = z.discriminatedUnion('kind', [...otherChoices, dropshipping]);

/** The figures of delivery conditions and reasons: other languages render `kind` / `reasonCode` with them. */
export const deliveryTextParamsSchema = z
  .object({
    countries: z.array(z.string()).optional(),
    minimum: moneySchema.optional(),
    fee: moneySchema.optional(),
    country: z.string().optional(),
    currency: z.string().optional(),
  })
  .meta({ id: 'DeliveryTextParams' });

/** The figures of a payment reason: other languages render `reasonCode` with them. */
export const paymentReasonParamsSchema = z
  .object({
    delivery: z.enum(DELIVERY_KINDS).optional(),
    skus: z.array(z.string()).optional(),
    minimum: moneySchema.optional(),
    maximum: moneySchema.optional(),
    available: moneySchema.optional(),
    balance: moneySchema.optional(),
    keptIn: z.string().optional(),
    orderCurrency: z.string().optional(),
  })
  .meta({ id: 'PaymentReasonParams' });
