/**
 * Helpers of the benches on the local stack (not tests): boot an ephemeral stack, sign in, call the
 * HTTP API, percentiles and a result table with the target next to each figure.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { localCredentials, localRegion } from '../local/env.js';
import { demoPassword } from '../local/seed-data.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface BenchStack {
  readonly stack: LocalStack;
  readonly cognito: CognitoIdentityProviderClient;
  /** An ID token of a seeded or created user (`client`: the shop or the console app client). */
  signIn(email: string, password: string, client?: 'shop' | 'console'): Promise<string>;
  stop(): Promise<void>;
}

/** An ephemeral local stack (DynamoDB in memory, the rest in a temporary folder), seeded with the demo data. */
export async function startBenchStack(name: string): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `b2b-bench-${name}-`));
  const stack = await startLocalStack({ dataDir, ephemeral: true, port: 0 });
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoints.cognito, region: localRegion, credentials: localCredentials });
  return {
    stack,
    cognito,
    async signIn(email, password, client = 'shop') {
      const answer = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.clientIds[client], AuthParameters: { USERNAME: email, PASSWORD: password } }),
      );
      return answer.AuthenticationResult!.IdToken!;
    },
    async stop() {
      cognito.destroy();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the HTTP API with a bearer token; throws on 4xx/5xx, returns the parsed JSON body. */
export async function callApi(
  stack: LocalStack,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<any> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export interface BenchBuyer {
  readonly companyId: string;
  readonly email: string;
  /** ID token on the shop client. */
  readonly token: string;
}

/** The seeded companies with their admin (EUR Müller Bau, PLN Nowak: different price lists, agreements, carts). */
export const benchCompanies = [
  { companyId: 'mueller-bau', admin: 'admin@mueller-bau.example' },
  { companyId: 'nowak-instalacje', admin: 'admin@nowak-instalacje.example' },
] as const;

/**
 * `count` signed-in buyers, one company after the other: each one created by its company admin through
 * the API (POST /companies/{id}/users) and given a password with AdminSetUserPassword, so every buyer
 * has its own cart and session.
 */
export async function createBenchBuyers(bench: BenchStack, count: number): Promise<BenchBuyer[]> {
  const password = 'Bench-Passw0rd-2026';
  const admins = await Promise.all(benchCompanies.map((company) => bench.signIn(company.admin, demoPassword)));
  const buyers: BenchBuyer[] = [];
  for (let index = 0; index < count; index++) {
    const companyIndex = index % benchCompanies.length;
    const { companyId } = benchCompanies[companyIndex]!;
    const email = `bench-${index}-${randomUUID().slice(0, 8)}@example.com`;
    await callApi(bench.stack, admins[companyIndex]!, 'POST', `/companies/${companyId}/users`, { email, name: `Bench buyer ${index}`, role: 'buyer' });
    await bench.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: bench.stack.userPoolId, Username: email, Password: password, Permanent: true }));
    buyers.push({ companyId, email, token: await bench.signIn(email, password) });
  }
  return buyers;
}

/** "load average 1.23 / 0.98 / 0.76 (2 cores)": other jobs on the machine skew every latency figure. */
export function loadAverage(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}`;
}

/** The p-th percentile (nearest rank) of unsorted figures. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export interface TargetRow {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** The figure must stay below this (same unit); omitted: informational. */
  readonly below?: number;
  readonly digits?: number;
}

/** Prints figures with their target and whether it is met; returns whether all targets are met. */
export function printTargetTable(title: string, rows: readonly TargetRow[]): boolean {
  const cells = rows.map((row) => {
    const value = Number.isFinite(row.value) ? `${row.value.toFixed(row.digits ?? 1)} ${row.unit}` : 'n/a';
    const target = row.below === undefined ? '' : `< ${row.below} ${row.unit}`;
    const status = row.below === undefined ? '' : Number.isFinite(row.value) && row.value < row.below ? 'met' : 'MISSED';
    return [row.label, value, target, status] as const;
  });
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(['Measure', 'Figure', 'Target', 'Status'][column]!.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (cell: readonly string[]) =>
    `| ${cell.map((text, column) => (column === 1 ? text.padStart(widths[column]!) : text.padEnd(widths[column]!))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(['Measure', 'Figure', 'Target', 'Status']));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const cell of cells) console.log(line(cell));
  return cells.every((cell) => cell[3] !== 'MISSED');
}
