/** English strings; the key set is the contract zh.ts must match (checked by the compiler and a test). */
export const en = {
  'app.name': 'VoC Pulse',
  'app.tagline': 'Real-time voice of the customer',
  'landing.wall': 'Operations wall',
  'landing.wallHint': 'Full-screen live view for a display, read from across the room',

  'status.live': 'live',
  'status.stale': 'stale',
  'status.reconnecting': 'reconnecting',
  'status.attempt': 'attempt {n}',
  'status.noData': 'waiting for data',
  'status.noUpdate': 'no update for {age}',
  'status.stalled': 'processing stalled: nothing stored for {age}',
  'status.stalledNever': 'processing stalled: messages waiting, none stored',
  'status.label': 'Connection',

  'nums.rate': 'Messages per minute',
  'nums.usual': 'usual at this hour: {n}',
  'nums.noUsual': 'usual at this hour: —',
  'nums.ratio': '{r} usual',
  'level.ok': 'low',
  'level.warn': 'elevated',
  'level.bad': 'high',
  'nums.negShare': 'Negative · last 5 min',
  'nums.mean': 'Mean sentiment',
  'nums.last5': 'last 5 min',
  'nums.outOf': '{neg} of {n} messages',
  'nums.total': '{n} messages in the last {m} min',

  'trend.title': 'Negative share and volume · last 60 min',
  'trend.negShare': 'negative share',
  'trend.volume': 'messages / min',
  'trend.usual': 'usual',
  'trend.now': 'now',

  'topics.title': 'Top topics · last 15 min',
  'topics.empty': 'No topics in the last 15 minutes',
  'topics.negative': 'negative',

  'breakdown.channels': 'Channels · 15 min',
  'breakdown.regions': 'Regions · 15 min',

  'ticker.title': 'Latest notable messages',
  'ticker.empty': 'No messages yet',

  'channel.app_review': 'App review',
  'channel.in_app': 'In-app',
  'channel.chat': 'Chat',
  'channel.call': 'Call',
  'channel.email': 'Email',
  'channel.social': 'Social',
  'channel.survey': 'Survey',
  'channel.other': 'Other',

  'sentiment.negative': 'negative',
  'sentiment.neutral': 'neutral',
  'sentiment.positive': 'positive',

  'age.seconds': '{n} s',
  'age.minutes': '{n} min'
} as const;

export type MessageKey = keyof typeof en;
