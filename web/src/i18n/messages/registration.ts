import { defineMessages } from '../define.js';

export const registrationMessages = defineMessages({}, { de: {}, pl: {} });
