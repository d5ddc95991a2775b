import { SESv2Client } from '@aws-sdk/client-sesv2';
import { onResetClients } from './reset.js';

let sesClient: SESv2Client | undefined;
onResetClients(() => {
  sesClient = undefined;
});

/** The SES v2 client (functions/shared/clients/reset.ts). */
export function ses(): SESv2Client {
  sesClient ??= new SESv2Client({});
  return sesClient;
}
