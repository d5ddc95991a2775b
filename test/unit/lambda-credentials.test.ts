import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsOf } from '../../lib/constructs/bundling.js';
import { projectRoot } from '../../lib/config.js';

/**
 * The credential chain of a bundled Lambda (lib/constructs/bundling.ts, `credentialProviderAliases`):
 * an S3 client bundled with the deployment's options still takes the environment's credentials, and
 * without them falls through the stubbed file-based providers to the container endpoint, as the full
 * SDK chain does where there are no config files.
 */
describe('credentials of a bundled Lambda', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'b2b-credentials-'));
  const bundle = join(dir, 'index.mjs');
  let metafile: Metafile;
  let server: Server;
  let containerUrl: string;

  beforeAll(async () => {
    const result = await build({
      ...esbuildOptionsOf(),
      absWorkingDir: projectRoot,
      stdin: {
        contents:
          "import { S3Client } from '@aws-sdk/client-s3'; export const credentials = () => new S3Client({ region: 'eu-central-1' }).config.credentials();",
        resolveDir: projectRoot,
        loader: 'ts',
      },
      outfile: bundle,
      metafile: true,
      logLevel: 'error',
    });
    metafile = result.metafile;
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ AccessKeyId: 'ASIACONTAINER', SecretAccessKey: 'secret', Token: 'token', Expiration: new Date(Date.now() + 3_600_000).toISOString() }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    containerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The access key id the bundle's client resolves in a fresh process with only `env`. */
  async function accessKeyWith(env: Record<string, string>): Promise<string> {
    const script = `const { credentials } = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log((await credentials()).accessKeyId);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    });
    return stdout.trim();
  }

  it('bundles the stubs instead of the file-based providers and the STS / SSO clients they use', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('lib/constructs/lambda-credential-providers.ts');
    expect(inputs.filter((input) => /credential-provider-(ini|process|sso|web-identity|login)\/|nested-clients|token-providers/.test(input))).toEqual([]);
    expect(inputs.some((input) => input.includes('credential-provider-env/'))).toBe(true);
  });

  it('takes the credentials Lambda puts into the environment', async () => {
    expect(await accessKeyWith({ AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' })).toBe('ASIAENVIRONMENT');
  });

  it('without them goes on past the stubs to the container credentials endpoint', async () => {
    expect(await accessKeyWith({ AWS_CONTAINER_CREDENTIALS_FULL_URI: containerUrl })).toBe('ASIACONTAINER');
  });
});
