/**
 * Chinese VoC valence words on VADER's −4…4 scale, for the words a review-trained n-gram model has too
 * little evidence on: how an app or a delivery *performs* and *changes* ("图片加载变快了", "秒开", "卡顿",
 * "转圈"). The training sets are restaurant, hotel and shopping reviews, where 加载 mostly appears in
 * complaints, so praise for a fixed app read as neutral. These enter as two dense features (positive and
 * negative valence sums, flipped by a negator) whose weights are learned, so a word rare in training
 * still counts by its rating — as VADER's lexicon does for English.
 */
export const ZH_VOC_LEXICON: Readonly<Record<string, number>> = {
  // speed and smoothness
  快: 1.2, 很快: 1.6, 挺快: 1.4, 变快: 2.0, 快多了: 2.2, 飞快: 1.8, 秒开: 2.0, 秒到: 2.0, 及时: 1.6, 准时: 1.6,
  顺畅: 2.0, 流畅: 2.0, 顺滑: 1.8, 丝滑: 2.0, 稳定: 1.4, 正常: 0.8, 方便: 1.6, 好用: 2.0, 清晰: 1.4,
  // problems solved
  解决: 1.4, 修好: 2.0, 修复: 1.6, 恢复: 1.0, 改善: 1.6, 改进: 1.4, 优化: 1.2, 不卡: 2.0, 给力: 2.2, 点赞: 2.4, 感谢: 1.8, 谢谢: 1.6,
  // slowness and breakage
  慢: -1.6, 太慢: -2.2, 很慢: -2.0, 好慢: -2.0, 变慢: -2.0, 慢死: -2.6, 龟速: -2.4, 卡: -1.4, 卡顿: -2.2, 很卡: -2.2, 转圈: -1.8,
  闪退: -2.6, 崩溃: -2.6, 死机: -2.4, 白屏: -2.2, 黑屏: -2.2, 报错: -2.0, 失败: -1.8, 打不开: -2.4, 加载不出来: -2.6, 显示不出来: -2.2,
  超时: -1.8, 延迟: -1.6, 迟到: -1.6, 漏送: -2.2, 错送: -2.2, 洒了: -2.0, 破损: -2.0, 凉了: -2.0, 退款: -0.8, 投诉: -2.0
};
