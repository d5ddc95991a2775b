import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { isCompanyRole, type CompanyRole } from '../../lib/definitions/index.js';
import { dynamo } from './clients/dynamo.js';
import { config } from './config.js';

/**
 * Memberships of a user in companies other than the home company (the `custom:companyId` of the ID
 * token). Two items per membership, written and deleted together by the accounts context:
 *  - the member's row in the company's user list, the same key as every company user, so the
 *    company's user list, order limits and approvals see the member like an employee;
 *  - the user's own side, listing the user's companies for `GET /me`.
 */
export const membershipKeys = {
  companyMember: (companyId: string, sub: string) => ({ PK: `COMPANY#${companyId}`, SK: `USER#${sub}` }),
  userMembership: (sub: string, companyId: string) => ({ PK: `USER#${sub}`, SK: `MEMBERSHIP#${companyId}` }),
  userMemberships: (sub: string) => ({ PK: `USER#${sub}`, SKPrefix: 'MEMBERSHIP#' }),
};

/** The part of a member row that decides access. */
export interface MembershipRecord {
  readonly role: CompanyRole;
  readonly enabled: boolean;
  /** Set only on rows that are memberships (absent on a company's own employees). */
  readonly homeCompanyId: string;
}

/**
 * One strongly consistent GetItem: a removed or disabled membership stops working with the very
 * next request, not after a token expiry.
 */
export async function findMembership(companyId: string, sub: string): Promise<MembershipRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: config.tableName(),
      Key: membershipKeys.companyMember(companyId, sub),
      ConsistentRead: true,
      ProjectionExpression: '#role, enabled, homeCompanyId',
      ExpressionAttributeNames: { '#role': 'role' },
    }),
  );
  if (!Item || typeof Item.homeCompanyId !== 'string' || typeof Item.role !== 'string' || !isCompanyRole(Item.role)) return undefined;
  return { role: Item.role, enabled: Item.enabled !== false, homeCompanyId: Item.homeCompanyId };
}
