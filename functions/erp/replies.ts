import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SendTaskFailureCommand, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, InvalidToken } from '@aws-sdk/client-sfn';
import { changeCreditLimit } from '../credit/service.js';
import { sfn } from '../shared/clients/sfn.js';
import { logger } from '../shared/logger.js';
import { money } from '../shared/money.js';
import { erpReply, type ErpReply } from './messages.js';

/**
 * Replies of the ERP: an order acceptance resumes the waiting placement saga with the invoice data,
 * a rejection fails it (the saga compensates), a credit limit from the ERP sync is applied.
 */
async function apply(reply: ErpReply) {
  try {
    switch (reply.type) {
      case 'order.accepted': {
        const { taskToken, type: _type, ...invoice } = reply;
        await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(invoice) }));
        return;
      }
      case 'order.rejected':
        await sfn().send(new SendTaskFailureCommand({ taskToken: reply.taskToken, error: 'ErpRejected', cause: reply.reason.slice(0, 256) }));
        return;
      case 'credit.limit':
        await changeCreditLimit(reply.companyId, money(reply.limit.amount, reply.limit.currency));
        return;
    }
  } catch (error) {
    // The saga gave up waiting (timeout) and compensated already: nothing left to resume.
    if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken || (error as Error).name === 'TaskDoesNotExist') {
      logger.warn('ERP reply for a task that no longer waits', { type: reply.type });
      return;
    }
    throw error;
  }
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const parsed = erpReply.safeParse(JSON.parse(record.body));
      if (!parsed.success) {
        // Never drop it: after the retries it waits in the dead-letter queue for someone to look.
        logger.error('Unreadable ERP reply', { messageId: record.messageId, issues: parsed.error.issues.length });
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      await apply(parsed.data);
    } catch (error) {
      logger.error('ERP reply failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
