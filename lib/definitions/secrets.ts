/**
 * Secrets Manager secrets of the portal, referenced by name (no cross-stack reference; ARN suffix
 * matched with `-??????`). The KSeF connection (docs/ksef.md): JSON
 * `{"baseUrl":"https://api.ksef.mf.gov.pl/v2","environment":"production","token":"<KSeF token>"}`;
 * created with an empty token (KSeF off: documents are issued offline) and filled in by the operator.
 */
export const ksefSecret = { localName: 'b2b-portal-ksef-connection', envVar: 'KSEF_SECRET_ID' } as const;
