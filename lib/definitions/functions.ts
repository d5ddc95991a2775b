import type { BucketKey, QueueKey } from './storage.js';

/**
 * Every Lambda function of the portal: one per bounded context for the HTTP API, plus workflow
 * task functions. CDK builds each with NodejsFunction from `entry`; the local stack imports the
 * same module and calls its `handler` export.
 */
export interface FunctionDefinition {
  readonly entry: string;
  readonly description: string;
  readonly tableAccess: 'read' | 'readwrite';
  readonly buckets?: Readonly<Partial<Record<BucketKey, 'read' | 'readwrite'>>>;
  readonly sendsTo?: readonly QueueKey[];
  /** Starts executions of these state machines. */
  readonly startsWorkflows?: readonly string[];
  /** Creates, disables and re-roles Cognito users (env USER_POOL_ID). */
  readonly managesUsers?: boolean;
  /** Sends e-mail through the mail port (SES v2; env MAIL_FROM). */
  readonly sendsMail?: boolean;
  /** SQS event source: the function consumes this queue with partial batch responses. */
  readonly consumes?: QueueKey;
  /** Reports Step Functions task tokens back (states:SendTaskSuccess / SendTaskFailure). */
  readonly completesWorkflowTasks?: boolean;
  /** A stand-in for an external system (the demo ERP): runs locally, deployed only with `-c demoErp=true`. */
  readonly demo?: boolean;
}

export const lambdaFunctions = {
  accounts: {
    entry: 'functions/accounts/handler.ts',
    description: 'Registration, companies, sub-accounts, master data, sales reps, shop settings',
    tableAccess: 'readwrite',
    buckets: { uploads: 'readwrite' },
    sendsTo: ['erpOutbound', 'domainEvents'],
    managesUsers: true,
    sendsMail: true,
  },
  pricing: {
    entry: 'functions/pricing/handler.ts',
    description: 'Agreements, cart quotes, discount rules (pure engine fed by one batched read)',
    tableAccess: 'readwrite',
  },
  catalog: {
    entry: 'functions/catalog/handler.ts',
    description: 'Categories and products (prices only for signed-in customers)',
    tableAccess: 'read',
  },
  cart: {
    entry: 'functions/cart/handler.ts',
    description: 'Carts, quick order, saved carts, checkout and order placement',
    tableAccess: 'readwrite',
    startsWorkflows: ['orderPlacement'],
  },
  orders: {
    entry: 'functions/orders/handler.ts',
    description: 'Orders, approvals, invoices, trade credit and prepaid balance',
    tableAccess: 'readwrite',
    buckets: { documents: 'read' },
    startsWorkflows: ['orderPlacement'],
  },
  ordersWorkflow: {
    entry: 'functions/orders/workflow.ts',
    description: 'Task steps of the order placement saga (reserve, persist, invoice, compensate)',
    tableAccess: 'readwrite',
    buckets: { documents: 'readwrite' },
    sendsMail: true,
  },
  erpReplies: {
    entry: 'functions/erp/replies.ts',
    description: 'Consumes ERP replies: order confirmations with invoice numbers, credit limits',
    tableAccess: 'readwrite',
    consumes: 'erpInbound',
    completesWorkflowTasks: true,
  },
  demoErp: {
    entry: 'functions/erp/demo-erp.ts',
    description: 'Demo ERP (the 1C/Comarch role): books orders, issues invoice numbers, answers on the reply queue',
    tableAccess: 'read',
    consumes: 'erpOutbound',
    sendsTo: ['erpInbound'],
    demo: true,
  },
  groupbuy: {
    entry: 'functions/groupbuy/handler.ts',
    description: 'BestPrice group buying: pools with quantity tiers, company commitments',
    tableAccess: 'readwrite',
    startsWorkflows: ['groupBuyClosing'],
  },
  groupbuyClosing: {
    entry: 'functions/groupbuy/closing.ts',
    description: 'Task of the group-buy closing workflow: closes the pool, emits one order event per participant',
    tableAccess: 'readwrite',
    sendsTo: ['domainEvents'],
  },
  groupbuyOrders: {
    entry: 'functions/groupbuy/orders.ts',
    description: 'Consumes group-buy order events: persists each order and starts its placement saga (idempotent)',
    tableAccess: 'readwrite',
    consumes: 'domainEvents',
    startsWorkflows: ['orderPlacement'],
  },
  offers: {
    entry: 'functions/offers/handler.ts',
    description: 'Sales-rep quotes: versions, cart takeover, PDF + e-mail, acceptance into the order saga, quote requests',
    tableAccess: 'readwrite',
    buckets: { documents: 'readwrite' },
    startsWorkflows: ['orderPlacement'],
    sendsMail: true,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionKey = keyof typeof lambdaFunctions;
