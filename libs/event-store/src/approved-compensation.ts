/**
 * Compensation approved in a window, summed per currency straight from the events (not from
 * the report tables): every CompensationApproved event of a complaint stream that occurred in
 * [from, to), with the amount of the CompensationProposed event it approves. A proposal within
 * the proposer's authority records both a CompensationProposed with status `approved` and an
 * automatic CompensationApproved, so counting the approved proposals as well would count it
 * twice. Only the events the report projector has folded are read (those at or before its
 * checkpoint in the commit-safe global order), so the sum covers what the report tables cover
 * when both are read in one snapshot.
 */
import type { EntityManager } from 'typeorm';
import type { MoneyAmount } from '../../domain/src';

export async function approvedCompensationFromEvents(db: EntityManager, window: { from: string; to: string }): Promise<MoneyAmount[]> {
  const rows: { currency: string; minor: string }[] = await db.query(
    `SELECT p.data->'amount'->>'currency' AS currency, sum((p.data->'amount'->>'minor')::bigint)::text AS minor
       FROM report_checkpoint k
       JOIN events a ON (a.transaction_id, a.global_position) <= (k.transaction_id, k.global_position)
       JOIN events p ON p.stream_id = a.stream_id AND p.type = 'CompensationProposed' AND p.data->>'proposalId' = a.data->>'proposalId'
      WHERE a.type = 'CompensationApproved' AND a.occurred_at >= $1 AND a.occurred_at < $2 AND a.stream_id LIKE 'complaint-%'
      GROUP BY 1 ORDER BY 1`,
    [window.from, window.to],
  );
  return rows.map((row) => ({ currency: row.currency, minor: Number(row.minor) }));
}
