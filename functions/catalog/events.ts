import * as z from 'zod';

/** Products were created or changed: the catalog indexer rebuilds the search index. */
export const CATALOG_CHANGED_EVENT = 'catalog.changed';
export const catalogChangedPayload = z.object({ skus: z.array(z.string()).max(1000).describe('changed SKUs (the index is rebuilt as a whole)') });
