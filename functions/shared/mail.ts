import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from './clients/ses.js';
import { config } from './config.js';

export interface Mail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** The mail port: SES v2 on AWS; locally the same API call lands in the outbox emulator. */
export async function sendMail(mail: Mail): Promise<string | undefined> {
  const { MessageId } = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: config.mailFrom(),
      Destination: { ToAddresses: [...mail.to] },
      Content: { Simple: { Subject: { Data: mail.subject, Charset: 'UTF-8' }, Body: { Text: { Data: mail.text, Charset: 'UTF-8' } } } },
    }),
  );
  return MessageId;
}
