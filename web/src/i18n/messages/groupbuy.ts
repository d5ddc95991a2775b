import { defineMessages } from '../define.js';

export const groupbuyMessages = defineMessages({}, { de: {}, pl: {} });
