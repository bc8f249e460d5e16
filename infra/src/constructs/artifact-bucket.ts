import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { AssetType, TerraformAsset } from 'cdktf';
import { PrivateBucket } from './private-bucket';

/**
 * A private, encrypted bucket holding the code zips under content-addressed
 * keys (`functions/<name>/<sha256>.zip`, `layers/<layer>/<sha256>.zip`): a new
 * build is a new key, an unchanged build changes nothing.
 */
export class ArtifactBucket extends PrivateBucket {
  /**
   * Uploads one built zip. The file is copied into the synth output as a
   * cdktf asset (its path there is relative and named by the content hash),
   * so the synthesized JSON never holds a path from this machine.
   */
  addZip(id: string, props: { key: string; zipPath: string; sha256: string }): S3Object {
    const asset = new TerraformAsset(this, `${id}-asset`, {
      path: props.zipPath,
      type: AssetType.FILE,
      assetHash: props.sha256,
    });
    return new S3Object(this, id, {
      bucket: this.bucket.id,
      key: props.key,
      source: asset.path,
      contentType: 'application/zip',
      // A new build is a new key: upload it before the old object goes.
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
