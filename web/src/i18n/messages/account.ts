import { defineMessages } from '../define.js';

export const accountMessages = defineMessages({}, { de: {}, pl: {} });
