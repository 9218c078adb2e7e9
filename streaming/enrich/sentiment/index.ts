import { fileURLToPath } from 'node:url';
import type { Lang } from '../../../schemas/feedback.ts';
import type { Tokens } from '../tokens.ts';
import { extractFeatures, modelFor } from './features.ts';
import { margin } from './logistic.ts';
import { scoreExperts } from './experts.ts';
import { hiddenMargin } from './hidden.ts';
import { loadModel, type SentimentModel } from './model.ts';
import { FeatureVector } from './vector.ts';
import { opinionFactor } from './subjectivity.ts';
import { NO_ACTS, actPrior, readRegister } from './register.ts';
import { applyVerdict, readVerdict } from './resolution.ts';

/**
 * Message sentiment for Chinese and English: a per-language logistic regression over hashed n-gram,
 * negation/contrast and lexicon features (see features-zh.ts, features-en.ts; trained by
 * scripts/train-sentiment.ts), plus domain-private weights for the kind of review the message looks like
 * when the model has them (experts.ts; the shipped one has none). The score is 2·P(positive) − 1 = tanh(margin / 2), so it is a calibrated
 * probability on a [−1, 1] scale and its sign is the model's binary decision. The models know polarity
 * only (they were trained on reviews, every one an opinion): a message without opinion evidence — a
 * question, request, notice or call note — has its margin shrunk toward 0 (subjectivity.ts), so it is
 * labelled neutral unless the model is very sure, and its sign is unchanged.
 */

/**
 * Stored with every record; bump when the model files, feature extraction or the score's post-processing
 * change (the same text must not get two scores under one version). -8: the -7 weights, bit for bit, plus
 * the opinion-evidence gate (subjectivity.ts); -9: the same weights, plus the customer-service speech acts
 * (register.ts: a polarity prior for call notes and complaint facts, and what negated acts and enquiries
 * hide from the gate); -10: the same, plus the resolution and lukewarm verdicts of short messages
 * (resolution.ts: "不再转圈了" is praise, "不好不坏" neutral); -11: the same, plus the courtesy / failure reading
 * of short messages (requests.ts: "Please add dark mode. Cheers" is neutral, "Driver left it at the wrong door"
 * a complaint); -12: the same, plus requests to fix as complaints ("hope you fix it soon"), sarcastic praise
 * around a failure, more bare failures and "问题解决了" as a resolution; -13: new weights — English
 * learns four review constructions (readings-en.ts: "sent it back", "couldn't be easier", "get a better
 * one", "quit after a week") and Chinese leaves a merchant's quoted reply out of its features (宾馆反馈…：);
 * training writes this into manifest.json and cv.json.
 */
export const SENTIMENT_MODEL_VERSION = 'sent-2026.11-13';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/**
 * |score| below this is labelled neutral: P(positive) between 0.35 and 0.65, where the model is close to
 * a coin flip and dashboards should not count the message as either side.
 */
export const NEUTRAL_BAND = 0.3;

export const MODEL_DIR = fileURLToPath(new URL('./model/', import.meta.url));

let model: SentimentModel | null = null;
let zhVec: FeatureVector;
let enVec: FeatureVector;

/** Loads the model now instead of on the first message (call at start-up to keep the first score fast). */
export function loadSentimentModel(dir = MODEL_DIR): SentimentModel {
  const m = loadModel(dir);
  if (m.version !== SENTIMENT_MODEL_VERSION) {
    throw new Error(`sentiment model in ${dir} is ${m.version}, code expects ${SENTIMENT_MODEL_VERSION}: retrain`);
  }
  model = m;
  zhVec = new FeatureVector(m.zh.bits);
  enVec = new FeatureVector(m.en.bits);
  return m;
}

