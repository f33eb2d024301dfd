/** Errors of the event store, each with a stable code for the transports to map. */
export type EventStoreErrorCode = 'wrong-expected-version' | 'event-id-reused';

export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EventStoreError';
  }
}

/** A stale expected version: somebody else appended first. Callers may re-read and retry. */
export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super('wrong-expected-version', `stream ${streamId}: expected version ${expectedVersion}, actual ${actualVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/** The same event id was appended before with different content. Never retried. */
export class EventIdConflictError extends EventStoreError {
  constructor(readonly eventId: string) {
    super('event-id-reused', `event ${eventId} was already recorded with different content`);
    this.name = 'EventIdConflictError';
  }
}
