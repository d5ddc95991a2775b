import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { config } from '../shared/config.js';
import { conflict } from '../shared/errors.js';
import type { DeliveryChoice } from '../checkout/delivery.js';
import type { Money } from '../shared/money.js';
import type { VatIdEvidence } from '../pricing/model.js';
import { transact as transactItems, type TransactItem } from '../shared/transactions.js';
import type { OfferState, OfferStatus, QuoteLine } from './rules.js';

/**
 * Quotes ("offers") in the single table (docs/access-patterns.md):
 *   header   PK COMPANY#<companyId>  SK OFFER#<offerId>                  GSI1 OFFERS / <updatedAt>#<offerId>
 *   version  PK COMPANY#<companyId>  SK OFFERV#<offerId>#<version:0000>  (immutable once written)
 *   counter  PK COUNTER              SK QUOTE#<year>
 */
export interface OfferTerms {
  readonly delivery: DeliveryChoice;
  readonly deliveryFee: Money;
  readonly paymentMethod: string;
  readonly validUntil: string;
  readonly note?: string;
}

export interface OfferVersion {
  readonly offerId: string;
  readonly companyId: string;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: { sub: string; name: string; role: string };
  readonly agreementId: string | null;
  readonly currency: string;
  readonly lines: readonly QuoteLine[];
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
  readonly vatBreakdown: readonly { rate: number; net: Money; vat: Money }[];
  /** As priced (functions/pricing): with the VIES `evidence` reverse charge rests on, copied onto the order at acceptance. */
  readonly reverseCharge: { applies: boolean; explanation?: string; evidence?: VatIdEvidence };
  readonly terms: OfferTerms;
  readonly source:
    | { kind: 'scratch' }
    | {
        kind: 'cart';
        ownerSub: string;
        ownerName: string;
        /** The cart lines taken over (thousandths of a unit): they leave that cart when the quote is accepted. Absent on older versions. */
        lines?: readonly { sku: string; quantity: number }[];
      }
    | { kind: 'copy'; fromCompanyId: string; fromOfferId: string; fromVersion: number }
    | { kind: 'request' };
}

export interface Offer extends OfferState {
  readonly offerId: string;
  readonly quoteNumber: string;
  readonly companyId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: { sub: string; name: string; role: string };
  readonly request?: { note: string; requestedBy: { sub: string; name: string; email: string }; lines: readonly { sku: string; quantity: string }[] };
  readonly pdfKeys?: Readonly<Record<string, string>>;
  readonly acceptance?: { orderId: string; orderNumber: string; acceptedBy: { sub: string; name: string }; acceptedAt: string };
  readonly status: OfferStatus;
}

export const offerKeys = {
  header: (companyId: string, offerId: string) => ({ PK: `COMPANY#${companyId}`, SK: `OFFER#${offerId}` }),
  version: (companyId: string, offerId: string, version: number) => ({
    PK: `COMPANY#${companyId}`,
    SK: `OFFERV#${offerId}#${String(version).padStart(4, '0')}`,
  }),
  index: (updatedAt: string, offerId: string) => ({ GSI1PK: 'OFFERS', GSI1SK: `${updatedAt}#${offerId}` }),
};

const table = () => config.tableName();
const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, type: _t, ...rest } = item;
  return rest as T;
};

export const headerItem = (offer: Offer) => ({
  ...offerKeys.header(offer.companyId, offer.offerId),
  ...offerKeys.index(offer.updatedAt, offer.offerId),
  type: 'offer',
  ...offer,
});
export const versionItem = (version: OfferVersion) => ({
  ...offerKeys.version(version.companyId, version.offerId, version.version),
  type: 'offer-version',
  ...version,
});

export async function findOffer(companyId: string, offerId: string): Promise<Offer | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: offerKeys.header(companyId, offerId), ConsistentRead: true }));
  return Item ? strip<Offer>(Item) : undefined;
}

