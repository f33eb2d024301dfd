/**
 * The read model equals the events, for every case: over HTTP, the case as the projection
 * serves it (`GET /v1/complaints/{id}`) must equal the case rebuilt from its events alone
 * (`GET /v1/complaints/{id}/replay`), field for field; and in the store, every projection
 * row with its list items and compensation rows must equal what the engine's own rebuild
 * writes from the events (libs/event-store rebuildCaseProjections in check mode, which
 * writes nothing).
 */
import canonicalize from 'canonicalize';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import { rebuildCaseProjections, type RebuildReport } from '../../../libs/event-store/src';
import type { ChaosHttp } from '../chaos-http';
import { AUDITOR, AUDITORS } from '../chaos-keys';
import { examples, n, type AuditLine } from './audit-line';

export interface CaseComparison {
  id: string;
  projection: unknown;
  replay: unknown;
}

/** Every case as the projection serves it, from the case list (`GET /v1/complaints`, pages of 200). */
async function listedCases(http: ChaosHttp): Promise<Map<string, unknown>> {
  const cases = new Map<string, unknown>();
  let cursor: string | null = null;
  do {
    const page = (await http.getOk(`/v1/complaints?limit=200${cursor ? `&cursor=${cursor}` : ''}`, AUDITOR)) as { items: { id: string }[]; nextCursor: string | null };
    for (const item of page.items) cases.set(item.id, item);
    cursor = page.nextCursor;
  } while (cursor);
  return cases;
}

/**
 * Each listed case next to its replay (auditor key, `concurrency` at a time); a pair that
 * differs is read again once, the case alone (an event may have landed between the two reads).
 */
export async function compareOverHttp(http: ChaosHttp, concurrency = 8): Promise<CaseComparison[]> {
  const listed = [...(await listedCases(http))];
  const out: CaseComparison[] = [];
  let next = 0;
  const lane = async (lane: number) => {
    const auditor = AUDITORS[lane % AUDITORS.length]; // the auditors share the reads: each key has its rate limit
    while (next < listed.length) {
      const [id, projection] = listed[next++];
      let compared: CaseComparison = { id, projection, replay: await http.getOk(`/v1/complaints/${id}/replay`, auditor) };
      if (!isDeepStrictEqual(compared.projection, compared.replay)) {
        const { possibleDuplicates: _, ...again } = (await http.getOk(`/v1/complaints/${id}`, auditor)) as Record<string, unknown>;
        compared = { id, projection: again, replay: await http.getOk(`/v1/complaints/${id}/replay`, auditor) };
      }
      out.push(compared);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => lane(index)));
  return out;
}

export function rebuildCheck(db: DataSource): Promise<RebuildReport> {
  return rebuildCaseProjections(db, { write: false });
}

/** The first differing top-level fields of two cases. */
function differingFields(a: unknown, b: unknown): string {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return `${String(canonicalize(a)).slice(0, 80)} vs ${String(canonicalize(b)).slice(0, 80)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => !isDeepStrictEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])).join(', ');
}

export function projectionLines(comparisons: readonly CaseComparison[], caseCount: number, rebuild: RebuildReport): AuditLine[] {
  const differing = comparisons.filter((c) => !isDeepStrictEqual(c.projection, c.replay));
  const same = comparisons.length - differing.length;
  return [
    {
      check: 'projection equal to replay (GET /v1/complaints vs …/{id}/replay)',
      count: `${n(same)}/${n(caseCount)} cases equal (${caseCount === 0 ? 0 : ((100 * same) / caseCount).toFixed(same === caseCount ? 0 : 2)}%)`,
      pass: same === caseCount && comparisons.length === caseCount,
      detail: examples(differing.map((c) => `case ${c.id}: ${differingFields(c.projection, c.replay)}`)),
    },
    {
      check: 'projection rows equal the rebuild from events (rebuild-projections --check)',
      count: `${n(rebuild.identical)}/${n(rebuild.cases)} cases identical`,
      pass: rebuild.identical === rebuild.cases && rebuild.differing.length === 0 && rebuild.cases === caseCount,
      detail: examples(rebuild.differing),
    },
  ];
}
