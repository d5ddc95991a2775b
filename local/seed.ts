import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { accountKeys, companyItem, companyUserItem, repAssignmentItem } from '../functions/accounts/repository.js';
import type { CompanyAccount } from '../functions/accounts/rules.js';
import { defaultShopSettings } from '../functions/accounts/rules.js';
import { catalogKeys } from '../functions/catalog/repository.js';
import { productIdentifierItems, productItem } from '../functions/catalog/items.js';
import { priceListEntryItem, productPricingItem } from '../functions/pricing/service.js';
import { discountSetItem, pricingKeys } from '../functions/pricing/repository.js';
import { creditKeys } from '../functions/credit/repository.js';
import { approvalKeys } from '../functions/approvals/repository.js';
import { directoryAttributes } from '../functions/shared/directory.js';
import { membershipKeys } from '../functions/shared/memberships.js';
import { localCredentials, localRegion } from './env.js';
import {
  demoPassword,
  muellerContractSkus,
  nowakPlnPriceList,
  seedCategories,
  seedCompanies,
  seedDiscounts,
  seedProducts,
  seedCategoryTranslations,
  seedSellerContact,
  seedUsers,
  seedVatRates,
  seedWarehouses,
  wholesalePercentOff,
  type SeedProduct,
  type SeedUser,
} from './seed-data.js';

const seedVersion = 11; // 8: shop sellerContact (XRechnung BG-6); 9: companies in the VIES check-due index; 10: German and Polish product texts; 11: shop currencies EUR+PLN, Nowak buys in PLN (PLN agreements, price list, credit line, prepaid balance)
const seedMarker = { PK: 'CONFIG', SK: 'SEED' };
/** Stable UUIDs for seeded addresses and bank accounts. */
const seedId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Creates (or finds) a Cognito user with role group and company attribute; returns its `sub`. */
async function ensureCognitoUser(cognito: CognitoIdentityProviderClient, userPoolId: string, user: SeedUser): Promise<string> {
  const subOf = (attributes: { Name?: string; Value?: string }[] | undefined) => attributes?.find((a) => a.Name === 'sub')?.Value;
  try {
    const existing = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }));
    return subOf(existing.UserAttributes)!;
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
  }
  const created = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: user.email,
      MessageAction: 'SUPPRESS',
      UserAttributes: directoryAttributes(user),
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.email, Password: demoPassword, Permanent: true }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: user.role }));
  return subOf(created.User?.Attributes)!;
}

export interface SeedTargets {
  readonly dynamoEndpoint: string;
  readonly cognitoEndpoint: string;
  readonly tableName: string;
  readonly userPoolId: string;
}

const percentBelow = (cents: number, percent: number) => Math.round((cents * (100 - percent)) / 100);

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const pln = (amount: number) => ({ amount, currency: 'PLN' });
const wholesale = { kind: 'customer-group' as const, customerGroup: 'wholesale' };
const mueller = { kind: 'company' as const, companyId: 'mueller-bau' };
const nowak = { kind: 'company' as const, companyId: nowakPlnPriceList.companyId };
const hasPlnPrice = (product: SeedProduct) => !(nowakPlnPriceList.withoutPlnPrices as readonly string[]).includes(product.categoryId);
const seedCategoryById = new Map(seedCategories.map((category) => [category.id, category]));

/** One product's pricing: VAT, tiers and quantity rules, its wholesale list entry and, for some fasteners, Müller's contract price. */
function productPricingItems(product: SeedProduct): Record<string, unknown>[] {
  const category = seedCategoryById.get(product.categoryId)!;
  return [
    productPricingItem({
      sku: product.sku,
      categoryId: product.categoryId,
      listPrice: eur(product.priceCents),
      vatRates: seedVatRates,
      ...(category.tiers
        ? { tiers: category.tiers.map((tier) => ({ minQuantity: tier.units * 1000, unitPrice: eur(percentBelow(product.priceCents, tier.percentOff)) })) }
        : {}),
      ...(category.quantityRules ? { quantityRules: category.quantityRules } : {}),
    }),
    priceListEntryItem(wholesale, product.sku, eur(percentBelow(product.priceCents, wholesalePercentOff))),
    ...(muellerContractSkus.includes(product.sku)
      ? [
          priceListEntryItem(mueller, product.sku, eur(percentBelow(product.priceCents, 20)), [
            { minQuantity: 100_000, unitPrice: eur(percentBelow(product.priceCents, 25)) },
          ]),
        ]
      : []),
    // Nowak's PLN price, with the category's quantity tiers in PLN.
    ...(hasPlnPrice(product)
      ? [
          priceListEntryItem(
            nowak,
            product.sku,
            pln(nowakPlnPriceList.plnCents(product.priceCents)),
            category.tiers?.map((tier) => ({
              minQuantity: tier.units * 1000,
              unitPrice: pln(nowakPlnPriceList.plnCents(percentBelow(product.priceCents, tier.percentOff))),
            })),
          ),
        ]
      : []),
  ];
}

