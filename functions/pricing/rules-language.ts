import { AppError } from '../shared/errors.js';
import type { Money } from '../shared/money.js';
import type { Rule } from './model.js';

/**
 * The discount rule language (seed 004 "Rule Builder"): JSON the console stores and edits.
 * See docs/pricing.md for the grammar. Pure: no I/O, no clock — the date is a fact.
 */

/** What a rule is evaluated against. Order facts always; line facts only for percent discounts. */
export interface RuleFacts {
  readonly customerGroup?: string;
  readonly isNewCustomer: boolean;
  /** ISO 3166-1 alpha-2 country the goods are delivered to. */
  readonly deliveryCountry: string;
  /** Net of the cart's valid lines before any discount (sum of line `baseNet`). */
  readonly orderNet: Money;
  /** ISO date (YYYY-MM-DD) of the pricing context. */
  readonly date: string;
  /** The line a percent discount is evaluated for: `skuIn` / `categoryIn` test this line. */
  readonly line?: { readonly sku: string; readonly categoryId: string };
  /** The cart's valid lines: without `line`, `skuIn` / `categoryIn` hold when ANY of them matches. */
  readonly cartLines?: readonly { readonly sku: string; readonly categoryId: string }[];
}

/** Invalid rule JSON. `path` points at the offending value, JSONPath style: `$.all[1].skuIn[0]`. */
export class RuleError extends AppError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(400, 'INVALID_RULE', `${path}: ${reason}`, { path, reason });
    this.name = 'RuleError';
  }
}

/** Limits so a stored rule stays cheap to evaluate and cannot blow the stack. */
export const RULE_LIMITS = { maxDepth: 16, maxChildren: 100, maxListLength: 5000, maxStringLength: 200, maxNodes: 1000 } as const;

const PREDICATES = [
  'all',
  'any',
  'not',
  'customerGroupIn',
  'newCustomer',
  'deliveryCountryIn',
  'orderNetAtLeast',
  'skuIn',
  'categoryIn',
  'dateBetween',
] as const;

const countryCode = /^[A-Z]{2}$/;
const currencyCode = /^[A-Z]{3}$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-29 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = isoDate.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * Validates untrusted JSON (a parsed value, or JSON text) and returns a fresh, frozen `Rule`.
 * Throws `RuleError` (HTTP 400, code INVALID_RULE) with the path of the first problem.
 */
export function parseRule(json: unknown): Rule {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new RuleError('$', `not valid JSON (${(error as Error).message})`);
    }
  }
  const budget = { nodes: 0 };
  return parseNode(value, '$', 1, budget);
}

