import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { s3 } from '../shared/clients/s3.js';
import { logger } from '../shared/logger.js';

/** S3's smallest part (all parts but the last). */
const partBytes = 5 * 1024 * 1024;

/**
 * Writes a text object piece by piece with bounded memory: up to one part (5 MiB) is buffered;
 * small documents become one PutObject, larger ones a multipart upload. Call `abort()` when the
 * producer fails, so no half-written object and no dangling upload remain.
 */
export class S3TextWriter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private uploadId: string | undefined;
  private readonly parts: { ETag: string; PartNumber: number }[] = [];
  bytes = 0;

  constructor(
    private readonly bucket: string,
    private readonly key: string,
    private readonly contentType: string,
  ) {}

  async write(text: string): Promise<void> {
    if (!text) return;
    const chunk = Buffer.from(text, 'utf8');
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.bytes += chunk.length;
    if (this.buffered >= partBytes) await this.flushPart();
  }

  private takeBuffer(): Buffer {
    const body = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    return body;
  }

  private async flushPart(): Promise<void> {
    this.uploadId ??= (await s3().send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, ContentType: this.contentType }))).UploadId;
    const PartNumber = this.parts.length + 1;
    const { ETag } = await s3().send(
      new UploadPartCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId, PartNumber, Body: this.takeBuffer() }),
    );
    this.parts.push({ ETag: ETag!, PartNumber });
  }

  async close(): Promise<void> {
    if (!this.uploadId) {
      await s3().send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key, ContentType: this.contentType, Body: this.takeBuffer() }));
      return;
    }
    if (this.buffered > 0) await this.flushPart();
    await s3().send(
      new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId, MultipartUpload: { Parts: this.parts } }),
    );
  }

  async abort(): Promise<void> {
    this.chunks = [];
    this.buffered = 0;
    if (!this.uploadId) return;
    await s3()
      .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId }))
      .catch((error: unknown) => logger.warn('Could not abort a multipart upload (the bucket lifecycle removes it)', { error: String(error), key: this.key }));
  }
}
