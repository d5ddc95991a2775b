import { randomInt } from 'node:crypto';

/** Milliseconds since the epoch in base 36, nine digits: ids that start with it sort by time as strings. */
export const sortableTime = (epochMs: number): string => Math.max(0, epochMs).toString(36).padStart(9, '0');

/**
 * `<sortableTime>-<six random base-36 characters>` (orders, RMAs): newest first in a partition with
 * ScanIndexForward=false, and a time range of them is an SK range.
 */
export const timeSortableId = (now = new Date()): string =>
  `${sortableTime(now.getTime())}-${randomInt(36 ** 6)
    .toString(36)
    .padStart(6, '0')}`;
