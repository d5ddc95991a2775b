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
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: false,
  },
} as const;

export type ClientKey = keyof typeof userPool.clients;
