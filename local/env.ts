/** Region and dummy credentials of the embedded stack (emulators accept any). */
export const localRegion = 'eu-central-1';
export const localAccount = '000000000000';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
