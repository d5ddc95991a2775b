import { SFNClient } from '@aws-sdk/client-sfn';
import { onResetClients } from './reset.js';

let sfnClient: SFNClient | undefined;
onResetClients(() => {
  sfnClient = undefined;
});

/** The Step Functions client (functions/shared/clients/reset.ts). */
export function sfn(): SFNClient {
  sfnClient ??= new SFNClient({});
  return sfnClient;
}
