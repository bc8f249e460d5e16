import { formatPath } from './attribute-diff';
import { code, formatShown } from './render-markdown';
import type { DriftEntry, StateSummary } from './summarize-state';

function cell(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => code(String(x))).join(', ');
  return code(typeof v === 'string' ? v : JSON.stringify(v));
}

function driftLines(d: DriftEntry): string[] {
  if (d.action === 'delete') return [`- ${code(d.address)} was **deleted** outside Terraform`];
  if (d.benign) {
    const names = [
      ...d.attributes.map((a) => formatPath(a.path)),
      ...d.policies.map((p) => p.attribute),
    ];
    return [`- ${code(d.address)}: ${names.map(code).join(', ')}: ${d.benign}`];
  }
  const lines = [`- ${code(d.address)}:`];
  for (const a of d.attributes) {
    lines.push(
      `  - ${code(formatPath(a.path))}: state has ${formatShown(a.before)}, AWS has ${formatShown(a.after)}`,
    );
  }
  for (const p of d.policies) {
    for (const c of p.diff.changes) {
      const what =
        c.kind === 'changed'
          ? (c.fields ?? [])
              .map(
                (f) =>
                  `${f.field}${f.added.length ? ` adds ${f.added.map(code).join(', ')}` : ''}${f.removed.length ? ` removes ${f.removed.map(code).join(', ')}` : ''}`,
              )
              .join('; ')
          : `${c.kind} in AWS`;
      lines.push(`  - ${code(p.attribute)} statement ${code(c.label)}: ${what}`);
    }
  }
  return lines;
}

/** The Markdown review of a stack's state and its drift. */
export function renderStateMarkdown(
  s: StateSummary,
  opts: { title: string; driftChecked: boolean },
): string {
  const out = [`### Terraform state: ${opts.title}`, ''];
  const types = s.groups.length;
  out.push(
    `${s.resourceCount} resource${s.resourceCount === 1 ? '' : 's'} of ${types} type${types === 1 ? '' : 's'}.`,
  );
  const real = s.drift.filter((d) => !d.benign);
  const benign = s.drift.filter((d) => d.benign);
  if (!opts.driftChecked) {
    out.push('', 'Drift was not checked (run with a stack to make a refresh-only plan).');
  } else if (real.length === 0) {
    out.push('', '**No drift**: AWS matches the state (refresh-only plan).');
  } else {
    out.push(
      '',
      '> [!WARNING]',
      `> **Drift**: ${real.length} resource${real.length === 1 ? '' : 's'} changed outside Terraform (refresh-only plan). The next apply puts back what the configuration says.`,
      '',
      ...real.flatMap(driftLines),
    );
  }
  if (opts.driftChecked && benign.length > 0) {
    out.push('', 'Differences that are not drift:', '', ...benign.flatMap(driftLines));
  }
  for (const g of s.groups) {
    out.push(
      '',
      `#### ${code(g.type)} (${g.rows.length})`,
      '',
      `| Resource | ${g.headings.join(' | ')} |`,
      `|---|${g.headings.map(() => '---').join('|')}|`,
      ...g.rows.map((r) => `| ${code(r.address)} | ${r.cells.map(cell).join(' | ')} |`),
    );
  }
  return `${out.join('\n')}\n`;
}
