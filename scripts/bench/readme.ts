/** Replaces the README's Performance section with the latest results. */

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

/**
 * Returns `readme` with everything between the markers replaced by `body`.
 * Throws when the markers are missing, repeated or out of order.
 */
export function spliceReadme(readme: string, body: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) {
    throw new Error(
      `README.md needs the markers ${START} and ${END} around its Performance section (add them where the table should go)`,
    );
  }
  if (readme.indexOf(START, start + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
    throw new Error(`README.md has ${START} or ${END} more than once; keep one pair`);
  }
  if (end < start) throw new Error(`README.md has ${END} before ${START}`);
  return `${readme.slice(0, start + START.length)}\n${body.trim()}\n${readme.slice(end)}`;
}
