import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import { applyUpdate, fromSnapshot, minuteOf, type LiveData } from './store.ts';
import { ALL, denseMinutes, meanSentiment, negativeShare, rankDimension, rateNow, recent, usualRatio, windowTotal } from './metrics.ts';
import { wallStatus } from './status.ts';

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How many minutes the big numbers and rankings look back; the trend shows the whole window. */
export const SHARE_MINUTES = 5;
export const RANK_MINUTES = 15;
export const TREND_MINUTES = 60;
export const TOP_TOPICS = 8;
export const TOP_SLICES = 4;
// The server drops a socket it closed itself from the Manager's retry loop; an unattended wall must not give up.
const SERVER_CLOSE_RETRY_MS = 2_000;

const connectDefault = (): WallSocket => io({ transports: ['websocket', 'polling'] });

/**
 * The wall's live picture. Everything shown is derived from four facts: the data, whether the socket is
 * up, when the last message came, and the clock. Time is kept in SERVER time (client clock + offset
 * measured at each message) so a screen with a wrong clock neither looks stale nor shifts the minutes.
 */
export class LiveWall {
  data = $state.raw<LiveData | null>(null);
  connected = $state(false);
  /** the Manager's reconnect attempt, 0 while connected */
  attempt = $state(0);
  lastMessageAt = $state<number | null>(null);
  clockOffset = $state(0);
  /** client clock, ticked every second so ages and the current minute move without new data */
  now = $state(Date.now());

  serverNow = $derived(this.now + this.clockOffset);
  currentMinute = $derived(minuteOf(this.serverNow));
  status = $derived(
    wallStatus({
      connected: this.connected,
      data: this.data,
      lastMessageAt: this.lastMessageAt,
      now: this.now,
      clockOffset: this.clockOffset
    })
  );

  rate = $derived(this.data ? rateNow(this.data, this.serverNow) : null);
  usual = $derived(this.data?.usualPerMinute ?? null);
  ratio = $derived(this.rate === null ? null : usualRatio(this.rate, this.usual));
  total = $derived(this.data ? windowTotal(this.data, this.serverNow) : null);
  recentAll = $derived(this.data ? recent(this.data, ALL, this.serverNow, SHARE_MINUTES) : null);
  negShare = $derived(this.recentAll ? negativeShare(this.recentAll) : null);
  mean = $derived(this.recentAll ? meanSentiment(this.recentAll) : null);
  topics = $derived(this.data ? rankDimension(this.data, 'topic', this.serverNow, RANK_MINUTES, TOP_TOPICS) : []);
  channels = $derived(this.data ? rankDimension(this.data, 'channel', this.serverNow, RANK_MINUTES, TOP_SLICES) : []);
  /** the total per minute over the trend window, zero-filled, oldest first */
  trend = $derived(denseMinutes(this.data?.series[ALL], this.currentMinute, TREND_MINUTES));
  regions = $derived(this.data ? rankDimension(this.data, 'region', this.serverNow, RANK_MINUTES, TOP_SLICES) : []);

  #connect: () => WallSocket;

  constructor(connect: () => WallSocket = connectDefault) {
    this.#connect = connect;
  }

  /** Messages per minute of one series over the trend window, for a sparkline. */
  spark(key: string): number[] {
    return denseMinutes(this.data?.series[key], this.currentMinute, TREND_MINUTES).map((b) => b.n);
  }

  /** Opens the socket and starts the clock; returns the function that undoes both. */
  start(): () => void {
    const socket = this.#connect();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const tick = setInterval(() => (this.now = Date.now()), 1000);

    socket.on('connect', () => {
      this.connected = true;
      this.attempt = 0;
    });
    socket.on('disconnect', (reason) => {
      this.connected = false;
      if (reason === 'io server disconnect') retry = setTimeout(() => socket.connect(), SERVER_CLOSE_RETRY_MS);
    });
    socket.io.on('reconnect_attempt', (attempt) => (this.attempt = attempt));
    socket.on('live:snapshot:v1', (snapshot) => {
      this.#received(snapshot.serverTime);
      // A (re)connect snapshot is the whole truth: replace, never merge, so nothing is counted twice.
      this.data = fromSnapshot(snapshot);
    });
    socket.on('live:update:v1', (update) => {
      // Updates patch a snapshot; one that overtakes its snapshot has nothing to patch yet.
      if (!this.data) return;
      this.#received(update.serverTime);
      this.data = applyUpdate(this.data, update);
    });

    return () => {
      clearInterval(tick);
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    };
  }

  #received(serverTime: number): void {
    const at = Date.now();
    this.now = at;
    this.lastMessageAt = at;
    this.clockOffset = serverTime - at;
  }
}
