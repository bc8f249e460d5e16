/** True when every element of `v` equals `v[0]`. */
export function isConstant(v: ArrayLike<number>): boolean {
  const first = v[0];
  for (let i = 1; i < v.length; i++) if (v[i] !== first) return false;
  return true;
}
