export * from './table.js';
export * from './storage.js';
export * from './user-pool.js';
export * from './routes.js';
export * from './functions.js';
export * from './state-machines.js';
