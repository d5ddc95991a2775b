/** Region and credentials of the embedded stack. The S3 emulator (s3rver) only knows the key pair
 * S3RVER/S3RVER; the other emulators accept any, so every client uses that one. */
export const localRegion = 'eu-central-1';
export const localAccount = '000000000000';
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
