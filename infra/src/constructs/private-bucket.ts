import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Prefix of the generated bucket name, e.g. `lambda-stats-dev-artifacts-`. */
  readonly bucketPrefix: string;
  readonly forceDestroy: boolean;
}

/**
 * What every bucket of the stack is: private (all public access blocked) and
 * encrypted at rest. The artifact and data buckets extend it, so their
 * Terraform addresses (`<id>/bucket`, `<id>/public-access-block`,
 * `<id>/encryption`) are the same whichever of them declares the bucket.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucketPrefix: props.bucketPrefix,
      forceDestroy: props.forceDestroy,
    });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
  }
}
