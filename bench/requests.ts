/**
 * SDK requests per API call on the local stack (issue 18): the local gateway counts the requests each
 * handler invocation sends (local/sdk-requests.ts) and answers them in `x-portal-sdk-requests` /
 * `x-portal-dynamodb-requests`. Prints the call, the figure when the issue was filed, today's figure
 * and the target. Run: `npm run bench:requests`.
 */
import { demoPassword } from '../local/seed-data.js';
import { measureRequests, requestTable } from '../test/support/request-counts.js';
import { startBenchStack } from './support.js';

const started = performance.now();
const bench = await startBenchStack('requests');
console.error(`local stack up after ${((performance.now() - started) / 1000).toFixed(0)} s`);
try {
  const token = await bench.signIn('buyer@mueller-bau.example', demoPassword);
  // A first round warms every function (module caches, lazily created clients); the second is printed.
  await measureRequests(bench.stack.apiUrl, token);
  const results = await measureRequests(bench.stack.apiUrl, token);
  console.log('DynamoDB requests per API call on the local stack (buyer@mueller-bau.example, warm functions):\n');
  console.log(requestTable(results));
} finally {
  await bench.stop();
}
