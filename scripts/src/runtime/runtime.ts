import { readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractZip } from '@lambda-stats/lambda-kit/zip';
import { CodeFetcher, type Deployment, readStateCodeSources } from '../deployment';
import { FunctionPool } from './pool';
import type { FunctionSpec, InvokeOutcome, LogSink } from './types';

export interface LocalRuntimeOptions {
  /** Terraform state whose s3_bucket/s3_key say where each code object is. */
  statePath?: string;
  /** Concurrent executions per function before 429 (a function's reserved concurrency wins). */
  maxConcurrency?: number;
  /** Only these functions (default: every deployed function). */
  only?: string[];
  log: LogSink;
  /** Progress lines (which object each function's code came from). */
  progress?: (line: string) => void;
  /**
   * The emulator's URL, given to every function as AWS_ENDPOINT_URL so the
   * AWS SDK inside it talks to the emulator (and never to a real account).
   */
  awsEndpoint?: string;
}

/**
 * The AWS SDK v3 as the managed nodejs22.x runtime provides it: a
 * node_modules folder on NODE_PATH (Lambda's is /var/runtime/node_modules)
 * holding the @aws-sdk clients this repository installs, linked, not copied.
 * Nothing is loaded unless a function requires it, so the statistics
 * functions' cold start is unchanged.
 */
async function runtimeSdk(workDir: string): Promise<string> {
  const dir = path.join(workDir, 'runtime', 'node_modules');
  await mkdir(path.join(dir, '@aws-sdk'), { recursive: true });
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (!name.startsWith('@aws-sdk/')) continue;
    const real = realpathSync(path.dirname(require.resolve(`${name}/package.json`)));
    await symlink(real, path.join(dir, name), 'dir');
  }
  return dir;
}

const SUPPORTED_RUNTIME = /^nodejs\d+\.x$/;

/**
 * The local Lambda service: each deployed function's code and layers
 * fetched from the emulator's S3 (checked against its CodeSha256), unpacked
 * into a task root and an /opt-like folder of its own, and served by a pool
 * of worker processes.
 */
export class LocalRuntime {
  private constructor(
    readonly workDir: string,
    private readonly pools: Map<string, FunctionPool>,
  ) {}

  static async create(deployment: Deployment, options: LocalRuntimeOptions): Promise<LocalRuntime> {
    const workDir = await mkdtemp(path.join(tmpdir(), 'lambda-stats-runtime-'));
    const fetcher = new CodeFetcher(deployment.target, readStateCodeSources(options.statePath));
    const pools = new Map<string, FunctionPool>();
    try {
      const sdkDir = await runtimeSdk(workDir);
      const layerZips = new Map<string, Buffer>();
      for (const fn of deployment.functions) {
        if (options.only && !options.only.includes(fn.name)) continue;
        if (!SUPPORTED_RUNTIME.test(fn.runtime)) {
          options.progress?.(`skipping ${fn.name}: runtime ${fn.runtime} is not a Node.js runtime`);
          continue;
        }
        const base = path.join(workDir, fn.name);
        const spec: FunctionSpec = {
          name: fn.name,
          arn: fn.arn,
          runtime: fn.runtime,
          handler: fn.handler,
          memoryMb: fn.memoryMb,
          timeoutSeconds: fn.timeoutSeconds,
          environment: options.awsEndpoint
            ? { ...fn.environment, AWS_ENDPOINT_URL: options.awsEndpoint }
            : fn.environment,
          runtimeModules: sdkDir,
          taskRoot: path.join(base, 'task'),
          optDir: path.join(base, 'opt'),
          tmpDir: path.join(base, 'tmp'),
          layers: fn.layers,
          version: fn.version,
          region: deployment.target.region,
          reservedConcurrency: fn.reservedConcurrency,
          logGroupName: fn.logGroupName,
        };
        await Promise.all(
          [spec.taskRoot, spec.optDir, spec.tmpDir].map((d) => mkdir(d, { recursive: true })),
        );
        const code = await fetcher.fetch({
          kind: 'function',
          id: fn.name,
          codeSha256: fn.codeSha256,
        });
        await extractZip(code.zip, spec.taskRoot);
        options.progress?.(
          `${fn.name}: ${fn.handler} (${fn.runtime}, ${fn.memoryMb} MB, ${fn.timeoutSeconds} s) from ${code.source} (CodeSha256 verified)`,
        );
        // Layers are unpacked in order into the same folder: a later layer's files win, as on Lambda.
        for (const arn of fn.layers) {
          const layer = deployment.layers.get(arn);
          if (!layer)
            throw new Error(
              `function ${fn.name} uses layer ${arn}, which the emulator does not report`,
            );
          let zip = layerZips.get(arn);
          if (!zip) {
            const got = await fetcher.fetch({
              kind: 'layer',
              id: arn,
              codeSha256: layer.codeSha256,
            });
            zip = got.zip;
            layerZips.set(arn, zip);
            options.progress?.(`layer ${arn} from ${got.source} (CodeSha256 verified)`);
          }
          await extractZip(zip, spec.optDir);
        }
        const limit = fn.reservedConcurrency ?? options.maxConcurrency ?? 10;
        pools.set(fn.name, new FunctionPool(spec, options.log, limit));
      }
    } catch (error) {
      fetcher.close();
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
    fetcher.close();
    return new LocalRuntime(workDir, pools);
  }

  get functionNames(): string[] {
    return [...this.pools.keys()];
  }

  has(name: string): boolean {
    return this.pools.has(name);
  }

  pool(name: string): FunctionPool | undefined {
    return this.pools.get(name);
  }

  invoke(name: string, event: unknown): Promise<InvokeOutcome> {
    const pool = this.pools.get(name);
    if (!pool) {
      throw new Error(
        `function ${name} is not deployed (deployed: ${this.functionNames.join(', ') || 'none'})`,
      );
    }
    return pool.invoke(event);
  }

  /** Process ids of every live worker. */
  pids(): number[] {
    return [...this.pools.values()].flatMap((p) => p.pids());
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    await rm(this.workDir, { recursive: true, force: true });
  }
}
