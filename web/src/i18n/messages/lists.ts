import { defineMessages } from '../define.js';

export const listsMessages = defineMessages({}, { de: {}, pl: {} });
