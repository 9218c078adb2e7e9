import type { Feedback } from '../../schemas/feedback.ts';

/** A bare validated document around a text, for scoring data-set rows with the pipeline's enricher. */
export const feedbackFromText = (text: string, id: string, ts = Date.now()): Feedback => ({
  id,
  ts,
  channel: 'other',
  text,
  lang: null,
  customer: { id: '', region: '', segment: '', tier: '' },
  product: '',
  app_version: '',
  nps: null,
  csat: null,
  meta: {}
});
