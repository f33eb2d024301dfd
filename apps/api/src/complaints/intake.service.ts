/**
 * Intake, store-first: validate, read the next reference number and any open case of the
 * customer (one round trip), decide with the pure domain code, and in ONE statement (so one
 * transaction) claim the idempotency key and record ComplaintReceived +
 * ComplaintAcknowledged, the projection and the outbox row that starts the workflow. It
 * never waits on Temporal, so intake stays fast under bursts and keeps working while
 * Temporal is down.
 */
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID, createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { DataSource } from 'typeorm';
import { decideIntake, withHead, type ComplaintState } from '../../../../libs/domain/src';
import { decidedOn, readCaseState, readIntakeContext, recordComplaintIntake, START_WORKFLOW } from '../../../../libs/event-store/src';
import type { Principal } from '../auth/principal';
import { ACTIVE_POLICY, APP_CONFIG, CALLBACK_DESTINATIONS, type ActivePolicy, type AppConfig } from '../config/tokens';
import type { CallbackDestinationRule } from '../../../../libs/callbacks/src';
import { currentRequestId } from '../../../../libs/observability/src';
import { ApiMetrics } from '../metrics/api-metrics';
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

/**
 * The same rule as the OpenAPI document states it: the length apart from the pattern, which
 * generators of test data (schemathesis) can satisfy quickly, unlike a bounded repetition.
 */
export const IDEMPOTENCY_KEY_SCHEMA = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' } as const;

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
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
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
    const acknowledged = this.metrics.acknowledgments.startTimer();
    const refusal = request.callbackUrl === undefined ? null : this.destinations.checkUrl(request.callbackUrl);
    if (refusal) {
      throw new ProblemException('rule-violation', `callbackUrl ${refusal}`, { errors: [{ path: 'callbackUrl', message: refusal }] });
    }
    const digest = requestDigest(rawBody);
    const complaintId = randomUUID();
    const db = this.db.manager;
    // a sequence number is never given back: a replayed key leaves a gap, as a rollback would
    const context = await readIntakeContext(db, request.customer.id, request.category);
    const now = new Date();
    const reference = `CR-${now.getUTCFullYear()}-${context.referenceNumber.padStart(6, '0')}`;
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
        possibleDuplicateOf: context.openCaseOfCustomer,
      },
    );
    const { folded, ...action } = decidedOn(null, events);
    const recorded = await this.metrics.appends.time(
      'intake',
      () =>
        recordComplaintIntake(
          db,
          { principal: principal.id, key: idempotencyKey, requestHash: digest },
          {
            complaintId,
            ...action,
            recordedAt: now,
            // the relay starts the workflow as part of this request (its id in the start's header and memo)
            outbox: [{ kind: START_WORKFLOW, topic: this.config.temporal.taskQueue, payload: { complaintId, requestId: currentRequestId() } }],
          },
        ),
      (result) => (result.outcome === 'key-taken' ? 0 : result.events.length),
    );
    if (recorded.outcome === 'key-taken') return this.replay(idempotencyKey, digest, recorded.earlier);
    acknowledged();
    return { state: withHead(folded.state, recorded.events[recorded.events.length - 1].hash), replayed: false };
  }

  private async replay(key: string, digest: string, earlier: { complaintId: string; requestHash: string }): Promise<IntakeOutcome> {
    if (earlier.requestHash !== digest) {
      throw new ProblemException(
        'idempotency-key-reused',
        `Idempotency-Key "${key}" was used for a different request body; use a new key for a new complaint`,
        { complaintId: earlier.complaintId },
      );
    }
    const state = await readCaseState(this.db.manager, earlier.complaintId);
    if (!state) throw new Error(`idempotency key points at missing case ${earlier.complaintId}`);
    return { state, replayed: true };
  }
}
