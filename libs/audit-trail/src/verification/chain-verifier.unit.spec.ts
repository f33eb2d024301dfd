/** The one-pass chain verifier on hand-made rows: clean chains pass, each kind of damage is named with its position. */
import { chainEvent, GENESIS_HASH, type ChainedContent } from '../../../event-store/src';
import { ChainVerifier, type ChainRow } from './chain-verifier';
import type { StreamHead } from './stream-head';

function chain(streamId: string, length: number, text = 'Zapłaciłam dwa razy'): ChainRow[] {
  const rows: ChainRow[] = [];
  let previousHash = GENESIS_HASH;
  for (let position = 1; position <= length; position++) {
    const content: ChainedContent = {
      streamId,
      position,
      id: `${streamId}-${position}`,
      type: 'NoteAdded',
      schemaVersion: 1,
      data: { noteId: `n${position}`, text: `${text} — ${position}` },
      actor: { principal: 'alice', role: 'agent' },
      occurredAt: '2026-11-24T10:00:00.000Z',
      recordedAt: '2026-11-24T10:00:00.000Z',
      previousHash,
    };
    const { canonical, hash } = chainEvent(content);
    rows.push({ streamId, position, canonical, hash, previousHash, contentMatches: true });
    previousHash = hash;
  }
  return rows;
}

const headOf = (rows: ChainRow[]): StreamHead => ({
  streamId: rows[0].streamId,
  version: rows.length,
  headHash: rows[rows.length - 1].hash,
});

function verify(rows: ChainRow[], recorded: StreamHead[], checkpointed: StreamHead[] = []) {
  const heads = new Map(recorded.map((h) => [h.streamId, h]));
  const checkpoint = new Map(checkpointed.map((h) => [h.streamId, h]));
  const verifier = new ChainVerifier({
    recordedHead: (id) => heads.get(id),
    checkpointedHead: (id) => checkpoint.get(id),
    expectedStreams: () => new Set([...heads.keys(), ...checkpoint.keys()]),
  });
  for (const row of rows) verifier.add(row);
  return verifier.finish();
}

const kinds = (report: ReturnType<typeof verify>) => report.problems.map((p) => [p.kind, p.streamId, p.position]);

it('passes untouched chains of several streams', () => {
  const a = chain('a', 5);
  const b = chain('b', 3);
  const report = verify([...a, ...b], [headOf(a), headOf(b)], [headOf(a), { ...headOf(b), version: 2, headHash: b[1].hash }]);
  expect(report).toMatchObject({ valid: true, eventsChecked: 8, problems: [] });
});

it('names an edited canonical text as a hash mismatch at its position', () => {
  const a = chain('a', 4);
  a[2] = { ...a[2], canonical: a[2].canonical.replace('Zapłaciłam', 'Zaplacilam') };
  expect(kinds(verify(a, [headOf(a)]))).toEqual([['hash-mismatch', 'a', 3]]);
});

it('names columns that disagree with the canonical text as a content mismatch', () => {
  const a = chain('a', 2);
  a[1] = { ...a[1], contentMatches: false };
  expect(kinds(verify(a, [headOf(a)]))).toEqual([['content-mismatch', 'a', 2]]);
});

it('names a deleted event as a gap and a broken link where the chain resumes', () => {
  const a = chain('a', 4);
  const head = headOf(a);
  expect(kinds(verify([a[0], a[2], a[3]], [head]))).toEqual([
    ['position-gap', 'a', 3],
    ['broken-link', 'a', 3],
  ]);
});

it('names a cut-off tail against the recorded head and the checkpoint', () => {
  const a = chain('a', 4);
  const report = verify(a.slice(0, 2), [headOf(a)], [headOf(a)]);
  expect(kinds(report)).toEqual([
    ['head-mismatch', 'a', 2],
    ['truncated-after-checkpoint', 'a', 4],
  ]);
});

it('names a recomputed chain that only the checkpoint can tell apart', () => {
  const original = chain('a', 3);
  const rewrite = chain('a', 3, 'Nothing was charged twice'); // a whole new, internally consistent chain
  const report = verify(rewrite, [headOf(rewrite)], [headOf(original)]);
  expect(kinds(report)).toEqual([['checkpoint-mismatch', 'a', 3]]);
  expect(verify(rewrite, [headOf(rewrite)]).valid).toBe(true); // without the checkpoint it would pass
});

it('names a stream with a recorded head but no events, and a checkpointed stream that vanished', () => {
  const a = chain('a', 2);
  const report = verify(a, [headOf(a), { streamId: 'gone', version: 2, headHash: 'e'.repeat(64) }], [
    { streamId: 'vanished', version: 1, headHash: 'd'.repeat(64) },
  ]);
  expect(kinds(report)).toEqual([
    ['head-mismatch', 'gone', 0],
    ['truncated-after-checkpoint', 'vanished', 1],
  ]);
});

it('names swapped events', () => {
  const a = chain('a', 4);
  const swapped = [a[0], { ...a[2], position: 2 }, { ...a[1], position: 3 }, a[3]];
  const report = verify(swapped, [headOf(a)]);
  expect(report.valid).toBe(false);
  expect(kinds(report)).toEqual(
    expect.arrayContaining([
      ['broken-link', 'a', 2],
      ['broken-link', 'a', 3],
      ['broken-link', 'a', 4],
    ]),
  );
});
