/**
 * Generated parts of the docs: a block
 *
 *   <!-- embed: scripts/tests/fixtures/expected/local-all-changes.md -->
 *   ...
 *   <!-- /embed -->
 *
 * holds the named file (a path from the repository root) in a fenced code
 * block, so an example a test produces is shown as the test last checked
 * it, never hand-copied. `pnpm docs:gen` rewrites every block; the docs test
 * fails while one is stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const BLOCK = /<!-- embed: (\S+) -->\n[\s\S]*?<!-- \/embed -->/g;

/** The fence language for an embedded file, from its extension. */
function language(file: string): string {
  const ext = path.extname(file).slice(1);
  return ext === 'md' ? 'markdown' : ext;
}

/** A fence longer than any backtick run inside the text, so embedded fences stay inside. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/**
 * Returns `doc` with every embed block refilled from the files below `root`.
 * Throws, naming the doc and the path, when a named file does not exist or
 * leaves the repository.
 */
export function fillEmbeds(doc: string, root: string, docName: string): string {
  return doc.replace(BLOCK, (_block, file: string) => {
    const full = path.resolve(root, file);
    if (path.relative(root, full).startsWith('..')) {
      throw new Error(
        `${docName}: embed path ${file} leaves the repository; name a file inside it`,
      );
    }
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch {
      throw new Error(
        `${docName}: embeds ${file}, which does not exist; fix the path or remove the block`,
      );
    }
    const f = fence(text);
    const body = text.endsWith('\n') ? text : `${text}\n`;
    return `<!-- embed: ${file} -->\n${f}${language(file)}\n${body}${f}\n<!-- /embed -->`;
  });
}

/** Every Markdown file the docs generator owns blocks in, relative to the root. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** The files whose generated blocks differ from a fresh generation, with their fresh text. */
export function staleDocs(root: string): { file: string; fresh: string }[] {
  return docFiles(root).flatMap((file) => {
    const current = readFileSync(path.join(root, file), 'utf8');
    const fresh = fillEmbeds(current, root, file);
    return fresh === current ? [] : [{ file, fresh }];
  });
}
