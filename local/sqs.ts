import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFauxqs } from 'fauxqs';

/**
 * fauxqs: SQS over HTTP with DLQ redrive and visibility timeouts (state lives as long as the process).
 * Its message spy backs `/_local/sqs/published.json?queue=<name>`: what was sent to a queue, even
 * after a consumer took it (the ERP queue has the demo ERP consuming it).
 */
export async function startSqs() {
  const server = await startFauxqs({ port: 0, logger: false, messageSpies: { bufferSize: 5000 } });
  const published = (_request: IncomingMessage, response: ServerResponse, url: URL) => {
    const queue = url.searchParams.get('queue');
    const messages = server.spy
      .getAllMessages()
      .filter((message) => message.service === 'sqs' && message.status === 'published' && (!queue || message.queueName === queue))
      .map((message) =>
        message.service === 'sqs' ? { queue: message.queueName, messageId: message.messageId, body: message.body, at: message.timestamp } : message,
      );
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ messages }));
  };
  return { endpoint: server.address, published, stop: () => server.stop() };
}
