import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { onResetClients } from './reset.js';

let cognitoClient: CognitoIdentityProviderClient | undefined;
onResetClients(() => {
  cognitoClient = undefined;
});

/** The Cognito user pool client (functions/shared/clients/reset.ts). */
export function cognito(): CognitoIdentityProviderClient {
  cognitoClient ??= new CognitoIdentityProviderClient({});
  return cognitoClient;
}
