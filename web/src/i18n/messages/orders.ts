import { defineMessages } from '../define.js';

export const ordersMessages = defineMessages({}, { de: {}, pl: {} });
