/**
 * Intake, store-first: validate, decide with the pure domain code, and in ONE transaction
 * record the idempotency key, ComplaintReceived + ComplaintAcknowledged, the projection
 * row and the outbox row that starts the workflow. It never waits on Temporal, so intake
 * stays fast under bursts and keeps working while Temporal is down.
 */
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID, createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { DataSource, type EntityManager } from 'typeorm';
import { decideIntake, withHead, type ComplaintState } from '../../../../libs/domain/src';
import { decidedOn, findOpenCaseOf, readCaseState, recordComplaintEvents, START_WORKFLOW } from '../../../../libs/event-store/src';
import type { Principal } from '../auth/principal';
import { ACTIVE_POLICY, APP_CONFIG, CALLBACK_DESTINATIONS, type ActivePolicy, type AppConfig } from '../config/tokens';
import type { CallbackDestinationRule } from '../../../../libs/callbacks/src';
import { ProblemException } from '../problems/problem';
import type { CreateComplaintRequest } from './complaint-requests';
import { instantOf } from '../validation/wire-formats';

export interface IntakeOutcome {
  state: ComplaintState;
  /** true when the same key and body were seen before: the earlier case is returned */
  replayed: boolean;
}

/** What an Idempotency-Key may be: 1-255 printable ASCII characters (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function requestDigest(body: unknown): string {
  return createHash('sha256').update(canonicalize(body) ?? '', 'utf8').digest('hex');
}

@Injectable()
export class IntakeService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ACTIVE_POLICY) private readonly active: ActivePolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CALLBACK_DESTINATIONS) private readonly destinations: CallbackDestinationRule,
  ) {}

  static checkIdempotencyKey(key: string | undefined): string {
    if (!key) throw new ProblemException('idempotency-key-required', 'send an Idempotency-Key header (e.g. a UUID)');
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new ProblemException('validation', 'Idempotency-Key must be 1-255 printable ASCII characters', {
        errors: [{ path: 'header.Idempotency-Key', message: 'must be 1-255 printable ASCII characters' }],
      });
    }
    return key;
  }

  async accept(
    principal: Principal,
    idempotencyKey: string,
    rawBody: unknown,
    request: CreateComplaintRequest,
  ): Promise<IntakeOutcome> {
    const refusal = request.callbackUrl === undefined ? null : this.destinations.checkUrl(request.callbackUrl);
    if (refusal) {
      throw new ProblemException('rule-violation', `callbackUrl ${refusal}`, { errors: [{ path: 'callbackUrl', message: refusal }] });
    }
    const digest = requestDigest(rawBody);
    const complaintId = randomUUID();
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const claimed: unknown[] = await tx.query(
        `INSERT INTO idempotency_keys (principal, key, request_hash, complaint_id, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING complaint_id`,
        [principal.id, idempotencyKey, digest, complaintId, now],
      );
      if (claimed.length === 0) return this.replay(tx, principal, idempotencyKey, digest);

      const [{ seq }]: { seq: string }[] = await tx.query(`SELECT nextval('complaint_reference_seq') AS seq`);
      const possibleDuplicateOf = await findOpenCaseOf(tx, request.customer.id, request.category);
      const reference = `CR-${now.getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
      const events = decideIntake(
        {
          customer: {
            id: request.customer.id,
            name: request.customer.name ?? null,
            email: request.customer.email ?? null,
            phone: request.customer.phone ?? null,
            segment: request.customer.segment ?? null,
            language: request.customer.language ?? null,
          },
          channel: request.channel,
          category: request.category,
          summary: request.summary,
          description: request.description,
          severity: request.severity ?? null,
          desiredOutcome: request.desiredOutcome ?? null,
          receivedAt: request.receivedAt ? instantOf(request.receivedAt) : null,
          callbackUrl: request.callbackUrl ?? null,
        },
        {
          complaintId,
          reference,
          now,
          actor: { principal: principal.id, role: principal.role },
          policy: this.active.policy,
          calendar: this.active.calendar,
          eventIds: [randomUUID(), randomUUID()],
          possibleDuplicateOf,
        },
      );
      const { folded, ...action } = decidedOn(null, events);
      const recorded = await recordComplaintEvents(tx, {
        complaintId,
        ...action,
        recordedAt: now,
        outbox: [{ kind: START_WORKFLOW, topic: this.config.temporal.taskQueue, payload: { complaintId } }],
      });
      return { state: withHead(folded.state, recorded.events[recorded.events.length - 1].hash), replayed: false };
    });
  }

  private async replay(tx: EntityManager, principal: Principal, key: string, digest: string): Promise<IntakeOutcome> {
    const [earlier]: { request_hash: string; complaint_id: string }[] = await tx.query(
      'SELECT request_hash, complaint_id FROM idempotency_keys WHERE principal = $1 AND key = $2',
      [principal.id, key],
    );
    if (earlier.request_hash !== digest) {
      throw new ProblemException(
        'idempotency-key-reused',
        `Idempotency-Key "${key}" was used for a different request body; use a new key for a new complaint`,
        { complaintId: earlier.complaint_id },
      );
    }
    const state = await readCaseState(tx, earlier.complaint_id);
    if (!state) throw new Error(`idempotency key points at missing case ${earlier.complaint_id}`);
    return { state, replayed: true };
  }
}
