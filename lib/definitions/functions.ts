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
  /**
   * Signs company users in server-side (punchout): env USER_POOL_ID, SHOP_CLIENT_ID and WEB_URL,
   * cognito-idp:AdminSetUserPassword + AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH on the shop client).
   */
  readonly signsInUsers?: boolean;
  /**
   * Is the portal's sign-in door (functions/accounts/sign-in.ts): env SHOP_CLIENT_ID, CONSOLE_CLIENT_ID,
   * STAFF_MFA_REQUIRED ('true' when deployed) and cognito-idp:AdminSetUserPassword (password reset).
   * InitiateAuth, RespondToAuthChallenge, RevokeToken, AssociateSoftwareToken, VerifySoftwareToken and
   * SetUserMFAPreference are public Cognito operations IAM does not evaluate, so they need no grant.
   */
  readonly authenticatesUsers?: boolean;
  /**
   * Creates and deletes the portal's own technical accounts (punchout, functions/accounts/technical-users.ts):
   * cognito-idp:AdminCreateUser + AdminAddUserToGroup + AdminDeleteUser — no re-roling, enabling or attribute changes.
   */
  readonly createsTechnicalUsers?: boolean;
  /**
   * Issues invoices or credit notes, which for a seller in Poland go to KSeF (docs/ksef.md): env
   * KSEF_SECRET_ID and secretsmanager:GetSecretValue on the KSeF connection secret (lib/definitions/secrets.ts).
   */
  readonly readsKsefSecret?: boolean;
  /**
   * npm packages with native binaries that esbuild cannot bundle (sharp): installed into the bundle's
   * node_modules for the Lambda architecture (linux arm64) instead (lib/constructs/context-function.ts).
   */
  readonly nodeModules?: readonly string[];
  /**
   * Renders business document PDFs (functions/shared/pdf/document.ts): the PDF renderer and its fonts
   * ship next to the bundle (lib/constructs/bundling.ts, `pdfRenderer`). test/infra/nag.test.ts
   * checks that exactly the functions whose bundle imports the renderer say so.
   */
  readonly rendersPdfs?: boolean;
  /** @default 512 MB */
  readonly memorySize?: number;
}

