/**
 * The comment poster against a fake GitHub REST API on loopback: the first
 * run creates the comment, the next updates the same one in place.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentBody, GITHUB_COMMENT_LIMIT, runPrComment } from '../src/ci/pr-comment';
import type { Io } from '../src/review/cli';

const comments: { id: number; body: string }[] = [{ id: 1, body: 'LGTM from a person' }];
const requests: string[] = [];
let server: Server;
let api: string;
const dir = mkdtempSync(join(tmpdir(), 'pr-comment-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => {
      data += c.toString('utf8');
    });
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      if (req.headers.authorization !== 'Bearer t0ken') {
        res.writeHead(401).end('{"message":"Bad credentials"}');
        return;
      }
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url?.startsWith('/repos/o/r/issues/7/comments')) {
        res.end(JSON.stringify(comments));
      } else if (req.method === 'POST' && req.url === '/repos/o/r/issues/7/comments') {
        const c = { id: comments.length + 1, body: JSON.parse(data).body as string };
        comments.push(c);
        res.writeHead(201).end(JSON.stringify(c));
      } else if (req.method === 'PATCH' && req.url?.startsWith('/repos/o/r/issues/comments/')) {
        const c = comments.find((x) => x.id === Number(req.url?.split('/').pop()))!;
        c.body = JSON.parse(data).body as string;
        res.end(JSON.stringify(c));
      } else {
        res.writeHead(404).end('{}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  api = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function io(env: NodeJS.ProcessEnv): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir, env };
}

const env = { GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: '' };
const args = [
  '--pr',
  '7',
  '--marker',
  'plan-review',
  '--body-file',
  'dev.md',
  '--body-file',
  'prod.md',
];

describe('pnpm pr-comment', () => {
  it('creates the comment once, then updates it in place', async () => {
    writeFileSync(join(dir, 'dev.md'), '### Terraform plan: `dev`\n\n**No changes.**\n');
    writeFileSync(join(dir, 'prod.md'), '### Terraform plan: `prod`\n\n**1 to update**\n');
    const first = io({ ...env, GITHUB_API_URL: api });
    expect(await runPrComment(args, first)).toBe(0);
    expect(first.out.join('')).toBe('created comment 2 on #7\n');
    expect(comments[1]?.body).toBe(
      '<!-- plan-review -->\n### Terraform plan: `dev`\n\n**No changes.**\n\n---\n\n### Terraform plan: `prod`\n\n**1 to update**\n',
    );

    writeFileSync(join(dir, 'prod.md'), '### Terraform plan: `prod`\n\n**No changes.**\n');
    const second = io({ ...env, GITHUB_API_URL: api });
    expect(await runPrComment(args, second)).toBe(0);
    expect(second.out.join('')).toBe('updated comment 2 on #7\n');
    expect(comments).toHaveLength(2);
    expect(comments[0]?.body).toBe('LGTM from a person');
    expect(comments[1]?.body).toContain('`prod`\n\n**No changes.**');
  });

  it('says what GitHub answered when the call fails', async () => {
    const run = io({ ...env, GITHUB_TOKEN: 'wrong', GITHUB_API_URL: api });
    expect(await runPrComment(args, run)).toBe(1);
    expect(run.err.join('')).toMatch(/GitHub API GET .* answered 401: .*Bad credentials/);
  });

  it('refuses bad flags and a missing token with the usage', async () => {
    const noPr = io(env);
    expect(await runPrComment(['--marker', 'm', '--body-file', 'dev.md'], noPr)).toBe(2);
    expect(noPr.err.join('')).toContain('--pr must be a pull-request number');
    const noToken = io({ GITHUB_REPOSITORY: 'o/r' });
    expect(await runPrComment(args, noToken)).toBe(2);
    expect(noToken.err.join('')).toContain('GITHUB_TOKEN is not set');
  });

  it('keeps the body within GitHub’s limit', () => {
    const body = commentBody('m', ['x'.repeat(40_000), 'y'.repeat(40_000)]);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toMatch(/^<!-- m -->\n/);
    expect(body).toContain('_Cut: this comment reached');
  });
});
