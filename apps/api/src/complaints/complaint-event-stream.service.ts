/**
 * One case's events as server-sent events (text/event-stream), live: each event recorded
 * after the follower's position is one message, `id: <stream position>`, `event:
 * complaint-event`, `data: <the event as /events shows it>`. The stream resumes after a
 * position (Last-Event-ID or ?after=); without one it starts at the case's current version
 * (only new events). Woken by the LISTEN connection, each response reads the events after
 * the last position it sent from the store, so a notification lost or merged loses nothing.
 * A comment line every 15 s keeps proxies from closing an idle stream (and reads the store too).
 */
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { complaintStreamId, loadComplaintEvents, readCaseSummary } from '../../../../libs/event-store/src';
import { toEventView } from './case-view';
import { ComplaintEventNotifications } from './complaint-event-notifications.service';

export const HEARTBEAT_MS = 15_000;
export const COMPLAINT_EVENT_MESSAGE = 'complaint-event';

@Injectable()
export class ComplaintEventStreams implements OnModuleDestroy {
  private readonly logger = new Logger(ComplaintEventStreams.name);
  /** the open streams, each by the function that ends it */
  private readonly open = new Set<() => void>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ComplaintEventNotifications) private readonly notifications: ComplaintEventNotifications,
  ) {}

  /**
   * Stream the events of a case (which exists and the caller may read) after `after`, or
   * from now when it is null, until the client goes away or the API shuts down.
   */
  async follow(complaintId: string, after: number | null, response: Response): Promise<void> {
    let sentThrough = after ?? 0;
    let ended = false;
    let reading = false;
    let readAgain = false;

    const write = (text: string) => {
      if (!ended) response.write(text);
    };
    const pump = async (): Promise<void> => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      try {
        do {
          readAgain = false;
          for (const event of await loadComplaintEvents(this.db.manager, complaintId, sentThrough)) {
            write(`id: ${event.position}\nevent: ${COMPLAINT_EVENT_MESSAGE}\ndata: ${JSON.stringify(toEventView(event))}\n\n`);
            sentThrough = event.position;
          }
        } while (readAgain && !ended);
      } catch (error) {
        // the client reconnects with Last-Event-ID and resumes where this one stopped
        this.logger.warn(`event stream of ${complaintId}: ${(error as Error).message}; closing it`);
        end();
      } finally {
        reading = false;
      }
    };

    let started = false;
    const unsubscribe = await this.notifications.subscribe(complaintStreamId(complaintId), () => {
      if (started) void pump();
    });
    try {
      // subscribed first, then read: nothing recorded in between is missed
      if (after === null) sentThrough = (await readCaseSummary(this.db.manager, complaintId))?.version ?? 0;
    } catch (error) {
      unsubscribe();
      throw error;
    }
    if (response.destroyed || !response.socket || response.socket.destroyed) {
      unsubscribe(); // the client left while we got ready
      return;
    }
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('X-Accel-Buffering', 'no');
    response.setHeader('Connection', 'keep-alive');
    response.flushHeaders();
    write(`: following ${complaintId} after position ${sentThrough}\n\n`);
    // the keep-alive also reads the store: an event committed in the instant this process was
    // becoming a listed follower was not announced, and shows at the latest here
    const heartbeat = setInterval(() => {
      write(': keep-alive\n\n');
      void pump();
    }, HEARTBEAT_MS);
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(end);
      response.end();
    };
    this.open.add(end);
    response.on('close', end);

    started = true;
    await pump();
  }

  /** How many streams are open now. */
  openStreams(): number {
    return this.open.size;
  }

  /** End every open stream, so the HTTP server can close. */
  onModuleDestroy(): void {
    for (const end of [...this.open]) end();
  }
}
