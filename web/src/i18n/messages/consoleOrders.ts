import { defineMessages } from '../define.js';

export const consoleOrdersMessages = defineMessages({}, { de: {}, pl: {} });
