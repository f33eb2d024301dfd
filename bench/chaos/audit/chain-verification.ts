/**
 * The hash chains after the faults, as an auditor sees them: `GET /v1/audit/verification`
 * must find every stream valid and have checked every event and stream the store holds;
 * and the latest signed checkpoint (`GET /v1/audit/checkpoints/latest`, signed during the
 * load) must be consistent: its signature good under the run's own public key and its root
 * the Merkle root of its heads (libs/audit-trail's checkCheckpoint), each head still the
 * event at that position in the store, signed after the run began, and the one the
 * verification checked the chains against.
 */
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { checkCheckpoint, type SignedCheckpoint, type StreamHead } from '../../../libs/audit-trail/src';
import { examples, n, type AuditLine } from './audit-line';

/** What `GET /v1/audit/verification` answers (the fields checked). */
export interface StoreVerificationView {
  valid: boolean;
  eventsChecked: number;
  streamsChecked: number;
  problemCount: number;
  problems: { kind: string; streamId: string | null; position: number | null; detail: string }[];
  checkpoint: { id: string } | null;
}

/** What `GET /v1/audit/checkpoints/latest` answers. */
export interface CheckpointView extends SignedCheckpoint {
  streams: StreamHead[];
}

export interface StoreTotals {
  events: number;
  streams: number;
}

export async function storeTotals(db: DataSource): Promise<StoreTotals> {
  const [row]: StoreTotals[] = await db.query(`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM streams) AS streams`);
  return row;
}

/** The hash the store holds at each head's position (absent: no event there any more). */
export async function storedHeadHashes(db: DataSource, heads: readonly StreamHead[]): Promise<Map<string, string>> {
  const rows: { streamId: string; hash: string }[] = await db.query(
    `SELECT e.stream_id AS "streamId", e.hash
       FROM unnest($1::text[], $2::int[]) AS h(stream_id, version)
       JOIN events e ON e.stream_id = h.stream_id AND e.stream_position = h.version`,
    [heads.map((h) => h.streamId), heads.map((h) => h.version)],
  );
  return new Map(rows.map((row) => [row.streamId, row.hash]));
}

export function chainLines(verification: StoreVerificationView, totals: StoreTotals): AuditLine[] {
  const badStreams = new Set(verification.problems.map((p) => p.streamId ?? '(checkpoint)'));
  const valid = verification.valid && verification.problemCount === 0;
  const complete = verification.eventsChecked === totals.events && verification.streamsChecked === totals.streams;
  const validShare = totals.streams === 0 ? 0 : (100 * (verification.streamsChecked - badStreams.size)) / totals.streams;
  return [
    {
      check: 'hash chains valid (GET /v1/audit/verification)',
      count: `${n(verification.streamsChecked - badStreams.size)}/${n(totals.streams)} streams valid (${validShare.toFixed(validShare === 100 ? 0 : 2)}%), ${n(verification.eventsChecked)}/${n(totals.events)} events checked, ${n(verification.problemCount)} problems`,
      pass: valid && complete,
      detail: examples(verification.problems.map((p) => `${p.kind} ${p.streamId ?? ''}@${p.position ?? '-'}: ${p.detail}`)),
    },
  ];
}

export function checkpointLines(
  checkpoint: CheckpointView | null,
  storedHashes: Map<string, string>,
  verification: StoreVerificationView,
  trustedKey: KeyObject,
  runStartedAt: Date,
): AuditLine[] {
  if (!checkpoint) return [{ check: 'latest checkpoint consistent', count: 'no checkpoint was signed', pass: false }];
  const problems = checkCheckpoint(checkpoint, checkpoint.streams, trustedKey).map((p) => `${p.kind}: ${p.detail}`);
  for (const head of checkpoint.streams) {
    const stored = storedHashes.get(head.streamId);
    if (stored !== head.headHash) problems.push(`${head.streamId}@${head.version}: the store holds ${stored ?? 'no event'} there, the checkpoint ${head.headHash}`);
  }
  if (new Date(checkpoint.createdAt) < runStartedAt) problems.push(`signed at ${checkpoint.createdAt}, before this run began`);
  if (checkpoint.streams.length === 0) problems.push('it holds no stream head');
  if (verification.checkpoint?.id !== checkpoint.id) problems.push(`the verification checked against checkpoint ${verification.checkpoint?.id ?? 'none'}`);
  return [
    {
      check: 'latest checkpoint consistent (signature, Merkle root, every head in the store)',
      count: `checkpoint of ${checkpoint.createdAt}: ${n(checkpoint.streams.length)} stream heads, ${n(problems.length)} problems`,
      pass: problems.length === 0,
      detail: examples(problems),
    },
  ];
}
