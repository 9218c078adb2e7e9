import type { MessageKey } from './en.ts';

export const zh: Record<MessageKey, string> = {
  'app.name': 'VoC Pulse',
  'app.tagline': '实时客户之声',
  'landing.wall': '运营大屏',
  'landing.wallHint': '全屏实时视图，适合远距离观看的显示屏',

  'status.live': '实时',
  'status.stale': '滞后',
  'status.reconnecting': '重连中',
  'status.attempt': '第 {n} 次',
  'status.noData': '等待数据',
  'status.noUpdate': '{age}无更新',
  'status.stalled': '处理停滞：已 {age}未入库',
  'status.stalledNever': '处理停滞：消息积压，尚无入库',
  'status.label': '连接',

  'nums.rate': '每分钟消息数',
  'nums.usual': '该时段通常：{n}',
  'nums.noUsual': '该时段通常：—',
  'nums.ratio': '通常的 {r}',
  'level.ok': '较低',
  'level.warn': '偏高',
  'level.bad': '很高',
  'nums.negShare': '负面占比 · 近 5 分钟',
  'nums.mean': '平均情感',
  'nums.last5': '近 5 分钟',
  'nums.outOf': '{n} 条中 {neg} 条',
  'nums.total': '近 {m} 分钟共 {n} 条',

  'trend.title': '负面占比与声量 · 近 60 分钟',
  'trend.negShare': '负面占比',
  'trend.volume': '每分钟消息',
  'trend.usual': '通常',
  'trend.now': '现在',

  'topics.title': '热门话题 · 近 15 分钟',
  'topics.empty': '近 15 分钟没有话题',
  'topics.negative': '负面',

  'breakdown.channels': '渠道 · 近 15 分钟',
  'breakdown.regions': '地区 · 近 15 分钟',

  'ticker.title': '最新重点反馈',
  'ticker.empty': '暂无消息',

  'channel.app_review': '应用评价',
  'channel.in_app': '应用内反馈',
  'channel.chat': '在线客服',
  'channel.call': '电话',
  'channel.email': '邮件',
  'channel.social': '社交媒体',
  'channel.survey': '问卷',
  'channel.other': '其他',

  'sentiment.negative': '负面',
  'sentiment.neutral': '中性',
  'sentiment.positive': '正面',

  'age.seconds': '{n} 秒',
  'age.minutes': '{n} 分钟'
};
