import { defineMessages } from '../define.js';

export const checkoutMessages = defineMessages({}, { de: {}, pl: {} });
