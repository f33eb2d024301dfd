/**
 * Nothing accepted was lost, and intake stayed idempotent: every complaint the load got a
 * 2xx for is a case in the store; the store holds no case the load did not file; each
 * Idempotency-Key gave one case however often it was sent; and every lifecycle ended with
 * its case closed.
 */
import type { DataSource } from 'typeorm';
import type { CaseRecord } from '../case-lifecycle';
import { examples, n, type AuditLine } from './audit-line';

export interface StoredCase {
  id: string;
  /** the Idempotency-Key it was filed under (the load's intake principal) */
  key: string | null;
  status: string;
  closure: string | null;
}

export async function storedCases(db: DataSource, intakePrincipal: string): Promise<StoredCase[]> {
  return db.query(
    `SELECT c.id::text AS id, k.key, c.status, c.closure
       FROM complaint_cases c LEFT JOIN idempotency_keys k ON k.complaint_id = c.id AND k.principal = $1`,
    [intakePrincipal],
  );
}

export function acceptedCasesLines(records: readonly CaseRecord[], store: readonly StoredCase[]): AuditLine[] {
  const byId = new Map(store.map((c) => [c.id, c]));
  const accepted = records.filter((r) => r.ids.length > 0);
  const lost = accepted.filter((r) => r.ids.some((id) => !byId.has(id)));
  // a key the load gave up on before any 2xx may still have made its case: that one is not unknown
  const keys = new Set(records.map((r) => r.idempotencyKey));
  const unknown = store.filter((c) => c.key === null || !keys.has(c.key));
  const twoCases = accepted.filter((r) => r.ids.length > 1 || (byId.has(r.ids[0]) && byId.get(r.ids[0])?.key !== r.idempotencyKey));
  const notAccepted = records.filter((r) => r.ids.length === 0);
  const unended = records.filter((r) => r.end !== 'closed');
  const open = store.filter((c) => c.status !== 'closed');
  const closures = new Map<string, number>();
  for (const c of store) if (c.status === 'closed') closures.set(c.closure ?? '?', (closures.get(c.closure ?? '?') ?? 0) + 1);
  return [
    {
      check: 'accepted complaints vs cases in the store',
      count: `${n(accepted.length)} accepted (2xx), ${n(store.length)} cases in the store, ${n(lost.length)} lost, ${n(unknown.length)} not filed by the load`,
      pass: lost.length === 0 && unknown.length === 0,
      detail: examples([...lost.map((r) => `lost: case ${r.ids.join('/')} (key ${r.idempotencyKey})`), ...unknown.map((c) => `unknown case ${c.id}`)]),
    },
    {
      check: 'one case per Idempotency-Key, however often it was sent',
      count: `${n(accepted.length)} keys, ${n(records.reduce((sum, r) => sum + r.intakeAttempts, 0))} intake requests, ${n(twoCases.length)} keys with another case`,
      pass: twoCases.length === 0,
      detail: examples(twoCases.map((r) => `key ${r.idempotencyKey}: answered ${r.ids.join(', ')}, stored under ${r.ids.map((id) => byId.get(id)?.key ?? 'none').join(', ')}`)),
    },
    {
      check: 'every complaint sent was accepted and its lifecycle ended, its case closed',
      count: `${n(records.length)} sent, ${n(notAccepted.length)} never accepted, ${n(unended.length)} lifecycles given up, ${n(open.length)} cases open; closures: ${[...closures].map(([closure, count]) => `${closure} ${n(count)}`).join(', ') || 'none'}`,
      pass: notAccepted.length === 0 && unended.length === 0 && open.length === 0,
      detail: examples([
        ...unended.map((r) => `case ${r.ids[0] ?? `#${r.index}`} given up: ${r.lastError ?? '?'}`),
        ...open.map((c) => `case ${c.id} is ${c.status}`),
      ]),
    },
  ];
}
