/**
 * How long appends to the event store take and how many events they record, by writer:
 * `intake` (the API's one-statement acknowledgment) and `workflow` (the append activity a
 * case's workflow calls). One definition for both processes, so a dashboard sums them.
 */
import { Counter, Histogram, type Registry } from 'prom-client';

export type EventWriter = 'intake' | 'workflow';

/** From 1 ms to 5 s: an append is one statement; seconds mean a database in trouble. */
const APPEND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class EventAppendMetrics {
  private readonly seconds: Histogram<'writer' | 'result'>;
  private readonly events: Counter<'writer'>;

  constructor(registry: Registry) {
    this.seconds = new Histogram({
      name: 'event_append_seconds',
      help: 'Time to append one action’s events (with projection and outbox rows) in one statement, by writer and result',
      labelNames: ['writer', 'result'],
      buckets: APPEND_BUCKETS,
      registers: [registry],
    });
    this.events = new Counter({
      name: 'events_appended_total',
      help: 'Events recorded in the event store by this process, by writer',
      labelNames: ['writer'],
      registers: [registry],
    });
  }

  /** Time an append; `recorded` tells how many events its result recorded (0: none, e.g. a replayed key). */
  async time<T>(writer: EventWriter, append: () => Promise<T>, recorded: (result: T) => number): Promise<T> {
    const end = this.seconds.startTimer({ writer });
    try {
      const result = await append();
      end({ result: 'ok' });
      this.events.inc({ writer }, recorded(result));
      return result;
    } catch (error) {
      end({ result: 'error' });
      throw error;
    }
  }
}
