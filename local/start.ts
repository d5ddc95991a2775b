import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { demoPassword, seedUsers } from './seed-data.js';
import { startLocalStack } from './stack.js';

// The SDK warns on every start that Node 22 will be required from 2027; README states the Node requirement.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values: args } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'data-dir': { type: 'string', default: '.local-data' },
    'no-build': { type: 'boolean', default: false },
  },
});

const root = resolve(import.meta.dirname, '..');
const webRoot = resolve(root, 'web/dist');
if (!args['no-build'] || !existsSync(resolve(webRoot, 'index.html'))) {
  console.log('Building the web app …');
  await build({ configFile: resolve(root, 'web/vite.config.ts'), logLevel: 'warn' });
}

console.log(args.reset ? 'Starting the local stack from scratch …' : 'Starting the local stack …');
const stack = await startLocalStack({ dataDir: resolve(root, args['data-dir']), reset: args.reset, port: Number(args.port), webRoot });

const pad = (text: string, width: number) => text.padEnd(width);
console.log(`
  B2B portal is running${stack.seeded ? ' (demo data loaded)' : ''}

  Shop (buyers)      ${stack.webUrl}
  Console (staff)    ${stack.consoleUrl}
  HTTP API           ${stack.apiUrl}
  E-mail outbox      ${stack.webUrl}/_local/outbox

  Emulators          DynamoDB ${stack.endpoints.dynamodb} · Cognito ${stack.endpoints.cognito}
                     S3 ${stack.endpoints.s3} · SQS ${stack.endpoints.sqs} · Step Functions ${stack.endpoints.stepfunctions}
  Data folder        ${resolve(root, args['data-dir'])}   (npm start -- --reset wipes it)

  Demo logins (password ${demoPassword}):
${seedUsers.map((user) => `    ${pad(user.role, 14)} ${pad(user.email, 34)} ${user.companyId ? `shop · ${user.companyId}${user.memberships?.length ? ` + ${user.memberships.map((membership) => membership.companyId).join(', ')} (switcher)` : ''}` : 'console'}`).join('\n')}

  Machine clients (client credentials, token endpoint ${stack.tokenEndpoint}):
${Object.entries(stack.machineClients)
  .map(([key, client]) => `    ${pad(key, 14)} client id ${client.clientId}  secret ${client.clientSecret}`)
  .join('\n')}

  Ctrl+C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    stack.stop().then(() => process.exit(0));
  });
}
