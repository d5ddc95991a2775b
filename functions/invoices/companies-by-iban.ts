import { config } from '../shared/config.js';
import { queryAll } from '../shared/query.js';

/**
 * Debtor IBAN → company, for bank-statement transactions without a usable reference. Companies keep
 * their bank accounts in the profile item (functions/accounts); the back-office company list (GSI1
 * `COMPANIES`, access pattern 9) is read once per statement import, projected to id and IBANs only.
 * A wholesaler has thousands of customers, not millions; if that changes, the accounts context should
 * write `IBAN#<iban>` pointer items with its master-data transaction instead.
 * An IBAN registered by two companies is left out: it cannot tell them apart.
 */
export async function queryAllCompanies(): Promise<Map<string, string>> {
  const owners = new Map<string, string | null>();
  const companies = await queryAll({
    TableName: config.tableName(),
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': 'COMPANIES' },
    ProjectionExpression: 'companyId, bankAccounts',
  });
  for (const item of companies) {
    for (const account of (item.bankAccounts as { iban?: string }[] | undefined) ?? []) {
      if (typeof account.iban !== 'string') continue;
      const iban = account.iban.replace(/\s+/g, '').toUpperCase();
      const owner = owners.get(iban);
      owners.set(iban, owner === undefined || owner === String(item.companyId) ? String(item.companyId) : null);
    }
  }
  return new Map([...owners].filter((entry): entry is [string, string] => entry[1] !== null));
}
