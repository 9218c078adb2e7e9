import type { Notification } from '../../analyse/alerts/engine.ts';
import type { MessageText } from './text.ts';

/**
 * One layout per chat tool, from the same bilingual text. Each returns the JSON body; signing and
 * URLs are added later (sign.ts) because they depend on the time of sending, not on the alert.
 */

export const CHANNEL_KINDS = ['feishu', 'dingtalk', 'wecom', 'slack', 'json'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const FEISHU_COLOUR = { low: 'blue', medium: 'yellow', high: 'orange', critical: 'red' } as const;
const WECOM_COLOUR = { low: 'comment', medium: 'info', high: 'warning', critical: 'warning' } as const;

/** zh first (most readers), then en on its own line. */
const both = (b: { zh: string; en: string }) => `${b.zh}\n${b.en}`;

export function feishuCard(m: MessageText): Record<string, unknown> {
  const elements: unknown[] = [
    { tag: 'div', text: { tag: 'lark_md', content: m.lines.map((l) => l.zh).join('\n') } },
    { tag: 'hr' },
    { tag: 'div', text: { tag: 'lark_md', content: m.lines.map((l) => l.en).join('\n') } }
  ];
  if (m.quotes.length) {
    elements.push({ tag: 'hr' }, { tag: 'note', elements: m.quotes.map((q) => ({ tag: 'plain_text', content: `“${q}”` })) });
  }
  if (m.url) {
    elements.push({ tag: 'action', actions: [{ tag: 'button', type: 'primary', text: { tag: 'plain_text', content: '处理告警 / Open alert' }, url: m.url }] });
  }
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { template: m.kind === 'resolved' ? 'green' : m.severity ? FEISHU_COLOUR[m.severity] : 'purple', title: { tag: 'plain_text', content: `${m.title.zh} | ${m.title.en}` } },
      elements
    }
  };
}

function markdownBody(m: MessageText, quote: (q: string) => string): string {
  const out = [...m.lines.map((l) => `- ${l.zh}`), '', ...m.lines.map((l) => `- ${l.en}`)];
  if (m.quotes.length) out.push('', ...m.quotes.map(quote));
  if (m.url) out.push('', `[处理告警 / Open alert](${m.url})`);
  return out.join('\n');
}

export function dingtalkMarkdown(m: MessageText): Record<string, unknown> {
  return {
    msgtype: 'markdown',
    markdown: { title: m.title.zh, text: `### ${m.title.zh}\n#### ${m.title.en}\n\n${markdownBody(m, (q) => `> ${q}\n`)}` }
  };
}

// WeCom rejects markdown content over 4096 bytes; quotes are the first thing to go.
const WECOM_MAX_BYTES = 4096;

export function wecomMarkdown(m: MessageText): Record<string, unknown> {
  const colour = m.kind === 'resolved' ? 'info' : m.severity ? WECOM_COLOUR[m.severity] : 'warning';
  const head = `### <font color="${colour}">${m.title.zh}</font>\n**${m.title.en}**\n`;
  let content = `${head}${markdownBody(m, (q) => `> ${q}`)}`;
  if (Buffer.byteLength(content) > WECOM_MAX_BYTES) content = `${head}${markdownBody({ ...m, quotes: [] }, (q) => q)}`;
  while (Buffer.byteLength(content) > WECOM_MAX_BYTES) content = content.slice(0, Math.floor(content.length * 0.9));
  return { msgtype: 'markdown', markdown: { content } };
}

/** Slack mrkdwn needs &, < and > escaped. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackBlocks(m: MessageText): Record<string, unknown> {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: m.title.en.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: slackEscape(m.lines.map((l) => `• ${l.en}`).join('\n')) } },
    { type: 'section', text: { type: 'mrkdwn', text: slackEscape(`*${m.title.zh}*\n${m.lines.map((l) => `• ${l.zh}`).join('\n')}`) } }
  ];
  if (m.quotes.length) blocks.push({ type: 'context', elements: m.quotes.map((q) => ({ type: 'mrkdwn', text: slackEscape(`> ${q}`) })) });
  if (m.url) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open alert / 处理告警' }, url: m.url }] });
  return { text: both(m.title), blocks };
}

/** For anything else (PagerDuty bridges, own tooling): the words plus the data, versioned. */
export function plainJson(m: MessageText, note: Notification): Record<string, unknown> {
  return {
    type: `voc.alert.${note.kind}.v1`,
    title: m.title,
    lines: m.lines,
    quotes: m.quotes,
    url: m.url,
    // a re-opened alert pages as "opened" (same alert id); this tells a receiver it is a return
    ...(m.reopened ? { reopened: m.reopened } : {}),
    ...(note.kind === 'storm' ? { storm: note.storm } : { alert: note.alert })
  };
}

export function formatFor(kind: ChannelKind, m: MessageText, note: Notification): Record<string, unknown> {
  switch (kind) {
    case 'feishu': return feishuCard(m);
    case 'dingtalk': return dingtalkMarkdown(m);
    case 'wecom': return wecomMarkdown(m);
    case 'slack': return slackBlocks(m);
    case 'json': return plainJson(m, note);
  }
}
