import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { buckets } from '../lib/definitions/index.js';

/** Browsers upload with presigned PUTs and download with presigned GETs: allow that cross-origin. */
const corsConfiguration = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** An S3 emulator that keeps objects as files under `directory`, so documents survive restarts. */
export async function startS3(options: { directory: string }) {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: options.directory,
    configureBuckets: Object.values(buckets).map((bucket) => ({ name: bucket.localName, configs: [corsConfiguration] })),
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
