/**
 * Systematic tampering with a JSON document: every leaf edited (strings two ways: a
 * character appended, the first one changed), a member added to every object and an
 * element appended to every array, one edit at a time. `silentlyAccepted` runs a
 * verifier over every edit and lists those it let pass without naming the edited part
 * (or a part above it) as unverified: a verifier that proves what it carries lists none.
 */
export interface Tampering {
  /** RFC 6901 pointer of the edited or added part */
  pointer: string;
  what: string;
  document: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const pointerStep = (key: string | number) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function edited(document: Json, path: readonly (string | number)[], change: (value: Json) => Json): Json {
  const copy = structuredClone(document);
  if (path.length === 0) return change(copy);
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  parent[last] = change(parent[last]);
  return copy;
}

function leafEdits(value: Json): { what: string; change: () => Json }[] {
  if (typeof value === 'string') {
    const first = value.startsWith('a') ? 'b' : 'a';
    return [
      { what: 'a character appended to', change: () => `${value}x` },
      ...(value ? [{ what: 'the first character changed in', change: () => first + value.slice(1) }] : []),
    ];
  }
  if (typeof value === 'number') return [{ what: 'one added to', change: () => value + 1 }];
  if (typeof value === 'boolean') return [{ what: 'flipped', change: () => !value }];
  return [{ what: 'null replaced in', change: () => 'tampered' }];
}

export function* tamperings(document: unknown): Generator<Tampering> {
  const root = document as Json;
  function* walk(value: Json, path: (string | number)[], pointer: string): Generator<Tampering> {
    if (Array.isArray(value)) {
      yield {
        pointer: pointer + pointerStep(value.length),
        what: 'an element appended at',
        document: edited(root, path, (v) => [...(v as Json[]), 'tampered']),
      };
      for (let i = 0; i < value.length; i++) yield* walk(value[i], [...path, i], pointer + pointerStep(i));
    } else if (typeof value === 'object' && value !== null) {
      yield {
        pointer: pointer + pointerStep('tampered'),
        what: 'a member added at',
        document: edited(root, path, (v) => ({ ...(v as Record<string, Json>), tampered: 'tampered' })),
      };
      for (const [key, child] of Object.entries(value)) yield* walk(child, [...path, key], pointer + pointerStep(key));
    } else {
      for (const edit of leafEdits(value)) yield { pointer, what: edit.what, document: edited(root, path, edit.change) };
    }
  }
  yield* walk(root, [], '');
}

export interface VerifierAnswer {
  valid: boolean;
  unverified: { pointer: string }[];
}

/**
 * The edits `verify` accepts without labelling the edited part (or a part above it)
 * unverified, or while labelling some other part that it did not label before the edit.
 * Also answers how many edits were tried. Yields to the event loop between edits, so a
 * server running in the same process (integration tests) keeps serving its sockets.
 */
export async function silentlyAccepted(
  document: unknown,
  verify: (document: unknown) => VerifierAnswer,
): Promise<{ tried: number; silent: string[] }> {
  const before = verify(document);
  if (!before.valid) throw new Error('the untampered document does not verify');
  const labelledBefore = new Set(before.unverified.map((p) => p.pointer));
  const silent: string[] = [];
  let tried = 0;
  for (const tampering of tamperings(document)) {
    tried += 1;
    await new Promise((resolve) => setImmediate(resolve));
    const answer = verify(tampering.document);
    if (!answer.valid) continue;
    const labels = answer.unverified.map((p) => p.pointer);
    const named = labels.some((label) => tampering.pointer === label || tampering.pointer.startsWith(`${label}/`));
    const others = labels.filter((label) => label !== tampering.pointer && !labelledBefore.has(label));
    if (!named || others.length) {
      silent.push(`${tampering.what} ${tampering.pointer}${others.length ? ` (labelled instead: ${others.join(', ')})` : ''}`);
    }
  }
  return { tried, silent };
}
