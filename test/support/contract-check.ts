/**
 * Every response the integration and browser tests receive is checked against the route's contract
 * (functions/contract.ts): success bodies must parse with the response schema and carry no field the
 * schema does not declare; error codes must be among the route's documented codes.
 */
import { routes, routeKey, type RouteDefinition } from '../../lib/definitions/index.js';
import { apiContract } from '../../functions/contract.js';
import { commonErrors, type RouteContract } from '../../functions/shared/contract.js';

interface MatchedRoute {
  readonly route: RouteDefinition;
  readonly contract: RouteContract | undefined;
}

const matchers = (routes as readonly RouteDefinition[]).map((route) => ({
  route,
  literalSegments: route.path.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
  pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The route a request goes to, the way the gateway picks it (literal segments win over parameters). */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const pathOnly = path.split('?')[0]!;
  const candidates = matchers.filter((matcher) => matcher.route.method === method && matcher.pattern.test(pathOnly));
  const best = candidates.sort((a, b) => b.literalSegments - a.literalSegments)[0];
  if (!best) return undefined;
  return { route: best.route, contract: (apiContract as Partial<Record<string, RouteContract>>)[routeKey(best.route)] };
}

/** Paths of `raw` that `parsed` lost: fields the response carries but the schema does not declare. */
export function undeclaredFields(raw: unknown, parsed: unknown, path = '$'): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((item, index) => undeclaredFields(item, parsed[index], `${path}[${index}]`));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !parsed || typeof parsed !== 'object') return [];
  return Object.entries(raw as Record<string, unknown>).flatMap(([key, value]) =>
    key in (parsed as object) ? undeclaredFields(value, (parsed as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** Throws ContractViolation when a response does not match the contract of the route it came from. */
export function checkResponse(method: string, path: string, status: number, body: unknown, contentType: string | null): void {
  const matched = matchRoute(method, path);
  if (!matched?.contract) return;
  const { route, contract } = matched;
  const key = routeKey(route);
  if (status >= 200 && status < 400) {
    const allowed = contract.status ?? [200];
    if (!(allowed as readonly number[]).includes(status)) throw new ContractViolation(`${key} answered ${status}; the contract allows ${allowed.join(', ')}`);
    if (contract.raw || status === 204 || status === 303) return;
    if (!contentType?.includes('application/json')) throw new ContractViolation(`${key} answered ${contentType ?? 'no content type'}, not JSON`);
    const result = contract.response.safeParse(body);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '$'}: ${issue.message}`).join('; ');
      throw new ContractViolation(`${key} response does not match its schema: ${problems}`);
    }
    const extra = undeclaredFields(body, result.data);
    if (extra.length) throw new ContractViolation(`${key} response has fields its schema does not declare: ${extra.slice(0, 10).join(', ')}`);
    return;
  }
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (typeof code !== 'string') return;
  const documented = new Set([...(contract.errors ?? []), ...commonErrors(route, contract)]);
  if (!documented.has(code))
    throw new ContractViolation(`${key} answered ${status} ${code}, which its contract does not list (errors: ${[...documented].join(', ')})`);
}
