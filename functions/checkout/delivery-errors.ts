/** Error codes of a refused delivery choice; the SPA shows them at the delivery section. No imports: the SPA bundles this. */
export const AGREED_DELIVERY_CHOICE_ERRORS = [
  'INVALID_CHOICE',
  'UNKNOWN_WAREHOUSE',
  'UNKNOWN_CARRIER',
  'UNKNOWN_BRANCH',
  'BRANCH_OUTSIDE_DELIVERY_COUNTRY',
  'ADDRESS_REQUIRED',
  'INVALID_ADDRESS',
  'DELIVERY_NOT_AVAILABLE',
] as const;

/** At checkout cash on delivery can be chosen as well (quotes agree no COD). */
export const DELIVERY_CHOICE_ERRORS = [...AGREED_DELIVERY_CHOICE_ERRORS, 'IBAN_REQUIRED_FOR_COD', 'INVALID_IBAN', 'INVALID_COD_AMOUNT'] as const;
