import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { freePort, startProcess, waitFor } from './process.js';

/** cognito-local in its own process; pools and users persist under `<dataDir>/.cognito`. */
export async function startCognitoLocal(options: { dataDir: string }) {
  const require = createRequire(import.meta.url);
  const entry = join(dirname(require.resolve('cognito-local/package.json')), 'lib/bin/start.js');
  mkdirSync(options.dataDir, { recursive: true });
  const port = await freePort();
  const host = '127.0.0.1';
  const cognito = startProcess('cognito-local', process.execPath, [entry], {
    cwd: options.dataDir,
    env: { ...process.env, PORT: String(port), HOST: host, DEBUG: '' },
  });
  const endpoint = `http://${host}:${port}`;
  await waitFor('cognito-local', async () => (await fetch(`${endpoint}/health`)).ok);
  return { endpoint, stop: cognito.stop };
}
