/**
 * Customer-service complaint (and fix-praise) words VADER's lexicon (built from social media) does not rate, on VADER's
 * −4…4 scale. They are why "image loading is super slow" read as neutral-to-positive: the n-gram model
 * learned English from reviews and tweets, where "slow" is rare and ambiguous ("slow burn"). Added to
 * the lexicon at training time only where VADER has no rating of its own.
 */
export const VOC_LEXICON: Readonly<Record<string, number>> = {
  slow: -1.5,
  slower: -1.5,
  laggy: -1.8,
  sluggish: -1.5,
  unresponsive: -1.8,
  late: -1.2,
  delayed: -1.3,
  overdue: -1.3,
  soggy: -1.6,
  spilled: -1.5,
  leaking: -1.5,
  overcharged: -2.2,
  unreachable: -1.6,
  glitchy: -1.8,
  crashes: -1.9,
  crashing: -1.9,
  // …and the praise a fix earns, equally unrated there ("Images load fast again", "much quicker now").
  fast: 1.0,
  faster: 1.4,
  quick: 1.0,
  quicker: 1.4,
  speedy: 1.4,
  smooth: 1.4,
  smoother: 1.6,
  snappy: 1.5,
  instantly: 0.8,
  fixed: 1.0
};
