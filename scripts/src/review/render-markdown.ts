import { type AttributeChange, formatPath, type ShownValue } from './attribute-diff';
import type { PolicyStatement, StatementChange } from './policy-diff';
import {
  ACTION_ORDER,
  hasNoChanges,
  type PlanSummary,
  type ResourceReview,
  type ReviewAction,
} from './summarize-plan';

/** GitHub cuts a comment at 65,536 characters; stay well below. */
export const DEFAULT_MAX_CHARS = 60_000;
/** One resource's detail block is cut beyond this many characters. */
const MAX_BLOCK_CHARS = 8_000;
/** A value longer than this is cut in a table cell. */
const MAX_VALUE_CHARS = 160;
/** At most this many deletes/replacements are named one by one in the warning. */
const MAX_WARNINGS = 40;

const COUNT_WORDS: Record<ReviewAction, string> = {
  replace: 'to replace',
  delete: 'to delete',
  forget: 'to forget',
  update: 'to update',
  create: 'to create',
  read: 'to read',
  'no-op': 'unchanged',
};

export interface RenderOptions {
  /** Heading, e.g. the stack name. */
  title: string;
  /** Upper bound on the whole Markdown, in characters (UTF-16 code units). */
  maxChars?: number;
}

/** Inline code that survives backticks and pipes inside the value. */
export function code(text: string): string {
  const t = text.replace(/\|/g, '\\|').replace(/\r?\n/g, '⏎');
  const fence = t.includes('`') ? '``' : '`';
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function formatShown(v: ShownValue): string {
  switch (v.kind) {
    case 'sensitive':
      return '_(sensitive)_';
    case 'unknown':
      return '_(known after apply)_';
    case 'absent':
      return '_(not set)_';
    case 'value': {
      const s = typeof v.value === 'string' && v.value !== '' ? v.value : JSON.stringify(v.value);
      return code(cut(s, MAX_VALUE_CHARS));
    }
  }
}

export function countsLine(s: PlanSummary): string {
  const parts = ACTION_ORDER.filter((a) => a !== 'no-op' && s.counts[a] > 0).map(
    (a) => `${s.counts[a]} ${COUNT_WORDS[a]}`,
  );
  return `**${parts.join(', ')}**, ${s.counts['no-op']} unchanged`;
}

function warningBlock(s: PlanSummary): string {
  const risky = s.resources.filter(
    (r) => r.action === 'replace' || r.action === 'delete' || r.action === 'forget',
  );
  if (risky.length === 0) return '';
  const n = (action: ReviewAction, one: string, many: string) => {
    const k = risky.filter((r) => r.action === action).length;
    return k === 0 ? '' : `${k} ${k === 1 ? one : many}`;
  };
  const what = [
    n('replace', 'replacement', 'replacements'),
    n('delete', 'deletion', 'deletions'),
    n('forget', 'resource forgotten', 'resources forgotten'),
  ]
    .filter(Boolean)
    .join(' and ');
  const lines = ['> [!WARNING]', `> This plan has ${what}:`];
  for (const r of risky.slice(0, MAX_WARNINGS)) {
    const cbd = r.action === 'replace' && r.createBeforeDestroy ? ' (new one created first)' : '';
    lines.push(`> - ${code(r.address)} is ${r.reason ?? r.action}${cbd}`);
  }
  if (risky.length > MAX_WARNINGS) {
    lines.push(`> - … and ${risky.length - MAX_WARNINGS} more, listed in the table below`);
  }
  return lines.join('\n');
}

function whatChanges(r: ResourceReview): string {
  const names = [
    ...r.replacePaths.map((p) => `${code(p)} (forces replacement)`),
    // Top-level names only; the detail block has the full paths.
    ...[...new Set(r.attributes.map((a) => formatPath(a.path.slice(0, 1))))]
      .filter((p) => !r.replacePaths.includes(p))
      .map(code),
    ...r.policies.map((p) => `${code(p.attribute)} (policy)`),
  ];
  const extra: string[] = [];
  if (r.movedFrom) extra.push(`moved from ${code(r.movedFrom)}`);
  if (r.importing) extra.push(`imported (id ${code(r.importing)})`);
  const shownNames = names.length > 6 ? [...names.slice(0, 6), `+${names.length - 6} more`] : names;
  const facts = r.highlights.map((h) => {
    const v = h.value;
    const shownValue =
      v.kind === 'value' && Array.isArray(v.value)
        ? v.value.map((x) => code(String(x))).join(', ')
        : formatShown(v);
    return `${h.heading} ${shownValue}`;
  });
  const all = [...extra, ...facts, ...shownNames];
  return all.length > 0 ? all.join(', ') : '—';
}

function tableRow(r: ResourceReview): string {
  const risky = r.action === 'replace' || r.action === 'delete' || r.action === 'forget';
  const action = risky ? `**${r.action}**` : r.action;
  return `| ${action} | ${code(r.address)} | ${whatChanges(r)} |`;
}

function statementText(s: PolicyStatement): string {
  const parts = Object.keys(s)
    .filter((k) => k !== 'Sid' && k !== 'Effect')
    .sort()
    .map((k) => {
      const v = s[k];
      const list = Array.isArray(v) ? v : [v];
      return `${k} ${list.map((x) => code(typeof x === 'string' ? x : JSON.stringify(x))).join(', ')}`;
    });
  return `${s.Effect}: ${parts.join('; ')}`;
}

function statementLine(c: StatementChange): string {
  const label = code(c.label);
  if (c.kind === 'added') return `- added statement ${label}: ${statementText(c.statement)}`;
  if (c.kind === 'removed') return `- removed statement ${label}: ${statementText(c.statement)}`;
  const fields = (c.fields ?? []).map((f) => {
    const bits = [
      f.added.length > 0 ? `adds ${f.added.map(code).join(', ')}` : '',
      f.removed.length > 0 ? `removes ${f.removed.map(code).join(', ')}` : '',
    ].filter(Boolean);
    return `${f.field} ${bits.join(' and ')}`;
  });
  return `- changed statement ${label}: ${fields.join('; ')}`;
}

function attributeRows(attrs: AttributeChange[]): string[] {
  if (attrs.length === 0) return [];
  return [
    '| Attribute | Before | After |',
    '|---|---|---|',
    ...attrs.map(
      (a) => `| ${code(formatPath(a.path))} | ${formatShown(a.before)} | ${formatShown(a.after)} |`,
    ),
  ];
}

/** The body of one resource's detail block, or [] when there is nothing to add. */
function detailLines(r: ResourceReview): string[] {
  const lines: string[] = [];
  if (r.action === 'update' || r.action === 'replace') lines.push(...attributeRows(r.attributes));
  if (r.knownAfterApply.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(`Known after apply: ${r.knownAfterApply.map(code).join(', ')}.`);
  }
  for (const p of r.policies) {
    if (lines.length > 0) lines.push('');
    const count = (kind: StatementChange['kind']) =>
      p.diff.changes.filter((c) => c.kind === kind).length;
    const tally = (['added', 'changed', 'removed'] as const)
      .map((k) => [count(k), k] as const)
      .filter(([n]) => n > 0)
      .map(([n, k]) => `${n} ${k}`);
    if (p.diff.unchanged > 0) tally.push(`${p.diff.unchanged} unchanged`);
    lines.push(`Policy ${code(p.attribute)}, statement by statement (${tally.join(', ')}):`);
    lines.push('');
    lines.push(...p.diff.changes.map(statementLine));
  }
  return lines;
}

function detailBlock(r: ResourceReview): string | undefined {
  const body = detailLines(r);
  if (body.length === 0) return undefined;
  const open = `<details><summary><code>${r.address}</code>: ${r.action}</summary>\n\n`;
  const close = '\n\n</details>';
  let text = body.join('\n');
  if (open.length + text.length + close.length > MAX_BLOCK_CHARS) {
    const kept: string[] = [];
    let size = 0;
    for (const line of body) {
      if (size + line.length + 1 > MAX_BLOCK_CHARS - 400) break;
      kept.push(line);
      size += line.length + 1;
    }
    text = `${kept.join('\n')}\n\n_Cut: ${body.length - kept.length} more lines of this change are not shown here (this block is limited to ${MAX_BLOCK_CHARS.toLocaleString('en-US')} characters); \`terraform show\` on the plan has them all._`;
  }
  return open + text + close;
}

/**
 * The Markdown review of a plan: the counts, a warning for every delete and
 * replacement with its reason, a table of every changed resource, and the
 * attribute and policy detail in collapsed blocks, all within `maxChars`.
 */
export function renderPlanMarkdown(s: PlanSummary, opts: RenderOptions): string {
  const max = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const heading = `### Terraform plan: ${opts.title}`;
  if (s.errored) {
    return `${heading}\n\n**The plan failed**: Terraform reported errors; see the job log. Nothing below can be trusted.`;
  }
  const drift =
    s.driftedAddresses.length > 0
      ? `\n\n${s.driftedAddresses.length} resource${s.driftedAddresses.length > 1 ? 's' : ''} changed outside Terraform since the last apply: ${s.driftedAddresses.slice(0, 10).map(code).join(', ')}${s.driftedAddresses.length > 10 ? ', …' : ''} (see \`pnpm state-review\`).`
      : '';
  if (hasNoChanges(s)) {
    return `${heading}\n\n**No changes.** The infrastructure matches the configuration (${s.counts['no-op']} resources unchanged).${drift}\n`;
  }
  const outputs =
    s.outputChanges.length > 0
      ? `\n\nOutputs that change: ${s.outputChanges.map(code).join(', ')}.`
      : '';
  const head = [heading, '', countsLine(s) + outputs + drift];
  const warn = warningBlock(s);
  if (warn) head.push('', warn);
  head.push('', '| Action | Resource | What changes |', '|---|---|---|');
  const rows = s.resources.map(tableRow);
  const blocks = s.resources.map(detailBlock);

  // Reserve room for the notes the cuts below may add.
  const budget = max - 600;
  const headText = head.join('\n');
  let tableText = rows.join('\n');
  if (headText.length + tableText.length > budget) {
    const kept: string[] = [];
    let size = headText.length;
    for (const row of rows) {
      if (size + row.length + 1 > budget) break;
      kept.push(row);
      size += row.length + 1;
    }
    tableText = `${kept.join('\n')}\n\n_Cut: ${rows.length - kept.length} more changed resources are not listed, to keep this comment under ${max.toLocaleString('en-US')} characters._`;
    return `${headText}\n${tableText}\n`;
  }
  const used = headText.length + tableText.length + 2;
  // Fit the detail blocks, cutting the largest first.
  const present = blocks
    .map((b, i) => ({ i, size: b?.length ?? 0 }))
    .filter((b) => b.size > 0)
    .sort((a, b) => b.size - a.size || a.i - b.i);
  let total = present.reduce((n, b) => n + b.size + 2, 0);
  const cutAddresses: string[] = [];
  for (const b of present) {
    if (used + total <= budget) break;
    total -= b.size + 2;
    cutAddresses.push(s.resources[b.i]!.address);
    blocks[b.i] = undefined;
  }
  const out = [headText, tableText];
  const kept = blocks.filter((b): b is string => b !== undefined);
  if (kept.length > 0) out.push('', ...kept.flatMap((b) => [b, '']));
  if (cutAddresses.length > 0) {
    const names = cutAddresses.slice(0, 5).map(code).join(', ');
    const more = cutAddresses.length > 5 ? ` and ${cutAddresses.length - 5} more` : '';
    out.push(
      `_Cut: the details of ${names}${more} (the largest) are left out to keep this comment under ${max.toLocaleString('en-US')} characters; \`terraform show\` on the plan has them._`,
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
