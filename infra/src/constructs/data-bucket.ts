import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { Construct } from 'constructs';
import { PrivateBucket, type PrivateBucketProps } from './private-bucket';

export interface DataBucketProps extends PrivateBucketProps {
  /** Browser origins allowed to PUT an upload through a presigned URL. */
  readonly corsOrigins: readonly string[];
  /** Days after which job scratch objects (`jobs/`) expire. */
  readonly scratchExpirationDays: number;
}

/**
 * The datasets and the jobs' scratch objects: private (public access
 * blocked), encrypted at rest, CORS for browser uploads through presigned
 * URLs, and a lifecycle rule that expires the jobs' scratch objects and
 * aborts multipart uploads left unfinished.
 */
export class DataBucket extends PrivateBucket {
  constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id, props);
    new S3BucketCorsConfiguration(this, 'cors', {
      bucket: this.bucket.id,
      corsRule: [
        {
          allowedMethods: ['PUT'],
          allowedOrigins: [...props.corsOrigins],
          allowedHeaders: ['content-type'],
          exposeHeaders: ['ETag'],
          maxAgeSeconds: 3600,
        },
      ],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-job-scratch',
          status: 'Enabled',
          filter: [{ prefix: 'jobs/' }],
          expiration: [{ days: props.scratchExpirationDays }],
        },
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: 'datasets/' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
  }
}
