/**
 * `pnpm pr-comment`: posts review sections (e.g. the dev and prod plan
 * reviews) as ONE pull-request comment, updated in place on every push.
 * The comment is found by a hidden marker on its first line. Uses the
 * GitHub REST API with the workflow's GITHUB_TOKEN; reads GITHUB_API_URL
 * and GITHUB_REPOSITORY as Actions sets them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Io, parseFlags, processIo, UsageError } from '../review/cli';

/** GitHub refuses comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export const COMMENT_USAGE = `Usage:
  pnpm pr-comment --pr <number> --marker <id> --body-file <file> [--body-file <file> ...]

Joins the files into one comment that starts with <!-- <id> --> and creates it,
or updates the comment that already starts with that marker.
Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_API_URL (optional).
`;

interface Comment {
  id: number;
  body?: string;
}

/** The comment body: the marker line, then the sections, cut to GitHub's limit. */
export function commentBody(marker: string, sections: string[]): string {
  const head = `<!-- ${marker} -->\n`;
  const body = head + sections.map((s) => s.trim()).join('\n\n---\n\n');
  if (body.length <= GITHUB_COMMENT_LIMIT) return `${body}\n`;
  const note = '\n\n_Cut: this comment reached GitHub’s 65,536-character limit._\n';
  return body.slice(0, GITHUB_COMMENT_LIMIT - note.length) + note;
}

async function api(io: Io, method: string, path: string, body?: object): Promise<unknown> {
  const base = (io.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${io.env.GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) {
    throw new Error(`GitHub API ${method} ${path} answered ${res.status}: ${await res.text()}`);
  }
  return res.json();
}

/** Creates or updates the marked comment; returns what it did and the comment id. */
export async function upsertComment(
  io: Io,
  pr: number,
  marker: string,
  body: string,
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const repo = io.env.GITHUB_REPOSITORY;
  const first = `<!-- ${marker} -->`;
  for (let page = 1; ; page++) {
    const comments = (await api(
      io,
      'GET',
      `/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`,
    )) as Comment[];
    const mine = comments.find((c) => c.body?.startsWith(first));
    if (mine) {
      await api(io, 'PATCH', `/repos/${repo}/issues/comments/${mine.id}`, { body });
      return { action: 'updated', id: mine.id };
    }
    if (comments.length < 100) break;
  }
  const created = (await api(io, 'POST', `/repos/${repo}/issues/${pr}/comments`, {
    body,
  })) as Comment;
  return { action: 'created', id: created.id };
}

export async function runPrComment(argv: string[], io: Io): Promise<number> {
  try {
    const flags = parseFlags(argv, {
      pr: { type: 'string' },
      marker: { type: 'string' },
      'body-file': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
    if (flags.help) {
      io.stdout(COMMENT_USAGE);
      return 0;
    }
    const pr = Number(flags.pr);
    if (!Number.isInteger(pr) || pr <= 0) {
      throw new UsageError(`--pr must be a pull-request number (got '${flags.pr ?? ''}')`);
    }
    if (!flags.marker || !/^[\w.-]+$/.test(flags.marker)) {
      throw new UsageError('--marker must be a word such as lambda-stats-plan-review');
    }
    const files = (flags['body-file'] as string[] | undefined) ?? [];
    if (files.length === 0) throw new UsageError('give at least one --body-file');
    for (const v of ['GITHUB_TOKEN', 'GITHUB_REPOSITORY']) {
      if (!io.env[v]) throw new UsageError(`${v} is not set (GitHub Actions sets it)`);
    }
    const sections = files.map((f) => readFileSync(resolve(io.cwd, f), 'utf8'));
    const result = await upsertComment(io, pr, flags.marker, commentBody(flags.marker, sections));
    io.stdout(`${result.action} comment ${result.id} on #${pr}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`pr-comment: ${e.message}\n\n${COMMENT_USAGE}`);
      return 2;
    }
    io.stderr(`pr-comment: ${(e as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runPrComment(process.argv.slice(2), processIo());
}
