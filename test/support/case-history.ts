/**
 * Case histories decided by the domain's own deciders, on a policy's clock that the test
 * moves (the seconds-scale test policy by default), and written to a store as the engine
 * writes them: for read models whose right answers a test knows by construction (so many
 * promises broken, so much compensation approved).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  calendarFor,
  decideCompensationDecision,
  decideIntake,
  decideProposeCompensation,
  decideRecordContact,
  decideResolution,
  decideRevisePromise,
  decideSatisfaction,
  decideTimer,
  decideWithdrawal,
  foldEvents,
  nextTimer,
  type BusinessCalendar,
  type Channel,
  type ComplaintState,
  type DecisionContext,
  type EventForFold,
  type NewEvent,
  type Policy,
  CURRENT_SCHEMA_VERSION,
} from '../../libs/domain/src';
import { appendToStream, complaintStreamId } from '../../libs/event-store/src';
import { loadPolicy } from './complaint-fixtures';

const AGENT = { principal: 'alice', role: 'agent' };
const DESK = { principal: 'desk-1', role: 'intake' };
const MANAGER = { principal: 'maria', role: 'manager' };
export const GOOD_RESPONSE =
  'Szanowna Pani, zwróciliśmy nadpłatę w wysokości 45,00 EUR na Pani kartę. ' +
  'Jeśli ta odpowiedź Pani nie satysfakcjonuje, może Pani zwrócić się do Rzecznika Finansowego (ombudsman).';

export interface CaseSetup {
  category?: string;
  /** default `retail`; null: none */
  segment?: string | null;
  /** default `pl`; null: none */
  language?: string | null;
  channel?: Channel;
  receivedAt: Date;
  /** the policy the case is decided under, on its own calendar (default: the seconds-scale test policy) */
  policy?: Policy;
}

let references = 0;

export class CaseHistory {
  readonly complaintId = randomUUID();
  readonly events: (NewEvent & { hash: string })[] = [];
  private readonly policy: Policy;
  private readonly calendar: BusinessCalendar;
  now: Date;

  constructor(setup: CaseSetup) {
    const loaded = loadPolicy('test-fast.yaml');
    this.policy = setup.policy ?? loaded.policy;
    this.calendar = setup.policy ? calendarFor(setup.policy.calendar) : loaded.calendar;
    this.now = setup.receivedAt;
    const intake = decideIntake(
      {
        customer: { id: `cust-${this.complaintId}`, name: 'Katarzyna Wiśniewska', email: null, phone: null, segment: setup.segment === undefined ? 'retail' : setup.segment, language: setup.language === undefined ? 'pl' : setup.language },
        channel: setup.channel ?? 'phone',
        category: setup.category ?? 'billing',
        summary: 'Podwójne obciążenie karty za fakturę 2026/114',
        description: 'Moja karta została obciążona dwukrotnie kwotą 45,00 EUR.',
        severity: null,
        desiredOutcome: null,
        receivedAt: null,
        callbackUrl: null,
      },
      {
        complaintId: this.complaintId,
        reference: `CR-2026-${String(++references).padStart(6, '0')}`,
        now: this.now,
        actor: DESK,
        policy: this.policy,
        calendar: this.calendar,
        eventIds: [randomUUID(), randomUUID()],
      },
    );
    this.add(intake);
  }

  get state(): ComplaintState {
    return foldEvents(this.events as EventForFold[]);
  }

  private context(actor = AGENT): DecisionContext {
    return { actor, now: this.now, newId: randomUUID, policy: this.policy, calendar: this.calendar };
  }

  private add(events: readonly NewEvent[]): this {
    this.events.push(...events.map((event) => ({ ...event, hash: 'unhashed' })));
    return this;
  }

  /** Move the clock on by `seconds`, acting on every deadline that passes meanwhile. */
  wait(seconds: number): this {
    const until = this.now.getTime() + seconds * 1000;
    for (;;) {
      const timer = nextTimer(this.state, this.policy, this.calendar);
      if (!timer || timer.at.getTime() > until) break;
      this.now = timer.at;
      this.add(decideTimer(this.state, timer, this.context({ principal: 'system', role: 'system' })));
    }
    this.now = new Date(until);
    return this;
  }

  /** Move the clock on to `at` (see `wait`). */
  waitUntil(at: Date): this {
    return this.wait((at.getTime() - this.now.getTime()) / 1000);
  }

  /** events of this history already in the store */
  written = 0;

  /** Append the next unwritten event to the store; false when all are written. */
  async writeNext(db: EntityManager): Promise<boolean> {
    const event = this.events[this.written];
    if (!event) return false;
    await appendToStream(db, {
      streamId: complaintStreamId(this.complaintId),
      streamType: 'complaint',
      expectedVersion: this.written,
      events: [{ id: event.id, type: event.type, schemaVersion: CURRENT_SCHEMA_VERSION[event.type], data: event.data, actor: event.actor, occurredAt: event.occurredAt }],
      recordedAt: new Date(event.occurredAt),
    });
    this.written += 1;
    return true;
  }

  contact(): this {
    return this.add(decideRecordContact(this.state, { kind: 'call', summary: 'Rozmowa telefoniczna z klientką' }, this.context()));
  }

  revisePromise(bySeconds: number): this {
    return this.add(decideRevisePromise(this.state, { resolveBy: new Date(this.now.getTime() + bySeconds * 1000), reason: 'czekamy na bank' }, this.context()));
  }

  compensate(minor: number, currency = 'EUR', type: 'refund' | 'credit' | 'goodwill' = 'refund'): this {
    return this.add(decideProposeCompensation(this.state, { type, amount: { minor, currency }, rationale: 'Zwrot podwójnie pobranej opłaty' }, this.context()));
  }

  /** A manager approves the last proposal waiting for a decision. */
  approveCompensation(): this {
    const proposal = this.state.compensation.findLast((p) => p.status === 'pending_approval');
    if (!proposal) throw new Error('no proposal waits for a decision');
    return this.add(decideCompensationDecision(this.state, { proposalId: proposal.proposalId, decision: 'approve', reason: 'Zasadne' }, this.context(MANAGER)));
  }

  resolve(outcome: 'upheld' | 'partially_upheld' | 'rejected' = 'upheld', rootCause?: string): this {
    return this.add(decideResolution(this.state, { outcome, summary: 'Zwrot na kartę', responseText: GOOD_RESPONSE, rootCause }, this.context()));
  }

  answer(satisfied: boolean): this {
    return this.add(decideSatisfaction(this.state, { satisfied }, this.context(DESK)));
  }

  withdraw(): this {
    return this.add(decideWithdrawal(this.state, { reason: 'Sprawa wyjaśniona w banku' }, this.context(DESK)));
  }
}

/**
 * Write the histories' events to the store as the engine records them, one event per append,
 * taking the cases in `order` (indexes into `histories`: each turn writes that case's next
 * unwritten event; a case with none left is skipped), then, unless `only`, all that is left.
 */
export async function writeHistories(db: EntityManager, histories: readonly CaseHistory[], order: readonly number[] = [], only = false): Promise<void> {
  for (const index of order) await histories[index].writeNext(db);
  if (!only) for (const history of histories) while (await history.writeNext(db));
}
