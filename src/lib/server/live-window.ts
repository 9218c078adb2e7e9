import type { Bucket, BucketUpsert, SeriesKey } from '../../../schemas/live.ts';

const sameBucket = (a: Bucket, b: Bucket) => a.n === b.n && a.neg === b.neg && a.pos === b.pos && Math.abs(a.sentimentSum - b.sentimentSum) < 1e-6;

/**
 * The web node's picture of the last `windowMinutes` minutes, per series and minute. ClickHouse is the
 * truth; each refresh merges fresh bucket values in and reports only the buckets whose value changed,
 * which is exactly what clients need to replace.
 */
export class LiveWindow {
  private series = new Map<SeriesKey, Map<number, Bucket>>();

  constructor(readonly windowMinutes: number) {}

  merge(entries: { key: SeriesKey; bucket: Bucket }[], nowMs: number): BucketUpsert[] {
    const oldest = this.oldestMinute(nowMs);
    const changed: BucketUpsert[] = [];
    for (const { key, bucket } of entries) {
      if (bucket.minute < oldest) continue;
      let minutes = this.series.get(key);
      if (!minutes) this.series.set(key, (minutes = new Map()));
      const before = minutes.get(bucket.minute);
      if (before && sameBucket(before, bucket)) continue;
      minutes.set(bucket.minute, bucket);
      changed.push({ key, bucket });
    }
    this.prune(oldest);
    return changed;
  }

  snapshot(nowMs: number): Record<SeriesKey, Bucket[]> {
    this.prune(this.oldestMinute(nowMs));
    const out: Record<SeriesKey, Bucket[]> = {};
    for (const [key, minutes] of this.series) out[key] = [...minutes.values()].sort((a, b) => a.minute - b.minute);
    return out;
  }

  private oldestMinute(nowMs: number): number {
    return Math.floor(nowMs / 60_000) * 60_000 - (this.windowMinutes - 1) * 60_000;
  }

  private prune(oldest: number): void {
    for (const [key, minutes] of this.series) {
      for (const m of minutes.keys()) if (m < oldest) minutes.delete(m);
      if (minutes.size === 0) this.series.delete(key);
    }
  }
}