function parseNode(value: unknown, path: string, depth: number, budget: { nodes: number }): Rule {
  if (depth > RULE_LIMITS.maxDepth) throw new RuleError(path, `rules may nest at most ${RULE_LIMITS.maxDepth} levels`);
  if (++budget.nodes > RULE_LIMITS.maxNodes) throw new RuleError(path, `a rule may have at most ${RULE_LIMITS.maxNodes} predicates`);
  if (!isPlainObject(value)) throw new RuleError(path, `expected an object with one predicate, got ${describe(value)}`);
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    throw new RuleError(
      path,
      keys.length === 0 ? 'empty object: expected one predicate' : `expected exactly one predicate, got ${keys.length} (${keys.join(', ')})`,
    );
  }
  const key = keys[0] as string;
  const arg = value[key];
  const at = `${path}.${key}`;
  switch (key) {
    case 'all':
    case 'any': {
      if (!Array.isArray(arg)) throw new RuleError(at, `expected an array of rules, got ${describe(arg)}`);
      if (arg.length > RULE_LIMITS.maxChildren) throw new RuleError(at, `at most ${RULE_LIMITS.maxChildren} rules`);
      const children = Object.freeze(arg.map((child, index) => parseNode(child, `${at}[${index}]`, depth + 1, budget)));
      return Object.freeze(key === 'all' ? { all: children } : { any: children });
    }
    case 'not':
      return Object.freeze({ not: parseNode(arg, at, depth + 1, budget) });
    case 'newCustomer':
      if (typeof arg !== 'boolean') throw new RuleError(at, `expected true or false, got ${describe(arg)}`);
      return Object.freeze({ newCustomer: arg });
    case 'customerGroupIn':
      return Object.freeze({ customerGroupIn: stringList(arg, at) });
    case 'skuIn':
      return Object.freeze({ skuIn: stringList(arg, at) });
    case 'categoryIn':
      return Object.freeze({ categoryIn: stringList(arg, at) });
    case 'deliveryCountryIn':
      return Object.freeze({ deliveryCountryIn: stringList(arg, at, countryCode, 'an ISO 3166-1 alpha-2 country code in capitals, e.g. "DE"') });
    case 'orderNetAtLeast': {
      if (!isPlainObject(arg)) throw new RuleError(at, `expected { amount, currency }, got ${describe(arg)}`);
      for (const extra of Object.keys(arg)) {
        if (extra !== 'amount' && extra !== 'currency') throw new RuleError(`${at}.${extra}`, 'unexpected field; expected { amount, currency }');
      }
      const { amount, currency } = arg;
      if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
        throw new RuleError(`${at}.amount`, `expected a non-negative integer amount of minor units (cents), got ${JSON.stringify(amount) ?? 'nothing'}`);
      }
      if (typeof currency !== 'string' || !currencyCode.test(currency)) {
        throw new RuleError(`${at}.currency`, `expected an ISO 4217 currency code, e.g. "EUR", got ${JSON.stringify(currency) ?? 'nothing'}`);
      }
      return Object.freeze({ orderNetAtLeast: Object.freeze({ amount, currency }) });
    }
    case 'dateBetween': {
      if (!Array.isArray(arg) || arg.length !== 2) throw new RuleError(at, 'expected ["YYYY-MM-DD", "YYYY-MM-DD"] (inclusive from, to)');
      const [from, to] = arg as unknown[];
      if (!isIsoDate(from)) throw new RuleError(`${at}[0]`, `expected a date YYYY-MM-DD, got ${JSON.stringify(from) ?? 'nothing'}`);
      if (!isIsoDate(to)) throw new RuleError(`${at}[1]`, `expected a date YYYY-MM-DD, got ${JSON.stringify(to) ?? 'nothing'}`);
      if (from > to) throw new RuleError(at, `from ${from} is after to ${to}`);
      return Object.freeze({ dateBetween: Object.freeze([from, to] as const) });
    }
    default:
      throw new RuleError(at, `unknown predicate; expected one of ${PREDICATES.join(', ')}`);
  }
}

function stringList(value: unknown, path: string, pattern?: RegExp, expected = 'a non-empty string'): readonly string[] {
  if (!Array.isArray(value)) throw new RuleError(path, `expected an array of strings, got ${describe(value)}`);
  if (value.length === 0) throw new RuleError(path, 'expected at least one value (an empty list never matches)');
  if (value.length > RULE_LIMITS.maxListLength) throw new RuleError(path, `at most ${RULE_LIMITS.maxListLength} values`);
  value.forEach((item: unknown, index) => {
    const ok = typeof item === 'string' && item.length > 0 && item.length <= RULE_LIMITS.maxStringLength && (pattern ? pattern.test(item) : true);
    if (!ok) throw new RuleError(`${path}[${index}]`, `expected ${expected}, got ${JSON.stringify(item) ?? 'nothing'}`);
  });
  return Object.freeze([...(value as string[])]);
}

