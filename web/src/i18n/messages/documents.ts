import { defineMessages } from '../define.js';

export const documentsMessages = defineMessages({}, { de: {}, pl: {} });
