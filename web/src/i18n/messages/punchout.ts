import { defineMessages } from '../define.js';

export const punchoutMessages = defineMessages({}, { de: {}, pl: {} });
