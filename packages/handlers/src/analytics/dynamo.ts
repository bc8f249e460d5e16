/**
 * DynamoDB items to and from plain objects for the analytics tables:
 * strings, finite numbers, booleans, and nested values as JSON strings
 * (the run's outcomes). Non-finite numbers (an infinite score) are stored
 * as strings "Infinity"/"-Infinity", which DynamoDB's N type cannot hold.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export function toItem(value: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out[key] = { S: v };
    else if (typeof v === 'boolean') out[key] = { BOOL: v };
    else if (typeof v === 'number')
      out[key] = Number.isFinite(v) ? { N: String(v) } : { S: String(v) };
    else out[key] = { S: JSON.stringify(v) };
  }
  return out;
}

/** Back to an object; `json` names the attributes stored as JSON. */
export function fromItem(
  item: Record<string, AttributeValue>,
  json: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(item)) {
    if (v.N !== undefined) out[key] = Number(v.N);
    else if (v.BOOL !== undefined) out[key] = v.BOOL;
    else if (v.S !== undefined) {
      if (json.includes(key)) out[key] = JSON.parse(v.S);
      else if (v.S === 'Infinity' || v.S === '-Infinity') out[key] = Number(v.S);
      else out[key] = v.S;
    }
  }
  return out;
}
