import { defineMessages } from '../define.js';

export const returnsMessages = defineMessages({}, { de: {}, pl: {} });
