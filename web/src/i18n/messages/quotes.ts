import { defineMessages } from '../define.js';

export const quotesMessages = defineMessages({}, { de: {}, pl: {} });
