import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraform, terraformEnv } from '../../src/review/terraform';
import { type FixtureSpec, fixtureConfig } from './fixture-config';

const fixtures = new URL('../fixtures/', import.meta.url);

/** A Terraform working directory for the fixture config, against one moto server. */
export class TfFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'plan-review-'));
  private readonly tf = terraformEnv();
  readonly env = this.tf.env;

  constructor(private readonly endpoint: string) {
    copyFileSync(new URL('function.zip', fixtures), join(this.dir, 'function.zip'));
    copyFileSync(new URL('layer.zip', fixtures), join(this.dir, 'layer.zip'));
  }

  write(spec: FixtureSpec): void {
    writeFileSync(
      join(this.dir, 'main.tf.json'),
      `${JSON.stringify(fixtureConfig(spec, this.endpoint), null, 2)}\n`,
    );
  }

  run(...args: string[]): Promise<string> {
    return terraform(args, this.dir, this.env);
  }

  dispose(): void {
    this.tf.dispose();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
