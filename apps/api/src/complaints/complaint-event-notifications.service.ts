/**
 * The API's one LISTEN connection on `complaint_events`, shared by every live follower of a
 * case: it connects when the first follower subscribes, wakes the followers of the stream a
 * notification names, reconnects with backoff after an error (and then wakes every
 * follower, since notifications sent while it was away are lost), and closes on shutdown.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { requireConnections } from '../../../../libs/config/src';
import { COMPLAINT_EVENTS_CHANNEL, parseEventNotification } from '../../../../libs/event-store/src';
import { APP_CONFIG, type AppConfig } from '../config/tokens';

/** Called when the stream may have new events (the follower reads them from the store). */
export type Wake = () => void;

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 30_000;

@Injectable()
export class ComplaintEventNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger(ComplaintEventNotifications.name);
  private readonly followers = new Map<string, Set<Wake>>();
  private readonly databaseUrl: string;
  private client: PgClient | undefined;
  private listening: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.databaseUrl = requireConnections(config).databaseUrl;
  }

  /**
   * Follow a stream: `wake` runs after every committed transaction that recorded events of
   * it. Resolves once the LISTEN is in place (so a read made after it misses nothing), with
   * the function that stops following.
   */
  async subscribe(streamId: string, wake: Wake): Promise<() => void> {
    const followers = this.followers.get(streamId) ?? new Set<Wake>();
    this.followers.set(streamId, followers.add(wake));
    const unsubscribe = () => {
      followers.delete(wake);
      if (followers.size === 0 && this.followers.get(streamId) === followers) this.followers.delete(streamId);
    };
    try {
      await this.listen();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** How many followers are subscribed now, over all streams. */
  subscriberCount(): number {
    let count = 0;
    for (const followers of this.followers.values()) count += followers.size;
    return count;
  }

  private listen(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the API is shutting down'));
    this.listening ??= this.connect().catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }

  private async connect(): Promise<void> {
    const client = new PgClient({ connectionString: this.databaseUrl, application_name: 'complaints-api-listen' });
    this.client = client;
    client.on('notification', (message) => {
      const notification = parseEventNotification(message.payload);
      if (notification) this.wake(this.followers.get(notification.streamId));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${COMPLAINT_EVENTS_CHANNEL}`);
    } catch (error) {
      if (this.client === client) this.client = undefined;
      await client.end().catch(() => undefined);
      throw error;
    }
    this.failures = 0;
  }

  /** The LISTEN connection failed: reconnect with backoff while anyone follows. */
  private lost(client: PgClient, error: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.listening = undefined;
    client.end().catch(() => undefined);
    this.logger.warn(`LISTEN ${COMPLAINT_EVENTS_CHANNEL} connection lost: ${error.message}`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.followers.size === 0) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** Math.min(this.failures, 10));
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.listen().then(
        () => {
          // whatever was recorded while the connection was down was not announced
          for (const followers of this.followers.values()) this.wake(followers);
        },
        (error: Error) => {
          this.logger.warn(`LISTEN ${COMPLAINT_EVENTS_CHANNEL}: reconnecting failed (${error.message}); retrying`);
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private wake(followers: Set<Wake> | undefined): void {
    for (const wake of [...(followers ?? [])]) wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
