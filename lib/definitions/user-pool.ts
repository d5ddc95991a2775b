/** Cognito user pool shape shared by CDK (lib/auth-stack.ts) and the local stack (cognito-local). */
export const roles = ['company-admin', 'super-user', 'buyer', 'sales-rep', 'back-office'] as const;
export type Role = (typeof roles)[number];

/** Roles inside a customer company. A super user manages master data but not users (seed 000). */
export const companyRoles = ['company-admin', 'super-user', 'buyer'] as const satisfies readonly Role[];
export type CompanyRole = (typeof companyRoles)[number];
export const isCompanyRole = (role: string): role is CompanyRole => (companyRoles as readonly string[]).includes(role);
export const staffRoles = ['sales-rep', 'back-office'] as const satisfies readonly Role[];

export const userPool = {
  localName: 'b2b-portal-users',
  /** Custom attributes; in tokens they appear as `custom:<name>` (ID token only). */
  customAttributes: {
    companyId: { maxLength: 64 },
    role: { maxLength: 32 },
  },
  groups: roles,
  clients: {
    /** Buyer SPA (shop). */
    shop: { localName: 'shop-spa' },
    /** Admin / sales console. */
    console: { localName: 'staff-console' },
  },
  /**
   * OAuth 2.0 resource server of the API: integrators' machine clients (client credentials grant) get
   * access tokens with scopes `<identifier>/<scope>`; each route contract lists the scopes it accepts
   * (functions/shared/contract.ts `scopes`), functions/shared/http.ts checks them.
   */
  resourceServer: {
    identifier: 'b2b-portal',
    name: 'B2B portal API',
    scopes: {
      'orders:read': 'Read orders, their items and shipments',
      'orders:write': 'Change orders: status, shipments',
      'invoices:read': 'Read invoices, credit notes and their documents',
      'catalog:write': 'Import products and prices',
      'master-data:read': 'Read companies and their master data',
    },
  },
  /** Machine clients (client credentials + secret), least privilege: each gets only the scopes its job needs. */
  machineClients: {
    /** ERP connector (1C, Comarch, SAP …): reads orders and invoices, updates order status, reads master data. */
    erpConnector: { localName: 'erp-connector', scopes: ['orders:read', 'orders:write', 'invoices:read', 'master-data:read'] },
    /** PIM connector: imports products and prices. */
    pimConnector: { localName: 'pim-connector', scopes: ['catalog:write'] },
  },
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: false,
  },
} as const;

export type ClientKey = keyof typeof userPool.clients;

export type ApiScope = keyof typeof userPool.resourceServer.scopes;
export const apiScopes = Object.keys(userPool.resourceServer.scopes) as ApiScope[];
export type MachineClientKey = keyof typeof userPool.machineClients;
/** `b2b-portal/orders:read`: how a scope appears in an access token's `scope` claim. */
export const qualifiedScope = (scope: ApiScope): string => `${userPool.resourceServer.identifier}/${scope}`;
