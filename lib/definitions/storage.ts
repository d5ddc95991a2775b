/** S3 buckets and SQS queues shared by CDK and the local stack. */
export const buckets = {
  /** Business licences, RMA photos: written by browsers through presigned PUTs. */
  uploads: { localName: 'b2b-portal-uploads', envVar: 'UPLOADS_BUCKET' },
  /** Invoice, quote and RMA PDFs rendered by Lambdas. */
  documents: { localName: 'b2b-portal-documents', envVar: 'DOCUMENTS_BUCKET' },
  /** The product search's text index snapshot (functions/catalog/search/snapshot.ts). */
  searchIndex: { localName: 'b2b-portal-search', envVar: 'SEARCH_INDEX_BUCKET' },
  /**
   * Product images, thumbnails and datasheets (docs/product-media.md): only checked files are copied here from
   * the uploads bucket; CloudFront serves its `media/*` keys as `/media/*` of the shop's own origin.
   */
  media: { localName: 'b2b-portal-media', envVar: 'MEDIA_BUCKET' },
} as const;

export type BucketKey = keyof typeof buckets;

export interface QueueDefinition {
  readonly localName: string;
  readonly envVar: string;
  /** Lambda consumer timeout; the queue's visibility timeout is 6x this (AWS guidance). */
  readonly consumerTimeoutSeconds: number;
  /** Deliveries before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

export const queues = {
  /** Orders and master-data changes sent to the ERP (1C, Comarch, SAP …). */
  erpOutbound: { localName: 'b2b-erp-outbound', envVar: 'ERP_OUTBOUND_QUEUE_URL', consumerTimeoutSeconds: 30, maxReceiveCount: 5 },
  /** Replies of the ERP: invoices, stock, credit limits. */
  erpInbound: { localName: 'b2b-erp-inbound', envVar: 'ERP_INBOUND_QUEUE_URL', consumerTimeoutSeconds: 30, maxReceiveCount: 5 },
  /** Domain events inside the portal (e-mails, audit fan-out). */
  domainEvents: { localName: 'b2b-domain-events', envVar: 'DOMAIN_EVENTS_QUEUE_URL', consumerTimeoutSeconds: 30, maxReceiveCount: 5 },
  /** CSV catalog imports started by back-office; one message per import job (functions/catalogexchange/worker.ts). */
  catalogImports: { localName: 'b2b-catalog-imports', envVar: 'CATALOG_IMPORTS_QUEUE_URL', consumerTimeoutSeconds: 900, maxReceiveCount: 5 },
  /** BMEcat exports requested by company admins; one message per export job (functions/catalogexchange/export-worker.ts). */
  catalogExports: { localName: 'b2b-catalog-exports', envVar: 'CATALOG_EXPORTS_QUEUE_URL', consumerTimeoutSeconds: 900, maxReceiveCount: 3 },
  /** Catalog changes (imports, seeding): the catalog indexer rebuilds the search index snapshot. */
  catalogChanges: { localName: 'b2b-catalog-changes', envVar: 'CATALOG_CHANGES_QUEUE_URL', consumerTimeoutSeconds: 300, maxReceiveCount: 5 },
  /** Events integrators can subscribe to (functions/shared/events.ts publishIntegrationEvent); the webhook dispatcher fans them out. */
  webhookEvents: { localName: 'b2b-webhook-events', envVar: 'WEBHOOK_EVENTS_QUEUE_URL', consumerTimeoutSeconds: 30, maxReceiveCount: 5 },
  /**
   * One message per (subscription, event): the webhook worker POSTs it (10 s timeout) and backs off
   * with ChangeMessageVisibility per attempt; after the last attempt it lands in the DLQ.
   */
  webhookDeliveries: { localName: 'b2b-webhook-deliveries', envVar: 'WEBHOOK_DELIVERIES_QUEUE_URL', consumerTimeoutSeconds: 30, maxReceiveCount: 8 },
  /** One message per confirmed product image: the thumbnailer renders its 320 px thumbnail (functions/catalog/media/thumbnailer.ts). */
  mediaThumbnails: { localName: 'b2b-media-thumbnails', envVar: 'MEDIA_THUMBNAILS_QUEUE_URL', consumerTimeoutSeconds: 60, maxReceiveCount: 5 },
} as const satisfies Record<string, QueueDefinition>;

export type QueueKey = keyof typeof queues;

export const deadLetterName = (queueName: string): string => `${queueName}-dlq`;