/** Evaluates a (validated) rule against facts. See `compileRule` for repeated evaluation. */
export function evaluateRule(rule: Rule, facts: RuleFacts): boolean {
  if ('all' in rule) return rule.all.every((child) => evaluateRule(child, facts));
  if ('any' in rule) return rule.any.some((child) => evaluateRule(child, facts));
  if ('not' in rule) return !evaluateRule(rule.not, facts);
  if ('customerGroupIn' in rule) return facts.customerGroup !== undefined && rule.customerGroupIn.includes(facts.customerGroup);
  if ('newCustomer' in rule) return rule.newCustomer === facts.isNewCustomer;
  if ('deliveryCountryIn' in rule) return rule.deliveryCountryIn.includes(facts.deliveryCountry.toUpperCase());
  if ('orderNetAtLeast' in rule) return rule.orderNetAtLeast.currency === facts.orderNet.currency && facts.orderNet.amount >= rule.orderNetAtLeast.amount;
  if ('skuIn' in rule) return lineMatches(facts, (line) => rule.skuIn.includes(line.sku));
  if ('categoryIn' in rule) return lineMatches(facts, (line) => rule.categoryIn.includes(line.categoryId));
  if ('dateBetween' in rule) return rule.dateBetween[0] <= facts.date && facts.date <= rule.dateBetween[1];
  throw new RuleError('$', 'unknown predicate');
}

const lineMatches = (facts: RuleFacts, test: (line: { readonly sku: string; readonly categoryId: string }) => boolean): boolean =>
  facts.line ? test(facts.line) : (facts.cartLines ?? []).some(test);

export type CompiledRule = (facts: RuleFacts) => boolean;

/** Same semantics as `evaluateRule`, with lists turned into sets once — for the engine's hot loop. */
export function compileRule(rule: Rule): CompiledRule {
  if ('all' in rule) {
    const children = rule.all.map(compileRule);
    return (facts) => children.every((child) => child(facts));
  }
  if ('any' in rule) {
    const children = rule.any.map(compileRule);
    return (facts) => children.some((child) => child(facts));
  }
  if ('not' in rule) {
    const child = compileRule(rule.not);
    return (facts) => !child(facts);
  }
  if ('customerGroupIn' in rule) {
    const groups = new Set(rule.customerGroupIn);
    return (facts) => facts.customerGroup !== undefined && groups.has(facts.customerGroup);
  }
  if ('newCustomer' in rule) {
    const expected = rule.newCustomer;
    return (facts) => facts.isNewCustomer === expected;
  }
  if ('deliveryCountryIn' in rule) {
    const countries = new Set(rule.deliveryCountryIn);
    return (facts) => countries.has(facts.deliveryCountry.toUpperCase());
  }
  if ('orderNetAtLeast' in rule) {
    const { amount, currency } = rule.orderNetAtLeast;
    return (facts) => facts.orderNet.currency === currency && facts.orderNet.amount >= amount;
  }
  if ('skuIn' in rule) {
    const skus = new Set(rule.skuIn);
    const test = (line: { readonly sku: string }): boolean => skus.has(line.sku);
    return (facts) => (facts.line ? skus.has(facts.line.sku) : (facts.cartLines ?? []).some(test));
  }
  if ('categoryIn' in rule) {
    const categories = new Set(rule.categoryIn);
    const test = (line: { readonly categoryId: string }): boolean => categories.has(line.categoryId);
    return (facts) => (facts.line ? categories.has(facts.line.categoryId) : (facts.cartLines ?? []).some(test));
  }
  if ('dateBetween' in rule) {
    const [from, to] = rule.dateBetween;
    return (facts) => from <= facts.date && facts.date <= to;
  }
  throw new RuleError('$', 'unknown predicate');
}

/** True when the rule mentions a line fact (skuIn / categoryIn) anywhere. */
export function usesLineFacts(rule: Rule): boolean {
  if ('all' in rule) return rule.all.some(usesLineFacts);
  if ('any' in rule) return rule.any.some(usesLineFacts);
  if ('not' in rule) return usesLineFacts(rule.not);
  return 'skuIn' in rule || 'categoryIn' in rule;
}
