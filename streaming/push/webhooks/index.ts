/**
 * Alert notifications to chat tools (Feishu/Lark, DingTalk, WeCom, Slack) and plain JSON webhooks.
 *
 *   const notifier = createNotifier({ rules, baseUrl: 'https://voc.example.com' });
 *   for (const note of out.notifications) void notifier.notify(note);   // from advanceAlerts
 *
 * The pieces are pure (text.ts words, formats.ts layout, sign.ts signing, route.ts routing); only
 * deliver.ts does I/O.
 */
import type { Notification } from '../../analyse/alerts/engine.ts';
import { deliver, type DeliveryOptions, type DeliveryResult } from './deliver.ts';
import { formatFor } from './formats.ts';
import { route, type RoutingRule, type WebhookChannel } from './route.ts';
import { buildRequest } from './sign.ts';
import { describe } from './text.ts';

export { describe, sliceLabel, type MessageText } from './text.ts';
export { formatFor, feishuCard, dingtalkMarkdown, wecomMarkdown, slackBlocks, plainJson, CHANNEL_KINDS, type ChannelKind } from './formats.ts';
export { buildRequest, dingtalkSign, feishuSign, voCSignature, type SignedRequest } from './sign.ts';
export { deliver, retryAfterMs, DELIVERY_DEFAULTS, type DeliveryOptions, type DeliveryResult } from './deliver.ts';
export { route, type RoutingRule, type WebhookChannel } from './route.ts';

export interface NotifierOptions {
  rules: RoutingRule[];
  /** web app origin, for "open alert" links; none when absent */
  baseUrl?: string;
  delivery?: Partial<DeliveryOptions>;
  now?: () => number;
}

export interface Notifier {
  /** Sends to every matching channel at once; never throws, reports per channel. */
  notify(note: Notification): Promise<{ channel: WebhookChannel; result: DeliveryResult }[]>;
}

export function createNotifier(o: NotifierOptions): Notifier {
  const now = o.now ?? Date.now;
  return {
    notify(note) {
      const text = describe(note, o.baseUrl ?? null);
      return Promise.all(route(note, o.rules).map(async (channel) => {
        // Signed when sent, not when the alert fired: DingTalk rejects timestamps over an hour old.
        const req = buildRequest(channel.kind, channel.url, formatFor(channel.kind, text, note), now(), channel.secret);
        return { channel, result: await deliver(req, o.delivery) };
      }));
    }
  };
}
