import { defineMessages } from '../define.js';

export const authMessages = defineMessages({}, { de: {}, pl: {} });
