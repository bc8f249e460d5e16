/**
 * AWS clients for the jobs functions. The SDK is NOT bundled: it comes from
 * the managed nodejs22.x runtime (/var/runtime/node_modules), as the local
 * runtime provides it too (only the jobs functions import this file: the
 * statistics functions never load the SDK).
 *
 * AWS_ENDPOINT_URL (set only by the local runtime, pointing at the
 * emulator) switches S3 to path-style addressing, which a loopback
 * endpoint needs.
 */

import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { awsEndpointUrl } from '../env';

export { HeadObjectCommand, ListObjectsV2Command };

const local = () => awsEndpointUrl() !== '';

let s3: S3Client | undefined;

export function s3Client(): S3Client {
  // WHEN_REQUIRED: no checksum of an empty body baked into a presigned PUT (S3 would refuse the upload)
  s3 ??= new S3Client({
    forcePathStyle: local(),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return s3;
}

/** The object's bytes (optionally one byte range, end exclusive). */
export async function getBytes(
  bucket: string,
  key: string,
  range?: { start: number; end: number },
): Promise<Buffer> {
  const res = await s3Client().send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      Range: range ? `bytes=${range.start}-${range.end - 1}` : undefined,
    }),
  );
  return Buffer.from(await res.Body!.transformToByteArray());
}

/**
 * The object's bytes from `from` on, as a series of bounded range GETs: the
 * first up to `firstEnd` (exclusive), then ranges four times longer each,
 * until the object ends or the reader stops pulling (leaving the loop
 * destroys the response stream). A worker that reads its chunk plus a
 * little more makes one GET.
 */
export async function* objectBytes(
  bucket: string,
  key: string,
  size: number,
  from: number,
  firstEnd: number,
): AsyncGenerator<Uint8Array> {
  let start = from;
  let end = Math.max(from + 1, Math.min(size, firstEnd));
  let step = Math.max(64 * 1024, end - start);
  while (start < size) {
    const res = await s3Client().send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` }),
    );
    yield* res.Body as AsyncIterable<Uint8Array>;
    start = end;
    step *= 4;
    end = Math.min(size, end + step);
  }
}

export async function getJson<T>(bucket: string, key: string): Promise<T | undefined> {
  try {
    return JSON.parse((await getBytes(bucket, key)).toString('utf8')) as T;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function putJson(bucket: string, key: string, value: unknown): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: 'application/json',
    }),
  );
}

export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === 'NoSuchKey' ||
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchBucket' ||
    e?.$metadata?.httpStatusCode === 404
  );
}