export async function findVersion(companyId: string, offerId: string, version: number): Promise<OfferVersion | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: table(), Key: offerKeys.version(companyId, offerId, version), ConsistentRead: true }));
  return Item ? strip<OfferVersion>(Item) : undefined;
}

export async function listCompanyOffers(companyId: string): Promise<Offer[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': 'OFFER#' },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => strip<Offer>(item));
}

/** Back-office: every quote, newest change first (GSI1 OFFERS). */
export async function listAllOffers(limit: number): Promise<Offer[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'OFFERS' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => strip<Offer>(item));
}

async function transact(items: TransactItem[], onConflict: () => Error): Promise<void> {
  if (!(await transactItems(items)).ok) throw onConflict();
}

export const createOffer = (offer: Offer, version?: OfferVersion) =>
  transact(
    [
      { Put: { TableName: table(), Item: headerItem(offer), ConditionExpression: 'attribute_not_exists(PK)' } },
      ...(version ? [{ Put: { TableName: table(), Item: versionItem(version), ConditionExpression: 'attribute_not_exists(PK)' } }] : []),
    ],
    () => conflict('QUOTE_EXISTS', 'This quote exists already'),
  );

/** Version n+1: the header moves only if nobody wrote another version meanwhile and it is not accepted. */
export const addVersion = (offer: Offer, version: OfferVersion, now: string) =>
  transact(
    [
      {
        Update: {
          TableName: table(),
          Key: offerKeys.header(offer.companyId, offer.offerId),
          UpdateExpression: 'SET latestVersion = :next, updatedAt = :now, GSI1SK = :gsi, #status = :draft',
          ConditionExpression: 'latestVersion = :current AND #status <> :accepted',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':next': version.version,
            ':current': offer.latestVersion,
            ':now': now,
            ':gsi': `${now}#${offer.offerId}`,
            ':draft': 'draft',
            ':accepted': 'accepted',
          },
        },
      },
      { Put: { TableName: table(), Item: versionItem(version), ConditionExpression: 'attribute_not_exists(PK)' } },
    ],
    () => conflict('QUOTE_CHANGED', 'The quote was changed or accepted meanwhile; reload it'),
  );

/** Marks `version` sent (and where its PDF is), only while it is still the latest version. */
export async function markSent(offer: Offer, version: number, pdfKey: string, now: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: offerKeys.header(offer.companyId, offer.offerId),
        UpdateExpression: 'SET #status = :sent, sentVersion = :version, updatedAt = :now, GSI1SK = :gsi, pdfKeys = if_not_exists(pdfKeys, :empty)',
        ConditionExpression: 'latestVersion = :version AND #status <> :accepted',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':version': version,
          ':now': now,
          ':gsi': `${now}#${offer.offerId}`,
          ':accepted': 'accepted',
          ':empty': {},
        },
      }),
    );
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: offerKeys.header(offer.companyId, offer.offerId),
        UpdateExpression: 'SET pdfKeys.#v = :key',
        ExpressionAttributeNames: { '#v': String(version) },
        ExpressionAttributeValues: { ':key': pdfKey },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The header update of an acceptance: part of the order's transaction (exactly one order per quote). */
export function acceptanceUpdate(offer: Offer, version: number, acceptance: NonNullable<Offer['acceptance']>): TransactItem {
  return {
    Update: {
      TableName: table(),
      Key: offerKeys.header(offer.companyId, offer.offerId),
      UpdateExpression: 'SET #status = :accepted, acceptedVersion = :version, acceptance = :acceptance, updatedAt = :now, GSI1SK = :gsi',
      ConditionExpression: '#status = :sent AND latestVersion = :version AND sentVersion = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':accepted': 'accepted',
        ':sent': 'sent',
        ':version': version,
        ':acceptance': acceptance,
        ':now': acceptance.acceptedAt,
        ':gsi': `${acceptance.acceptedAt}#${offer.offerId}`,
      },
    },
  };
}
