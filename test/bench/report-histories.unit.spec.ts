/**
 * The report benchmark's generated case histories: decided by the domain's deciders under the
 * default policy, the same for the same seed, spread over the months and groups the reports
 * cut by, with the lifecycles the reports count (promises kept and broken, compensation
 * approved and rejected, endings confirmed and unconfirmed, withdrawals, cases still open),
 * and chained as append_to_stream chains them. No timings.
 */
import path from 'node:path';
import { loadPolicyFile } from '../../libs/config/src';
import { calendarFor, foldEvents, type EventForFold } from '../../libs/domain/src';
import { chainEvent, GENESIS_HASH } from '../../libs/event-store/src';
import { chainedColumns } from '../../bench/scenarios/report-store';
import { generateCase, pick, seededRandom, type GeneratedCase } from '../../bench/support/report-histories';

const policy = loadPolicyFile(path.join(__dirname, '../../policies/default.yaml'));
const now = new Date('2026-12-02T06:00:00.000Z');
const options = { policy, calendar: calendarFor(policy.calendar), from: new Date('2026-01-01T00:00:00.000Z'), to: now, now };

function generate(count: number, seed: number): { cases: GeneratedCase[]; refused: number } {
  const random = seededRandom(seed);
  const refused = { count: 0 };
  return { cases: Array.from({ length: count }, (_, i) => generateCase(i + 1, random, options, refused)), refused: refused.count };
}

const { cases, refused } = generate(600, 7);
const events = cases.flatMap((c) => c.events);
const count = (type: string) => events.filter((e) => e.type === type).length;
const state = (c: GeneratedCase) => foldEvents(c.events.map((e) => ({ ...e, hash: 'x' }) as EventForFold));

it('draws from the shares it is given, the same for the same seed', () => {
  const random = seededRandom(1);
  const drawn = Array.from({ length: 20_000 }, () => pick(random, [['a', 3], ['b', 1]] as const));
  expect(drawn.filter((d) => d === 'a').length / drawn.length).toBeCloseTo(0.75, 1);
  expect(generate(5, 42).cases).toEqual(generate(5, 42).cases);
  expect(generate(5, 42).cases[0].complaintId).not.toEqual(generate(5, 43).cases[0].complaintId);
});

it('gives each case a history its own fold accepts, received within the months asked for, in order of time', () => {
  for (const generated of cases) {
    expect(generated.events[0].type).toBe('ComplaintReceived');
    const folded = state(generated);
    expect(folded.policyVersion).toBe(policy.version);
    expect(generated.open).toBe(folded.status !== 'closed');
    const times = generated.events.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThanOrEqual(options.from.getTime());
    expect(times[times.length - 1]).toBeLessThanOrEqual(now.getTime());
  }
  // over 20 events a case (2,000,000 for 100,000 cases), few refusals
  expect(events.length / cases.length).toBeGreaterThan(20);
  expect(refused / cases.length).toBeLessThan(0.5);
});

it('spreads the cases over the groups and months the reports cut by', () => {
  const folded = cases.map(state);
  const distinct = (values: unknown[]) => new Set(values).size;
  expect(distinct(folded.map((s) => s.category))).toBeGreaterThanOrEqual(5);
  expect(distinct(folded.map((s) => s.channel))).toBeGreaterThanOrEqual(5);
  expect(distinct(folded.map((s) => s.customer.segment))).toBeGreaterThanOrEqual(4);
  expect(distinct(folded.map((s) => s.customer.language))).toBeGreaterThanOrEqual(3);
  expect(distinct(cases.map((c) => c.events[0].occurredAt.slice(0, 7)))).toBeGreaterThanOrEqual(11);
});

it('lives the lifecycles the reports count', () => {
  for (const type of ['ResolutionPromised', 'PromiseKept', 'PromiseBroken', 'PromiseRevised', 'CustomerContacted', 'CompensationApproved', 'CompensationRejected', 'ResolutionIssued', 'SatisfactionConfirmed', 'SatisfactionDeclined', 'ComplaintClosed', 'ComplaintReopened', 'ComplaintWithdrawn']) {
    expect([type, count(type)]).toEqual([type, expect.any(Number)]);
    expect([type, count(type) > 0]).toEqual([type, true]);
  }
  const open = cases.filter((c) => c.open).length;
  expect(open).toBeGreaterThan(0);
  expect(open).toBeLessThan(cases.length * 0.2);
  expect(count('CorrespondenceRejected')).toBe(0);
});

it('chains each stream as append_to_stream does: from the genesis hash, each text naming the one before', () => {
  const { heads, rows } = chainedColumns(cases.slice(0, 3));
  let previous = GENESIS_HASH;
  for (let i = 0; i < rows.ids.length; i++) {
    if (rows.positions[i] === 1) previous = GENESIS_HASH;
    expect(rows.previous[i]).toBe(previous);
    const again = chainEvent({
      streamId: rows.streamIds[i],
      position: rows.positions[i],
      id: rows.ids[i],
      type: rows.types[i],
      schemaVersion: rows.versions[i],
      data: JSON.parse(rows.data[i]),
      actor: JSON.parse(rows.actors[i]),
      occurredAt: rows.occurredAt[i],
      recordedAt: rows.occurredAt[i],
      previousHash: previous,
    });
    expect(again.hash).toBe(rows.hashes[i]);
    previous = rows.hashes[i];
  }
  expect(heads.versions).toEqual(cases.slice(0, 3).map((c) => c.events.length));
});
