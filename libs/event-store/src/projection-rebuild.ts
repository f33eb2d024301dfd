/**
 * Rebuilds case projection rows from events alone: each case's events folded with the
 * domain reducer and written as the append path writes them, then compared column by
 * column (`to_jsonb` of the whole row, its list items and compensation rows) with what was
 * stored. One short transaction
 * per case, holding the stream's lock (the one appends take), so a rebuild never
 * overwrites a row with a state older than a concurrent append. In check mode every
 * rewrite is rolled back: nothing changes, the report says which rows would.
 */
import type { DataSource } from 'typeorm';
import { foldEvents } from '../../domain/src';
import { writeCaseProjection } from './case-projection';
import { COMPLAINT_STREAM_TYPE } from './complaint-stream';
import { toRecordedEvent } from './recorded-event';
import { readStream } from './read-stream';

export interface RebuildReport {
  cases: number;
  identical: number;
  /** streams whose stored row differed from (or was missing beside) the rebuilt one */
  differing: string[];
  /** whether the rebuilt rows were written (false in check mode) */
  written: boolean;
}

class CheckOnly extends Error {}

export async function rebuildCaseProjections(db: DataSource, options: { write: boolean }): Promise<RebuildReport> {
  const streams: { stream_id: string }[] = await db.query(
    'SELECT stream_id FROM streams WHERE stream_type = $1 ORDER BY created_at, stream_id',
    [COMPLAINT_STREAM_TYPE],
  );
  const report: RebuildReport = { cases: 0, identical: 0, differing: [], written: options.write };
  for (const { stream_id: streamId } of streams) {
    let same = false;
    try {
      await db.transaction(async (tx) => {
        await tx.query('SELECT version FROM streams WHERE stream_id = $1 FOR UPDATE', [streamId]);
        const events = await readStream(tx, streamId);
        if (events.length === 0) return;
        const state = foldEvents(events.map(toRecordedEvent));
        const rowOf = async () =>
          (
            (await tx.query(
              `SELECT to_jsonb(c) AS row,
                      (SELECT jsonb_agg(to_jsonb(i) ORDER BY i.list, i.position) FROM complaint_case_items i WHERE i.complaint_id = c.id) AS items,
                      (SELECT jsonb_agg(to_jsonb(p) ORDER BY p.proposal_id) FROM compensation_proposals p WHERE p.complaint_id = c.id) AS compensation
                 FROM complaint_cases c WHERE c.id = $1`,
              [state.id],
            )) as { row: unknown }[]
          )[0];
        const before = await rowOf();
        await tx.query('DELETE FROM compensation_proposals WHERE complaint_id = $1', [state.id]);
        await tx.query('DELETE FROM complaint_cases WHERE id = $1', [state.id]);
        await writeCaseProjection(tx, streamId, state);
        const after = await rowOf();
        same = before !== undefined && JSON.stringify(before) === JSON.stringify(after);
        report.cases += 1;
        if (!options.write) throw new CheckOnly();
      });
    } catch (error) {
      if (!(error instanceof CheckOnly)) throw error;
    }
    if (same) report.identical += 1;
    else if (report.cases > 0) report.differing.push(streamId);
  }
  return report;
}