export const lambdaFunctions = {
  apidocs: {
    entry: 'functions/apidocs/handler.ts',
    description: 'The API description: OpenAPI 3.1 and AsyncAPI documents generated from the route contracts',
    tableAccess: 'read',
  },
  accounts: {
    entry: 'functions/accounts/handler.ts',
    description: 'Registration, companies, sub-accounts, master data, sales reps, shop settings',
    tableAccess: 'readwrite',
    buckets: { uploads: 'readwrite' },
    sendsTo: ['erpOutbound', 'domainEvents', 'webhookEvents'],
    managesUsers: true,
    sendsMail: true,
    authenticatesUsers: true,
  },
  pricing: {
    entry: 'functions/pricing/handler.ts',
    description: 'Agreements, cart quotes, discount rules (pure engine fed by one batched read)',
    tableAccess: 'readwrite',
  },
  catalog: {
    entry: 'functions/catalog/handler.ts',
    description: 'Categories, products and product search (prices only for signed-in customers)',
    tableAccess: 'read',
    buckets: { searchIndex: 'read' },
  },
  catalogIndexer: {
    entry: 'functions/catalog/indexer.ts',
    description: 'Rebuilds the product search index snapshot after catalog changes',
    tableAccess: 'read',
    buckets: { searchIndex: 'readwrite' },
    consumes: 'catalogChanges',
  },
  cart: {
    entry: 'functions/cart/handler.ts',
    description: 'Carts, quick order, saved carts, checkout and order placement',
    tableAccess: 'readwrite',
    startsWorkflows: ['orderPlacement'],
    // Checkout e-mails the approvers of orders that wait for approval.
    sendsMail: true,
  },
  orders: {
    entry: 'functions/orders/handler.ts',
    rendersPdfs: true,
    description: 'Orders, approvals, invoices, trade credit and prepaid balance; back-office order administration and shipments',
    tableAccess: 'readwrite',
    buckets: { documents: 'readwrite' },
    sendsTo: ['erpOutbound', 'webhookEvents'],
    startsWorkflows: ['orderPlacement'],
    sendsMail: true,
    readsKsefSecret: true,
  },
  ordersWorkflow: {
    entry: 'functions/orders/workflow.ts',
    rendersPdfs: true,
    description: 'Task steps of the order placement saga (reserve, persist, invoice, compensate)',
    tableAccess: 'readwrite',
    buckets: { documents: 'readwrite' },
    // catalogChanges: a reservation that sells a product out, or a release, changes its availability in search.
    sendsTo: ['webhookEvents', 'catalogChanges'],
    sendsMail: true,
    readsKsefSecret: true,
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
    rendersPdfs: true,
    description: 'Sales-rep quotes: versions, cart takeover, PDF + e-mail, acceptance into the order saga, quote requests',
    tableAccess: 'readwrite',
    buckets: { documents: 'readwrite' },
    startsWorkflows: ['orderPlacement'],
    sendsMail: true,
  },
  punchout: {
    entry: 'functions/punchout/handler.ts',
    description: 'OCI 4.0 and cXML 1.2 punchout: credentials, sessions, cart transfer, OrderRequest into the order saga',
    tableAccess: 'readwrite',
    startsWorkflows: ['orderPlacement'],
    signsInUsers: true,
    createsTechnicalUsers: true,
  },
  approvals: {
    entry: 'functions/approvals/handler.ts',
    description: 'Purchase-order approval rules, cost centres, budgets and the approver inbox',
    tableAccess: 'readwrite',
  },
  rma: {
    entry: 'functions/rma/handler.ts',
    rendersPdfs: true,
    description: 'Returns, complaints and warranty claims (RMA): filing by customers and guests, photos, back-office handling, PDF, credit notes',
    tableAccess: 'readwrite',
    buckets: { uploads: 'readwrite', documents: 'readwrite' },
    startsWorkflows: ['rmaLifecycle'],
    sendsMail: true,
    readsKsefSecret: true,
  },
  invoices: {
    entry: 'functions/invoices/handler.ts',
    description: 'Document portal (invoices, credit notes, delivery notes, PDF + EN 16931 XML links), payments, camt.053 bank statement import and matching',
    tableAccess: 'readwrite',
    buckets: { documents: 'readwrite' },

    // Back office re-sends offline KSeF invoices (POST /console/invoices/{invoiceNumber}/ksef).
    readsKsefSecret: true,
  },
  rmaWorkflow: {
    entry: 'functions/rma/workflow.ts',
    description: 'Task steps of the RMA lifecycle workflow: reminder to the assignee before the deadline, overdue mark at the deadline',
    tableAccess: 'readwrite',
    sendsMail: true,
    readsKsefSecret: true,
  },
  requisitions: {
    entry: 'functions/requisitions/handler.ts',
    description: 'Requisition lists shared within a company, add-all-to-cart and one-click reorder of past orders',
    tableAccess: 'readwrite',
  },
  catalogExchange: {
    entry: 'functions/catalogexchange/handler.ts',
    description:
      'Catalog exchange: BMEcat 2005 export jobs (start, status, link) of a company catalog with its prices, CSV product/price imports (upload, start, status)',
    tableAccess: 'readwrite',
    buckets: { uploads: 'readwrite', documents: 'readwrite' },
    sendsTo: ['catalogImports', 'catalogExports'],
  },
  catalogExportWorker: {
    entry: 'functions/catalogexchange/export-worker.ts',
    description: "Runs BMEcat exports: pages through the company's visible catalog with its prices and streams the XML to the documents bucket",
    tableAccess: 'readwrite',
    buckets: { documents: 'readwrite' },
    consumes: 'catalogExports',
  },
  catalogImportWorker: {
    entry: 'functions/catalogexchange/worker.ts',
    description: 'Runs CSV catalog imports: streams the upload, validates rows, writes atomic row batches, stores the error report',
    tableAccess: 'readwrite',
    buckets: { uploads: 'read', documents: 'readwrite' },
    consumes: 'catalogImports',
    sendsTo: ['webhookEvents', 'catalogChanges'],
  },
  productMedia: {
    entry: 'functions/catalog/media/handler.ts',
    description: 'Product images and datasheets (back office): presigned uploads, checked confirmation into the media bucket, removal',
    tableAccess: 'readwrite',
    buckets: { uploads: 'readwrite', media: 'readwrite' },
    sendsTo: ['mediaThumbnails'],
  },
  mediaThumbnailer: {
    entry: 'functions/catalog/media/thumbnailer.ts',
    description: 'Renders the 320 px JPEG thumbnail of a confirmed product image (sharp) and records it on the product',
    tableAccess: 'readwrite',
    buckets: { media: 'readwrite' },
    consumes: 'mediaThumbnails',
    nodeModules: ['sharp'],
    memorySize: 1024,
  },
  vatRecheck: {
    entry: 'functions/accounts/vat-recheck.ts',
    description: 'Task of the scheduled VIES re-check: re-checks the VAT IDs of companies whose check is due (check-due index), keeps the evidence',
    tableAccess: 'readwrite',
  },
  webhooks: {
    entry: 'functions/webhooks/handler.ts',
    description: 'Webhook subscriptions of integrators (back office): create with a signing secret, list, delete, deliveries and their replay',
    tableAccess: 'readwrite',
    sendsTo: ['webhookDeliveries'],
  },
  webhookDispatcher: {
    entry: 'functions/webhooks/dispatcher.ts',
    description: 'Fans integration events out to the webhook subscriptions: one recorded delivery and one queue message per subscription',
    tableAccess: 'readwrite',
    consumes: 'webhookEvents',
    sendsTo: ['webhookDeliveries'],
  },
  webhookWorker: {
    entry: 'functions/webhooks/worker.ts',
    description: 'Delivers webhooks: signed POST (Standard Webhooks), 10 s timeout, exponential back-off per attempt, DLQ after the last',
    tableAccess: 'readwrite',
    consumes: 'webhookDeliveries',
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionKey = keyof typeof lambdaFunctions;
