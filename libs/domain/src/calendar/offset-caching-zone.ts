/**
 * An IANA time zone whose UTC offsets are remembered by the hour. luxon asks the zone for
 * its offset at every DateTime it makes, and an IANA zone answers by formatting the instant
 * with Intl (tens of microseconds each); deadlines on a business calendar make dozens of
 * DateTimes, so on intake that formatting was a tenth of the API's CPU.
 *
 * An hour whose first and last millisecond have the same offset has it throughout: no zone
 * changes its offset twice within an hour. An hour with a change in it (at a half-hour of
 * UTC, as Lord Howe Island's) is never remembered: its instants are asked of Intl each time.
 */
import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

const HOUR_MS = 3_600_000;
/** Hours remembered per zone before the memory starts afresh (about eleven years of hours). */
const MAX_HOURS = 100_000;

export class OffsetCachingZone extends Zone {
  private readonly zone: IANAZone;
  /** hour (ms since the epoch / HOUR_MS) → the offset in minutes throughout it */
  private readonly hours = new Map<number, number>();

  constructor(name: string) {
    super();
    this.zone = IANAZone.create(name);
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.zone.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): boolean {
    return this.zone.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.zone.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.zone.formatOffset(ts, format);
  }

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    const known = this.hours.get(hour);
    if (known !== undefined) return known;
    const first = this.zone.offset(hour * HOUR_MS);
    if (first !== this.zone.offset(hour * HOUR_MS + HOUR_MS - 1)) return this.zone.offset(ts);
    if (this.hours.size >= MAX_HOURS) this.hours.clear();
    this.hours.set(hour, first);
    return first;
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}
