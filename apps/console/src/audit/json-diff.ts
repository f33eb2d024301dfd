/**
 * What changed between two JSON documents (two replays of one case): every leaf whose value
 * differs, by a readable path such as `compensation[1].status` or `deadlines.finalResponseBy`.
 * Arrays are compared item by item (1-based in the path); a member present on one side only
 * shows as absent (undefined) on the other.
 */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: unknown): boolean {
  return Array.isArray(value) || isObject(value);
}

function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key + 1}]`;
  return path ? `${path}.${key}` : key;
}

export function jsonChanges(before: unknown, after: unknown, path = ''): Change[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => jsonChanges(before[index], after[index], join(path, index))).flat();
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => jsonChanges(before[key], after[key], join(path, key)));
  }
  // a container on one side only (the other absent or null): each of its leaves is listed
  if (isContainer(before) && isAbsent(after)) {
    const leaves = jsonChanges(before, emptyLike(before), path);
    if (leaves.length) return leaves.map((change) => ({ ...change, after }));
  }
  if (isAbsent(before) && isContainer(after)) {
    const leaves = jsonChanges(emptyLike(after), after, path);
    if (leaves.length) return leaves.map((change) => ({ ...change, before }));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

function emptyLike(value: unknown): unknown {
  return Array.isArray(value) ? [] : {};
}
