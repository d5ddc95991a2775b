import { defineMessages } from '../define.js';

export const catalogMessages = defineMessages({}, { de: {}, pl: {} });
