/**
 * The API process's figures for `GET /metrics`: HTTP latency by route and status, intake's
 * time to acknowledge, its event appends, and the store's figures an operator watches (open
 * cases by status, outbox backlog and its oldest row's age, promises broken, escalations by
 * reason). The store's figures are read when Prometheus scrapes, one snapshot per scrape
 * (shared by the gauges, kept a second against scrape bursts), so every API process reports
 * the same numbers and they agree with the store; when the store does not answer, they are
 * left out and `store_figures_up` says 0.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  escalationsByReason,
  openCasesByStatus,
  outboxBacklogByKind,
  promisesBroken,
  SEND_WEBHOOK,
  START_WORKFLOW,
  type OutboxBacklogByKind,
} from '../../../../libs/event-store/src';
import { EventAppendMetrics, processRegistry } from '../../../../libs/metrics/src';
import { withinProbeTimeout } from '../http/answer-deadline';

interface StoreFigures {
  openByStatus: { status: string; count: number }[];
  outbox: OutboxBacklogByKind;
  promisesBroken: number;
  escalationsByReason: { reason: string; count: number }[];
}

const SNAPSHOT_MS = 1_000;

@Injectable()
export class ApiMetrics {
  readonly registry: Registry = processRegistry('api');
  readonly appends = new EventAppendMetrics(this.registry);
  readonly httpRequests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, from arrival to the last byte sent',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly acknowledgments = new Histogram({
    name: 'complaint_acknowledgment_seconds',
    help: 'Intake: from the complaint reaching the intake service to its acknowledgment committed (new cases only)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private snapshot: { at: number; figures: Promise<StoreFigures> } | undefined;

  constructor(@Inject(DataSource) private readonly db: DataSource) {
    const figures = () => this.storeFigures();
    new Gauge({
      name: 'store_figures_up',
      help: '1 when the store answered this scrape’s figures (open cases, outbox, promises broken, escalations), 0 when it did not',
      registers: [this.registry],
      async collect() {
        this.set((await figures().then(() => 1, () => 0)));
      },
    });
    new Gauge({
      name: 'complaints_open',
      help: 'Open cases by status (the case projection)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const store = await figures().catch(() => undefined);
        this.reset();
        for (const { status, count } of store?.openByStatus ?? []) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'outbox_pending',
      help: 'Outbox rows not yet delivered, by kind (start-workflow: cases whose workflow has not started; send-webhook: webhooks not yet delivered)',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const store = await figures().catch(() => undefined);
        this.reset();
        if (store) for (const kind of [START_WORKFLOW, SEND_WEBHOOK]) this.set({ kind }, store.outbox.get(kind)?.pending ?? 0);
      },
    });
    new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest undelivered outbox row, by kind (0 when none is pending)',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const store = await figures().catch(() => undefined);
        this.reset();
        if (store) for (const kind of [START_WORKFLOW, SEND_WEBHOOK]) this.set({ kind }, (store.outbox.get(kind)?.oldestPendingAgeMs ?? 0) / 1000);
      },
    });
    new Counter({
      name: 'complaint_promises_broken_total',
      help: 'Promises to customers broken (PromiseBroken events in the store)',
      registers: [this.registry],
      async collect() {
        const store = await figures().catch(() => undefined);
        this.reset();
        if (store) this.inc(store.promisesBroken);
      },
    });
    new Counter({
      name: 'complaint_escalations_total',
      help: 'Escalations by reason (Escalated events in the store)',
      labelNames: ['reason'],
      registers: [this.registry],
      async collect() {
        const store = await figures().catch(() => undefined);
        this.reset();
        for (const { reason, count } of store?.escalationsByReason ?? []) this.inc({ reason }, count);
      },
    });
  }

  /** The store's figures of this scrape: one read shared by every gauge, reused for a second. */
  private storeFigures(): Promise<StoreFigures> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > SNAPSHOT_MS) {
      this.snapshot = { at: now, figures: this.readStoreFigures() };
    }
    return this.snapshot.figures;
  }

  private readStoreFigures(): Promise<StoreFigures> {
    return withinProbeTimeout(
      this.db.transaction('REPEATABLE READ', async (tx) => ({
        openByStatus: await openCasesByStatus(tx),
        outbox: await outboxBacklogByKind(tx),
        promisesBroken: await promisesBroken(tx),
        escalationsByReason: await escalationsByReason(tx),
      })),
      'PostgreSQL',
    );
  }
}
