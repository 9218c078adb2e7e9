import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../schemas/events.ts';
import { applyUpdate, fromSnapshot, MINUTE, minuteOf, type LiveData } from './store.ts';
import { ALL, denseMinutes, meanSentiment, negativeShare, rankDimension, rateNow, recent, usualRatio, windowTotal } from './metrics.ts';
import { wallStatus } from './status.ts';
import { wireSocket } from './socket.ts';

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How many minutes the big numbers and rankings look back; the trend shows the whole window. */
export const SHARE_MINUTES = 5;
export const RANK_MINUTES = 15;
export const TREND_MINUTES = 60;
export const TOP_TOPICS = 8;
export const TOP_SLICES = 4;

/** A wall screen signs in with the token in its URL (`/wall?token=…`); a signed-in person uses the cookie. */
const wallAuth = (): { token: string } | undefined => {
  const token = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('token');
  return token ? { token } : undefined;
};

export const connectWallSocket = (): WallSocket => io({ transports: ['websocket', 'polling'], auth: wallAuth() });

/**
 * The wall's live picture. Everything shown derives from the data, whether the socket is up, when the
 * last message came, and the clock. Time is kept in SERVER time (client clock + offset
 * measured at each message) so a screen with a wrong clock neither looks stale nor shifts the minutes.
 */
export class LiveWall {
  data = $state.raw<LiveData | null>(null);
  connected = $state(false);
  /** the Manager's reconnect attempt, 0 while connected */
  attempt = $state(0);
  lastMessageAt = $state<number | null>(null);
  clockOffset = $state(0);
  /** the server refused this screen's token or session: no retry can help, a person must act */
  denied = $state(false);
  /** client clock, ticked every second so ages and the current minute move without new data */
  now = $state(Date.now());

  serverNow = $derived(this.now + this.clockOffset);
  /**
   * Numbers are computed as of the data's own server time, not the ticking clock: while the feed is
   * down the wall keeps showing the last known picture (flagged by the badge) instead of sliding
   * towards zero as empty minutes pass.
   */
  asOf = $derived(this.data?.serverTime ?? this.serverNow);
  status = $derived(
    wallStatus({
      connected: this.connected,
      data: this.data,
      lastMessageAt: this.lastMessageAt,
      now: this.now,
      clockOffset: this.clockOffset
    })
  );

  rate = $derived(this.data ? rateNow(this.data, this.asOf) : null);
  usual = $derived(this.data?.usualPerMinute ?? null);
  ratio = $derived(this.rate === null ? null : usualRatio(this.rate, this.usual));
  total = $derived(this.data ? windowTotal(this.data, this.asOf) : null);
  recentAll = $derived(this.data ? recent(this.data, ALL, this.asOf, SHARE_MINUTES) : null);
  negShare = $derived(this.recentAll ? negativeShare(this.recentAll) : null);
  mean = $derived(this.recentAll ? meanSentiment(this.recentAll) : null);
  topics = $derived(this.data ? rankDimension(this.data, 'topic', this.asOf, RANK_MINUTES, TOP_TOPICS, { risingFirst: true }) : []);
  channels = $derived(this.data ? rankDimension(this.data, 'channel', this.asOf, RANK_MINUTES, TOP_SLICES) : []);
  regions = $derived(this.data ? rankDimension(this.data, 'region', this.asOf, RANK_MINUTES, TOP_SLICES) : []);
  /** the total per minute over the trend window, zero-filled, oldest first */
  trend = $derived(denseMinutes(this.data?.series[ALL], minuteOf(this.asOf), TREND_MINUTES));

  #connect: () => WallSocket;

  constructor(connect: () => WallSocket = connectWallSocket) {
    this.#connect = connect;
  }

  /**
   * Messages per minute of one series over the trend window, for a sparkline. It ends with the last
   * COMPLETE minute: without axes a filling minute would read as a sudden drop on every row.
   */
  spark(key: string): number[] {
    return denseMinutes(this.data?.series[key], minuteOf(this.asOf) - MINUTE, TREND_MINUTES).map((b) => b.n);
  }

  /** Opens the socket and starts the clock; returns the function that undoes both. */
  start(): () => void {
    const tick = setInterval(() => (this.now = Date.now()), 1000);
    const socket = this.#connect();
    socket.on('access:revoked:v1', () => (this.denied = true));
    socket.on('connect_error', (e) => {
      if (e.message === 'unauthorized') this.denied = true;
    });
    socket.on('connect', () => (this.denied = false));
    const stop = wireSocket(socket, {
      connection: (up) => (this.connected = up),
      attempt: (n) => (this.attempt = n),
      snapshot: (snapshot) => {
        this.#received(snapshot.serverTime);
        // A (re)connect snapshot is the whole truth: replace, never merge, so nothing is counted twice.
        this.data = fromSnapshot(snapshot);
      },
      update: (update) => {
        // Updates patch a snapshot; one that overtakes its snapshot has nothing to patch yet.
        if (!this.data) return;
        this.#received(update.serverTime);
        this.data = applyUpdate(this.data, update);
      }
    });
    return () => {
      clearInterval(tick);
      stop();
    };
  }

  #received(serverTime: number): void {
    const at = Date.now();
    this.now = at;
    this.lastMessageAt = at;
    this.clockOffset = serverTime - at;
  }
}
