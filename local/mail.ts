import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface OutboxMessage {
  readonly id: string;
  readonly at: string;
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
}

/**
 * The local stand-in for Amazon SES v2 (`SendEmail`, REST-JSON): the mail port makes the same SDK
 * call as on AWS, and the message lands as a JSON file in `<dataDir>/outbox`, viewable in the browser.
 */
export async function startMailOutbox(options: { directory: string }) {
  mkdirSync(options.directory, { recursive: true });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      if (request.method !== 'POST' || !request.url?.startsWith('/v2/email/outbound-emails')) {
        response.writeHead(404).end(JSON.stringify({ message: `Not emulated: ${request.method} ${request.url}` }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const simple = body.Content?.Simple;
      if (!simple || !body.Destination?.ToAddresses?.length) {
        response.writeHead(400).end(JSON.stringify({ message: 'Only simple messages with recipients are emulated' }));
        return;
      }
      const message: OutboxMessage = {
        id: randomUUID(),
        at: new Date().toISOString(),
        from: String(body.FromEmailAddress ?? ''),
        to: body.Destination.ToAddresses,
        subject: String(simple.Subject?.Data ?? ''),
        text: String(simple.Body?.Text?.Data ?? simple.Body?.Html?.Data ?? ''),
      };
      writeFileSync(join(options.directory, `${message.at.replace(/[:.]/g, '-')}-${message.id}.json`), JSON.stringify(message, null, 2));
      response.writeHead(200).end(JSON.stringify({ MessageId: message.id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const messages = (): OutboxMessage[] =>
    readdirSync(options.directory)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .reverse()
      .map((file) => JSON.parse(readFileSync(join(options.directory, file), 'utf8')) as OutboxMessage);

  const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

  /** `/_local/outbox` (HTML) and `/_local/outbox.json` for the local gateway. */
  const serve = (_request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (url.pathname.endsWith('.json')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ messages: messages() }));
      return;
    }
    const rows = messages()
      .map(
        (message) =>
          `<article><header><b>${escapeHtml(message.subject)}</b><br><small>${escapeHtml(message.at)} · to ${escapeHtml(message.to.join(', '))}</small></header><pre>${escapeHtml(message.text)}</pre></article>`,
      )
      .join('');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><meta charset="utf-8"><title>E-mail outbox (local)</title><style>body{font:14px system-ui;margin:2rem;max-width:60rem}article{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:0 0 1rem}pre{white-space:pre-wrap}</style><h1>E-mail outbox (local)</h1>${rows || '<p>No e-mails yet.</p>'}`,
    );
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    messages,
    serve,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
