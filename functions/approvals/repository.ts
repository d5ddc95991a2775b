import { BatchGetCommand, DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../shared/clients/dynamo.js';
import { loadItem } from '../shared/items.js';
import { config } from '../shared/config.js';
import { queryAll } from '../shared/query.js';
import { transactRetrying, type TransactItem } from '../shared/transactions.js';
import type { ApprovalRule, Budget, BudgetEffect, CostCentre } from './rules.js';

/**
 * Approval rules, cost centres and budgets in the single table (docs/access-patterns.md, issue 8):
 *   rule          PK COMPANY#<companyId>  SK APPROVAL-RULE#<ruleId>
 *   cost centres  PK COMPANY#<companyId>  SK COST-CENTRES                       (one item, `version`)
 *   budget        PK COMPANY#<companyId>  SK BUDGET#<budgetId>
 *   usage         PK COMPANY#<companyId>  SK BUDGET-USAGE#<budgetId>#<periodKey> (`consumed` minor units)
 *   charge        PK COMPANY#<companyId>  SK BUDGET-CHARGE#<orderId>#<budgetId> (what one order took)
 * Orders waiting for approval are listed through functions/orders (its GSI2 on the order item).
 */
export const approvalKeys = {
  rule: (companyId: string, ruleId: string) => ({ PK: `COMPANY#${companyId}`, SK: `APPROVAL-RULE#${ruleId}` }),
  costCentres: (companyId: string) => ({ PK: `COMPANY#${companyId}`, SK: 'COST-CENTRES' }),
  budget: (companyId: string, budgetId: string) => ({ PK: `COMPANY#${companyId}`, SK: `BUDGET#${budgetId}` }),
  usage: (companyId: string, budgetId: string, periodKey: string) => ({ PK: `COMPANY#${companyId}`, SK: `BUDGET-USAGE#${budgetId}#${periodKey}` }),
  charge: (companyId: string, orderId: string, budgetId: string) => ({ PK: `COMPANY#${companyId}`, SK: `BUDGET-CHARGE#${orderId}#${budgetId}` }),
};

const table = () => config.tableName();
type Item = Record<string, unknown>;
const strip = <T>(item: Item): T => {
  const { PK: _pk, SK: _sk, type: _type, ...rest } = item;
  return rest as T;
};

/** Rules and budgets without their write audit (who stored them when), which the API does not show. */
const stripAudit = <T>(item: Item): T => {
  const { updatedBy: _by, updatedAt: _at, ...rest } = item;
  return strip(rest);
};

const companyItems = (companyId: string, prefix: string): Promise<Item[]> =>
  queryAll({
    TableName: table(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': `COMPANY#${companyId}`, ':prefix': prefix },
    ConsistentRead: true,
  });

// ---- rules -------------------------------------------------------------------------------------

export async function listRules(companyId: string): Promise<(ApprovalRule & { updatedAt: string })[]> {
  return (await companyItems(companyId, 'APPROVAL-RULE#')).map((item) => stripAudit(item));
}

export async function putRule(companyId: string, rule: ApprovalRule, updatedBy: string, now: Date): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: { ...approvalKeys.rule(companyId, rule.ruleId), type: 'approval-rule', ...rule, updatedBy, updatedAt: now.toISOString() },
    }),
  );
}

