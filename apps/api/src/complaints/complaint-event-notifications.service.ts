/**
 * The API's one LISTEN connection on `complaint_events`, shared by every live follower of a
 * case: it connects when the first follower subscribes, wakes the followers of the stream a
 * notification names, reconnects with backoff after an error (and then wakes every
 * follower, since notifications sent while it was away are lost), and closes on shutdown.
 * The streams this process follows are listed in the store (`followStream`), since recording
 * events NOTIFYs only for followed streams; the list is refreshed every minute while anyone
 * follows, and emptied when the last follower of a stream leaves and at shutdown.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { requireConnections } from '../../../../libs/config/src';
import {
  COMPLAINT_EVENTS_CHANNEL,
  followStream,
  parseEventNotification,
  refreshFollowedStreams,
  unfollowAll,
  unfollowStream,
} from '../../../../libs/event-store/src';
import { APP_CONFIG, type AppConfig } from '../config/tokens';

/** Called when the stream may have new events (the follower reads them from the store). */
export type Wake = () => void;

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 30_000;
/** well within the two minutes after which the store stops counting an unrefreshed follower */
const REFRESH_FOLLOWS_MS = 60_000;

@Injectable()
export class ComplaintEventNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger(ComplaintEventNotifications.name);
  private readonly followers = new Map<string, Set<Wake>>();
  /** the store knows this process follows the stream (once that promise settles) */
  private readonly listed = new Map<string, Promise<void>>();
  /** this process, as the store's list of followed streams names it */
  private readonly followerId = randomUUID();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly databaseUrl: string;
  private client: PgClient | undefined;
  private listening: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
  ) {
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
      if (followers.size === 0 && this.followers.get(streamId) === followers) {
        this.followers.delete(streamId);
        this.listed.delete(streamId);
        unfollowStream(this.db.manager, streamId, this.followerId).catch((error: Error) =>
          this.logger.warn(`unfollowing ${streamId}: ${error.message} (it stops counting within two minutes)`),
        );
      }
    };
    try {
      await this.list(streamId);
      await this.listen();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Lists the stream as followed by this process (once, shared by its followers). */
  private list(streamId: string): Promise<void> {
    let listed = this.listed.get(streamId);
    if (!listed) {
      listed = followStream(this.db.manager, streamId, this.followerId);
      this.listed.set(streamId, listed);
      listed.catch(() => this.listed.get(streamId) === listed && this.listed.delete(streamId));
    }
    this.refreshTimer ??= setInterval(() => this.refresh(), REFRESH_FOLLOWS_MS).unref();
    return listed;
  }

  private refresh(): void {
    if (this.followers.size === 0) {
      clearInterval(this.refreshTimer);
      this.refreshTimer = undefined;
      return;
    }
    refreshFollowedStreams(this.db.manager, this.followerId).catch((error: Error) => this.logger.warn(`refreshing followed streams: ${error.message}`));
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
          // a restarted database has forgotten the (unlogged) list: say again what this process follows
          this.listed.clear();
          for (const streamId of this.followers.keys()) this.list(streamId).catch((error: Error) => this.logger.warn(`following ${streamId}: ${error.message}`));
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
    clearInterval(this.refreshTimer);
    if (this.listed.size > 0) await unfollowAll(this.db.manager, this.followerId).catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
