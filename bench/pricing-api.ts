/**
 * Latency of the price API on the local stack: POST /pricing/quote with a 50-line cart, sequential
 * requests after a warm-up. Prints p50/p90/p99. Run: `npx tsx bench/pricing-api.ts [requests]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { localCredentials, localRegion } from '../local/env.js';
import { demoPassword } from '../local/seed-data.js';
import { startLocalStack } from '../local/stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const requests = Number(process.argv[2] ?? 300);
const dataDir = mkdtempSync(join(tmpdir(), 'b2b-bench-'));
const stack = await startLocalStack({ dataDir, ephemeral: true, port: 0 });
try {
  const cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoints.cognito, region: localRegion, credentials: localCredentials });
  const auth = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack.clientIds.shop,
      AuthParameters: { USERNAME: 'buyer@mueller-bau.example', PASSWORD: demoPassword },
    }),
  );
  const headers = { authorization: `Bearer ${auth.AuthenticationResult!.IdToken!}`, 'content-type': 'application/json' };
  const skus: string[] = [];
  for (const category of ['hand-tools', 'safety', 'adhesives']) {
    const page = (await (await fetch(`${stack.apiUrl}/catalog/products?category=${category}&limit=20`, { headers })).json()) as { products: { sku: string }[] };
    skus.push(...page.products.map((product) => product.sku));
  }
  const body = JSON.stringify({ lines: skus.slice(0, 50).map((sku, index) => ({ sku, quantity: String(index + 1) })) });
  const quote = async () => {
    const started = performance.now();
    const response = await fetch(`${stack.apiUrl}/pricing/quote`, { method: 'POST', headers, body });
    if (response.status !== 200) throw new Error(`quote failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  for (let warm = 0; warm < 30; warm++) await quote();
  const times: number[] = [];
  for (let index = 0; index < requests; index++) times.push(await quote());
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
  console.log(`POST /pricing/quote, 50 lines, ${requests} sequential requests on the local stack (DynamoDB Local + local gateway):`);
  console.log(`  p50 ${at(50)} ms   p90 ${at(90)} ms   p99 ${at(99)} ms   max ${times[times.length - 1]!.toFixed(1)} ms   (target p99 < 50 ms)`);
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
