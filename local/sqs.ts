import { startFauxqs } from 'fauxqs';

/** fauxqs: SQS over HTTP with DLQ redrive and visibility timeouts (state lives as long as the process). */
export async function startSqs() {
  const server = await startFauxqs({ port: 0, logger: false });
  return { endpoint: server.address, stop: () => server.stop() };
}
