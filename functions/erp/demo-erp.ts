import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../shared/clients/sqs.js';
import { config } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { padSequence } from '../shared/sequence.js';
import { formatInvoiceNumber, parseOrderNumber } from '../invoices/numbering.js';
import { orderPlacedMessage, type ErpReply } from './messages.js';

/**
 * The demo ERP (the 1C / Comarch role in seed 003): books each placed order, issues the invoice
 * number that belongs to it and answers on the reply queue at once. Master-data changes are
 * acknowledged by logging them. To exercise the failure path, orders whose PO number starts with
 * `FAIL-ERP` make it throw: SQS redelivers them until they land in the dead-letter queue.
 */
async function answer(reply: ErpReply) {
  await sqs().send(
    new SendMessageCommand({
      QueueUrl: config.queueUrl('erpInbound'),
      MessageBody: JSON.stringify(reply),
      MessageAttributes: { type: { DataType: 'String', StringValue: reply.type } },
    }),
  );
}

async function process(body: unknown) {
  const type = (body as { type?: string }).type;
  if (type !== 'order.placed') {
    logger.info('Demo ERP received', { type, companyId: (body as { data?: { companyId?: string } }).data?.companyId });
    return;
  }
  const { taskToken, order } = orderPlacedMessage.parse(body);
  if (order.poNumber?.startsWith('FAIL-ERP')) throw new Error(`Demo ERP cannot book order ${order.orderNumber} (fault injection by PO number)`);
  const number = parseOrderNumber(order.orderNumber);
  if (!number) throw new Error(`Not an order number: ${order.orderNumber}`);
  const issuedAt = new Date();
  const due = new Date(issuedAt.getTime() + 30 * 24 * 3600 * 1000);
  await answer({
    type: 'order.accepted',
    taskToken,
    erpOrderId: `1C-${number.year}-${padSequence(number.sequence)}`,
    invoiceNumber: formatInvoiceNumber(number.year, number.sequence),
    issuedAt: issuedAt.toISOString(),
    dueDate: due.toISOString(),
  });
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await process(JSON.parse(record.body));
    } catch (error) {
      logger.warn('Demo ERP failed a message', { messageId: record.messageId, error: (error as Error).message });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
