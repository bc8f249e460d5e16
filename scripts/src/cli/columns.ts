/** Plain-text tables for the CLIs' list commands. */

/** Prints `head` and `rows` as left-aligned columns two spaces apart, without trailing spaces. */
export function printColumns(head: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows])
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}