/** The price lists' own items (wholesale group list, Müller's contract list) and the discounts. */
function priceListAndDiscountItems(): Record<string, unknown>[] {
  return [
    { ...pricingKeys.priceListMeta(wholesale), type: 'price-list', id: 'wholesale-2026', currency: 'EUR', validFrom: '2026-01-01', validTo: '2027-12-31' },
    { ...pricingKeys.priceListMeta(mueller), type: 'price-list', id: 'mueller-contract-2026', currency: 'EUR', validFrom: '2026-01-01' },
    {
      ...pricingKeys.priceListMeta(nowak),
      type: 'price-list',
      id: nowakPlnPriceList.id,
      currency: nowakPlnPriceList.currency,
      validFrom: nowakPlnPriceList.validFrom,
    },
    discountSetItem(seedDiscounts, 1),
  ];
}

/**
 * Every item of seed products: the product (master data, stock, related), its pricing and list
 * entries, and its identifier items. Also used by bench/search.ts for its generated 100k catalog.
 */
export function seedProductItems(products: readonly SeedProduct[]): Record<string, unknown>[] {
  return products.flatMap((product) => [
    {
      ...productItem({
        sku: product.sku,
        name: product.name,
        description: product.description,
        categoryId: product.categoryId,
        unit: product.unit,
        listPrice: { amount: product.priceCents, currency: 'EUR' },
        active: true,
        ...(product.ean ? { ean: product.ean } : {}),
        manufacturer: product.manufacturer,
        mpn: product.mpn,
        attributes: product.attributes,
        ...(product.texts ? { texts: product.texts } : {}),
      }),
      stock: product.stock,
      related: product.related,
    },
    ...productPricingItems(product),
    ...productIdentifierItems(product),
  ]);
}