/** Deletes an item; false when it did not exist. */
async function deleteExisting(key: Record<string, string>): Promise<boolean> {
  try {
    await dynamo().send(new DeleteCommand({ TableName: table(), Key: key, ConditionExpression: 'attribute_exists(PK)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export const deleteRule = (companyId: string, ruleId: string): Promise<boolean> => deleteExisting(approvalKeys.rule(companyId, ruleId));

// ---- cost centres ------------------------------------------------------------------------------

export async function readCostCentres(companyId: string): Promise<{ centres: CostCentre[]; version: number }> {
  const Item = await loadItem(approvalKeys.costCentres(companyId));
  return { centres: (Item?.centres as CostCentre[] | undefined) ?? [], version: Number(Item?.version ?? 0) };
}

/** Replaces the list if nobody changed it since `expectedVersion`; false otherwise. */
export async function writeCostCentres(companyId: string, centres: readonly CostCentre[], expectedVersion: number, now: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...approvalKeys.costCentres(companyId), type: 'cost-centres', centres, version: expectedVersion + 1, updatedAt: now.toISOString() },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :version',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':version': expectedVersion } }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

// ---- budgets -----------------------------------------------------------------------------------

export async function listBudgets(companyId: string): Promise<Budget[]> {
  return (await companyItems(companyId, 'BUDGET#')).map((item) => stripAudit(item));
}

export async function putBudget(companyId: string, budget: Budget, updatedBy: string, now: Date): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: { ...approvalKeys.budget(companyId, budget.budgetId), type: 'budget', ...budget, updatedBy, updatedAt: now.toISOString() },
    }),
  );
}

export const deleteBudget = (companyId: string, budgetId: string): Promise<boolean> => deleteExisting(approvalKeys.budget(companyId, budgetId));

/** Consumed minor units per budget id in the given periods (absent usage = 0). */
export async function readConsumption(companyId: string, periods: readonly { budgetId: string; periodKey: string }[]): Promise<Map<string, number>> {
  const consumed = new Map<string, number>();
  for (let index = 0; index < periods.length; index += 100) {
    const keys = periods.slice(index, index + 100).map((period) => approvalKeys.usage(companyId, period.budgetId, period.periodKey));
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = { [table()]: { Keys: keys, ConsistentRead: true } };
    while (request && Object.keys(request).length) {
      const result = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table()] ?? []) consumed.set(String(item.budgetId), Number(item.consumed ?? 0));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return consumed;
}

/**
 * Transaction items that take an order's spend from each budget: the usage counter grows by the
 * spend (for 'block' budgets only while `consumed + spend <= limit`) and a charge record — written
 * only if absent — remembers what to give back. Part of the order's own transaction, so a budget is
 * taken exactly once per order and never beyond its limit, however many orders race.
 */
export function budgetChargeItems(companyId: string, orderId: string, effects: readonly BudgetEffect[], now: Date): TransactItem[] {
  return effects.flatMap((effect): TransactItem[] => [
    {
      Update: {
        TableName: table(),
        Key: approvalKeys.usage(companyId, effect.budgetId, effect.periodKey),
        UpdateExpression:
          'SET #consumed = if_not_exists(#consumed, :zero) + :spend, #budgetId = :budgetId, #period = :period, #currency = :currency, #type = :type, #updatedAt = :now',
        ...(effect.mode === 'block' ? { ConditionExpression: 'attribute_not_exists(#consumed) OR #consumed <= :max' } : {}),
        ExpressionAttributeNames: {
          '#consumed': 'consumed',
          '#budgetId': 'budgetId',
          '#period': 'periodKey',
          '#currency': 'currency',
          '#type': 'type',
          '#updatedAt': 'updatedAt',
        },
        ExpressionAttributeValues: {
          ':zero': 0,
          ':spend': effect.spend.amount,
          ':budgetId': effect.budgetId,
          ':period': effect.periodKey,
          ':currency': effect.spend.currency,
          ':type': 'budget-usage',
          ':now': now.toISOString(),
          ...(effect.mode === 'block' ? { ':max': effect.limit.amount - effect.spend.amount } : {}),
        },
      },
    },
    {
      Put: {
        TableName: table(),
        Item: {
          ...approvalKeys.charge(companyId, orderId, effect.budgetId),
          type: 'budget-charge',
          orderId,
          budgetId: effect.budgetId,
          periodKey: effect.periodKey,
          amount: effect.spend.amount,
          currency: effect.spend.currency,
          chargedAt: now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ]);
}

export interface BudgetCharge {
  readonly orderId: string;
  readonly budgetId: string;
  readonly periodKey: string;
  readonly amount: number;
  readonly currency: string;
}

export async function chargesOf(companyId: string, orderId: string): Promise<BudgetCharge[]> {
  return (await companyItems(companyId, `BUDGET-CHARGE#${orderId}#`)).map((item) => strip(item));
}

/** Gives a charge back: the charge record disappears (only if still there) and the usage shrinks with it. */
export function releaseItems(companyId: string, charge: BudgetCharge): TransactItem[] {
  return [
    { Delete: { TableName: table(), Key: approvalKeys.charge(companyId, charge.orderId, charge.budgetId), ConditionExpression: 'attribute_exists(PK)' } },
    {
      Update: {
        TableName: table(),
        Key: approvalKeys.usage(companyId, charge.budgetId, charge.periodKey),
        UpdateExpression: 'ADD #consumed :minus',
        ExpressionAttributeNames: { '#consumed': 'consumed' },
        ExpressionAttributeValues: { ':minus': -charge.amount },
      },
    },
  ];
}

/** Releases every budget charge of an order; each only once, however often this runs. */
export async function releaseCharges(companyId: string, orderId: string): Promise<number> {
  let released = 0;
  for (const charge of await chargesOf(companyId, orderId)) {
    if ((await transactRetrying(releaseItems(companyId, charge))) === 'done') released++;
  }
  return released;
}
