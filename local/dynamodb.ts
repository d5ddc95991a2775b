import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, startProcess, waitFor } from './process.js';
import { localCredentials, localRegion } from './env.js';

/**
 * The official DynamoDB Local (shipped as DynamoDBLocal.jar inside `amplify-dynamodb-simulator`),
 * run on the machine's Java. `-sharedDb` makes every credential/region see the same tables.
 */
export async function startDynamoDbLocal(options: { dataDir?: string }) {
  const require = createRequire(import.meta.url);
  const emulatorDir = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const port = await freePort();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const java = startProcess(
    'DynamoDB Local',
    'java',
    ['-Djava.library.path=./DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar', '-sharedDb', '-port', String(port), ...storage],
    { cwd: emulatorDir },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  await waitFor('DynamoDB Local', async () => {
    await client.send(new ListTablesCommand({}));
    return true;
  });
  client.destroy();
  return { endpoint, stop: java.stop };
}