/**
 * `gate`: the opinion-evidence factor to apply (subjectivity.ts); judged on `text` when left out. Evidence
 * anywhere in a message ("请问退款什么时候到？都一周了") makes each of its clauses an opinion, while judged
 * alone the clause "请问退款什么时候到" has none: judged per clause, the simulator's complaint topics at
 * ≤ −0.3 fell by a quarter (scripts/sentiment-gate-aspects.ts). So a caller scoring a clause passes the
 * message's (`messageReading`), as the enricher does.
 *
 * `acts`: the margin the customer-service speech acts in `text` add (register.ts: 投诉, 要求赔偿, praised,
 * "charged twice" …); read on `text` when left out.
 *
 * `verdicts`: apply the resolution / lukewarm verdicts (resolution.ts). Earlier versions' scores, for A/B
 * scripts: scoreSentimentAs.
 */
export function scoreSentiment(
  text: string,
  lang: Lang,
  tokens: Tokens,
  gate?: number,
  acts?: number,
  verdicts = true
): { score: number; label: SentimentLabel } {
  const which = modelFor(lang);
  if (which === null) return { score: 0, label: 'neutral' };
  const m = model ?? loadSentimentModel();
  const vec = which === 'zh' ? zhVec : enVec;
  extractFeatures(text, which, tokens, m, vec);
  const lm = m[which];
  let z = margin(lm, vec.idx, vec.val, vec.n, vec.offset);
  const experts = lm.experts;
  if (experts) z += scoreExperts(experts, vec.idx, vec.val, vec.sparse);
  if (lm.hidden) z += hiddenMargin(lm.hidden, vec.idx, vec.val, vec.n);
  // No opinion evidence (a question, request, notice or call note): shrink toward 0. The factor is
  // positive, so the sign — the binary decision — is the model's.
  // A clause scored with the message's gate (aspects.ts) needs only its acts, not what its courtesy hides.
  const register = gate === undefined || acts === undefined ? readRegister(text, which, true, gate === undefined) : undefined;
  z *= gate ?? opinionFactor(text, which, tokens, m.en, register);
  // A call note's act says the customer's tone where the review-trained model has no reading of it
  // ("客户致电，多次来电未接通，情绪激动" scored ~0): added after the gate, since an act is itself evidence.
  z += acts ?? actPrior(register!);
  // After gate and acts: a fix reported ("不再转圈了") is itself praise whatever the problem word weighs,
  // and a lukewarm verdict is neutral whatever side the binary-trained model leans to.
  if (verdicts) z = applyVerdict(z, readVerdict(text, which));
  const score = Math.tanh(z / 2);
  return { score, label: labelFor(score) };
}

/**
 * The message's opinion gate and the margin its speech acts add, from one reading of the register: what
 * the enricher passes to scoreSentiment for the whole message, so the register is not read twice.
 * `acts` false: without the speech-act reading (register.ts), i.e. sent-2026.11-8's gate; `requests` false:
 * without the courtesy / failure reading (requests.ts), i.e. sent-2026.11-10's.
 */
export function messageReading(text: string, lang: Lang, tokens: Tokens, acts = true, requests = true): { gate: number; acts: number } {
  const which = modelFor(lang);
  if (which === null) return { gate: 1, acts: 0 };
  const register = acts ? readRegister(text, which, requests) : NO_ACTS;
  return { gate: opinionFactor(text, which, tokens, (model ?? loadSentimentModel()).en, register), acts: actPrior(register) };
}

/**
 * The score an earlier version gave this text — the same weights without the later readings — for the A/B
 * scripts: -7 without the opinion gate, -8 without the speech acts, -9 without the verdicts, -10 without
 * the courtesy / failure reading (requests.ts).
 */
export function scoreSentimentAs(version: 7 | 8 | 9 | 10, text: string, lang: Lang, tokens: Tokens): { score: number; label: SentimentLabel } {
  if (version === 7) return scoreSentiment(text, lang, tokens, 1, 0, false);
  if (version === 8) return scoreSentiment(text, lang, tokens, messageReading(text, lang, tokens, false, false).gate, 0, false);
  const { gate, acts } = messageReading(text, lang, tokens, true, false);
  return scoreSentiment(text, lang, tokens, gate, acts, version === 10);
}

export function labelFor(score: number): SentimentLabel {
  return score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}
