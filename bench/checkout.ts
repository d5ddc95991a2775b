/**
 * Order placement on the local stack: K buyers of one company place M orders each, in parallel.
 * Latency = POST /checkout/orders until the saga has confirmed the order (stock, payment, ERP round
 * trip, invoice PDF). Prints orders/second and p50/p90/p99. Run: `npx tsx bench/checkout.ts [buyers] [ordersEach]`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { localCredentials, localRegion } from '../local/env.js';
import { demoPassword } from '../local/seed-data.js';
import { startLocalStack } from '../local/stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const buyers = Number(process.argv[2] ?? 8);
const ordersEach = Number(process.argv[3] ?? 10);
const password = 'Bench-Passw0rd-2026';
const dataDir = mkdtempSync(join(tmpdir(), 'b2b-bench-checkout-'));
const stack = await startLocalStack({ dataDir, ephemeral: true, port: 0 });

const cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoints.cognito, region: localRegion, credentials: localCredentials });
const signIn = async (email: string, pass: string) =>
  (
    await cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: stack.clientIds.shop, AuthParameters: { USERNAME: email, PASSWORD: pass } }),
    )
  ).AuthenticationResult!.IdToken!;
const call = async (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
};

try {
  const admin = await signIn('admin@mueller-bau.example', demoPassword);
  const tokens: string[] = [];
  for (let index = 0; index < buyers; index++) {
    const email = `bench-${index}-${randomUUID().slice(0, 8)}@example.com`;
    await call(admin, 'POST', '/companies/mueller-bau/users', { email, name: `Bench ${index}`, role: 'buyer' });
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: stack.userPoolId, Username: email, Password: password, Permanent: true }));
    tokens.push(await signIn(email, password));
  }
  const catalog = await call(admin, 'GET', '/catalog/products?category=electrical&limit=100');
  const skus: string[] = catalog.products
    .filter((product: { availability: { quantity: number } }) => product.availability.quantity >= 100)
    .map((product: { sku: string }) => product.sku)
    .slice(0, 5);

  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      for (let order = 0; order < ordersEach; order++) {
        await call(token, 'POST', '/cart/lines', { lines: skus.map((sku) => ({ sku, quantity: 1 })) });
        const begin = performance.now();
        const placed = await call(
          token,
          'POST',
          '/checkout/orders',
          { delivery: { kind: 'pickup', warehouseId: 'stuttgart' }, paymentMethod: 'bank-prepayment' },
          { 'idempotency-key': randomUUID() },
        );
        for (;;) {
          const current = await call(token, 'GET', `/companies/mueller-bau/orders/${placed.orderId}`);
          if (current.status === 'confirmed') break;
          if (current.status === 'failed') throw new Error(`order failed: ${current.failureReason}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(0);
  console.log(`Checkout on the local stack: ${buyers} buyers × ${ordersEach} orders (${skus.length} lines each), saga incl. ERP round trip and invoice PDF`);
  console.log(`  ${(latencies.length / seconds).toFixed(1)} orders/s   placement latency p50 ${at(50)} ms   p90 ${at(90)} ms   p99 ${at(99)} ms`);
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
