import { defineMessages } from '../define.js';

export const consoleMessages = defineMessages({}, { de: {}, pl: {} });
