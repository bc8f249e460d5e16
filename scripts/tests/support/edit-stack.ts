/**
 * Edits of a synthesized stack (`cdk.tf.json`), standing in for the code
 * changes a pull request makes to the infra config: each finds its resource
 * by the construct path cdktf records in the resource's metadata.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Block = Record<string, unknown> & { '//'?: { metadata?: { path?: string } } };
type TfJson = { resource: Record<string, Record<string, Block>> };

export class StackJson {
  readonly json: TfJson;

  constructor(private readonly file: string) {
    this.json = JSON.parse(readFileSync(file, 'utf8')) as TfJson;
  }

  /** The resource of `type` whose construct path ends with `pathEnd`. */
  find(type: string, pathEnd: string): { name: string; block: Block } {
    const blocks = this.json.resource[type] ?? {};
    const hits = Object.entries(blocks).filter(([, b]) =>
      (b['//']?.metadata?.path ?? '').endsWith(pathEnd),
    );
    if (hits.length !== 1) {
      throw new Error(`expected one ${type} at */${pathEnd}, found ${hits.length}`);
    }
    const [name, block] = hits[0]!;
    return { name, block };
  }

  remove(type: string, pathEnd: string): void {
    const { name } = this.find(type, pathEnd);
    delete this.json.resource[type]![name];
  }

  save(): void {
    writeFileSync(this.file, `${JSON.stringify(this.json, null, 2)}\n`);
  }
}
