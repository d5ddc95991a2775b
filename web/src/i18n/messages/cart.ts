import { defineMessages } from '../define.js';

export const cartMessages = defineMessages({}, { de: {}, pl: {} });