/** Writes items with BatchWrite, `parallel` batches of 25 in flight, retrying unprocessed items. */
export async function writeItems(documents: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[], parallel = 1): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let start = next; start < items.length; start = next) {
      next += 25;
      let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length) {
        const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Loads the demo wholesaler once; later starts find the marker and keep the data as it is. */
export async function seedDemoData(targets: SeedTargets): Promise<{ seeded: boolean }> {
  const config = { region: localRegion, credentials: localCredentials };
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ ...config, endpoint: targets.dynamoEndpoint }));
  const cognito = new CognitoIdentityProviderClient({ ...config, endpoint: targets.cognitoEndpoint });
  try {
    const marker = await documents.send(new GetCommand({ TableName: targets.tableName, Key: seedMarker }));
    if (marker.Item?.version === seedVersion) return { seeded: false };

    const products = seedProducts();
    const items: Record<string, unknown>[] = [
      {
        ...accountKeys.shopSettings(),
        ...defaultShopSettings,
        name: 'Hartmann Technischer Großhandel',
        sellerAddressLines: ['Hartmann Technischer Großhandel GmbH', 'Hafenstraße 8', '70327 Stuttgart', 'Germany'],
        sellerVatId: 'DE136695976',
        sellerIban: 'DE89370400440532013000',
        sellerContact: seedSellerContact,
        currencies: ['EUR', 'PLN'],
      },
      ...seedCategories.map((category, position) => ({
        ...catalogKeys.category(category.id),
        type: 'category',
        id: category.id,
        name: category.name,
        description: category.description,
        position,
        productCount: products.filter((product) => product.categoryId === category.id).length,
        ...(category.visibility ? { visibility: category.visibility } : {}),
        attributeLabels: { [category.variantAttribute.code]: category.variantAttribute.label, ...(category.familyAttributeLabels ?? {}) },
        texts: seedCategoryTranslations(category.id),
      })),
      { ...catalogKeys.warehouses(), type: 'warehouses', warehouses: seedWarehouses },
      ...priceListAndDiscountItems(),
      ...seedProductItems(products),
    ];
    const accounts = new Map<string, CompanyAccount>(
      seedCompanies.map((company, index) => [
        company.id,
        {
          id: company.id,
          name: company.name,
          vatId: company.vatId,
          city: company.city,
          country: company.country,
          customerGroup: company.customerGroup,
          billingAddress: company.billingAddress,
          deliveryAddresses: [{ id: seedId(100 + index), ...company.billingAddress, name: 'Main warehouse' }],
          bankAccounts: [{ id: seedId(200 + index), iban: company.iban, holder: company.name }],
          businessProfiles: company.businessProfiles,
          agreements: company.agreements,
          defaultAgreementId: company.defaultAgreementId,
          ...(company.customerSince ? { firstOrderAt: company.customerSince } : {}),
        },
      ]),
    );
    for (const user of seedUsers) {
      const sub = await ensureCognitoUser(cognito, targets.userPoolId, user);
      items.push({
        ...accountKeys.email(user.email),
        type: 'email',
        email: user.email,
        owner: 'user',
        sub,
        ...(user.companyId ? { companyId: user.companyId } : {}),
      });
      if (user.companyId && user.role !== 'sales-rep' && user.role !== 'back-office') {
        items.push(companyUserItem(user.companyId, { sub, email: user.email, name: user.name, role: user.role, enabled: true, orderLimit: null }));
        for (const membership of user.memberships ?? []) {
          items.push(
            companyUserItem(membership.companyId, {
              sub,
              email: user.email,
              name: user.name,
              role: membership.role,
              enabled: true,
              orderLimit: null,
              homeCompanyId: user.companyId,
            }),
            {
              ...membershipKeys.userMembership(sub, membership.companyId),
              type: 'membership',
              sub,
              companyId: membership.companyId,
              role: membership.role,
              enabled: true,
            },
          );
        }
      } else {
        items.push({ ...accountKeys.staffUser(sub), type: 'user', sub, email: user.email, name: user.name, role: user.role, phone: user.phone ?? '' });
      }
      for (const companyId of user.assignedCompanies ?? []) {
        const account = accounts.get(companyId)!;
        accounts.set(companyId, { ...account, repSub: sub });
        items.push(repAssignmentItem(account, sub));
      }
    }
    items.push(...[...accounts.values()].map((account) => companyItem(account, 1, new Date().toISOString())));
    for (const company of seedCompanies) {
      const currency = company.currency ?? 'EUR';
      if (company.creditLimit) {
        items.push({
          ...creditKeys.credit(company.id),
          type: 'credit',
          limit: company.creditLimit,
          used: 0,
          available: company.creditLimit,
          currency,
          version: 1,
        });
      }
      if (company.prepaidBalance) {
        const at = '2026-01-02T09:00:00.000Z';
        items.push(
          { ...creditKeys.prepaid(company.id), type: 'prepaid', balance: company.prepaidBalance, currency, version: 1 },
          { ...creditKeys.prepaidMarker(company.id, 'TOPUP', 'OPENING-BALANCE'), type: 'prepaid-marker', at },
          {
            ...creditKeys.ledgerEntry(company.id, at),
            type: 'ledger',
            at,
            kind: 'top-up',
            amount: company.prepaidBalance,
            currency,
            balanceAfter: company.prepaidBalance,
            reference: 'OPENING-BALANCE',
          },
        );
      }
    }
    // Müller Bau's cost centres and a warning budget for one of them (functions/approvals); no approval rule
    // beyond the built-in order-limit default, so demo checkouts are not held up.
    items.push(
      {
        ...approvalKeys.costCentres('mueller-bau'),
        type: 'cost-centres',
        centres: [
          { code: 'CC-4100', name: 'Logistik' },
          { code: 'CC-5200', name: 'Montage' },
        ],
        version: 1,
      },
      {
        ...approvalKeys.budget('mueller-bau', 'logistik-quarter'),
        type: 'budget',
        budgetId: 'logistik-quarter',
        name: 'Logistik per quarter',
        scope: { kind: 'cost-centre', costCentre: 'CC-4100' },
        period: 'quarterly',
        amount: { amount: 500_000, currency: 'EUR' },
        mode: 'warn',
      },
    );
    await writeItems(documents, targets.tableName, items);
    await documents.send(new PutCommand({ TableName: targets.tableName, Item: { ...seedMarker, version: seedVersion, at: new Date().toISOString() } }));
    return { seeded: true };
  } finally {
    documents.destroy();
    cognito.destroy();
  }
}
