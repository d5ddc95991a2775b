import { S3Client } from '@aws-sdk/client-s3';
import { onResetClients } from './reset.js';

let s3Client: S3Client | undefined;
onResetClients(() => {
  s3Client = undefined;
});

/** The S3 client (functions/shared/clients/reset.ts). */
export function s3(): S3Client {
  s3Client ??= new S3Client({
    // Path-style URLs locally (bucket names are not DNS names on localhost).
    forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined,
    // Presigned PUTs from browsers cannot compute the SDK's default CRC32 checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return s3Client;
}
