import type { IncomingMessage, ServerResponse } from 'node:http';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../functions/shared/clients/s3.js';
import { config } from '../functions/shared/config.js';

/**
 * The web stack's `/media/*` CloudFront behaviour, locally: GET/HEAD of the media bucket's object whose key is
 * the path (`/media/products/<sku>/<id>.jpg` → `media/products/<sku>/<id>.jpg`) from the S3 emulator.
 */
export async function serveMedia(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const method = (request.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { 'content-type': 'text/plain' });
    response.end('Method Not Allowed');
    return;
  }
  let key: string;
  try {
    key = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    key = '';
  }
  if (!/^media\/products\/[A-Za-z0-9._-]{1,64}\/[0-9a-f-]{36}(-thumb)?\.(jpg|png|webp|pdf)$/.test(key)) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not Found');
    return;
  }
  try {
    const object = await s3().send(new GetObjectCommand({ Bucket: config.bucketName('media'), Key: key }));
    const body = await object.Body!.transformToByteArray();
    response.writeHead(200, {
      'content-type': object.ContentType ?? 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': object.CacheControl ?? 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    response.end(method === 'HEAD' ? undefined : Buffer.from(body));
  } catch (error) {
    const name = (error as { name?: string }).name;
    response.writeHead(name === 'NoSuchKey' || name === 'NotFound' ? 404 : 502, { 'content-type': 'text/plain' });
    response.end(name === 'NoSuchKey' || name === 'NotFound' ? 'Not Found' : 'Bad Gateway');
  }
}
