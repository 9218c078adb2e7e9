/**
 * Alerts on complaint spikes, pure logic. Once per closed minute (a few seconds after it closes, so late
 * messages are in):
 *
 *   const watcher = createSliceWatcher();                         // one detector per slice, bounded
 *   for (const [minute, counts] of history) watcher.learn(minute, counts);   // ≥ 2 days, or restore a snapshot
 *   const counts = sliceCounts([...messageRows, ...topicRows]);   // negative messages per slice (counts.ts)
 *   const out = advanceAlerts(state, watcher.observe(minute, counts));
 *   state = out.state;            // keep (plain JSON), with watcher.snapshot() every few minutes
 *   log(out.events);              // append-only alert event log
 *   push(out.changed);            // 'alerts:update:v1'
 *   notify(out.notifications);    // streaming/push/webhooks
 *
 * Between closed minutes, every 15 s, a sliding 60-s window may open an alert early without touching the
 * detectors (the minute it ends in, `m`, is still open; minute m − 1 must have been observed):
 *
 *   const w = peekAlerts(state, { ...watcher.peek(m, windowCounts), at: windowEnd });   // same handling of w
 *
 * For a new alert, build evidence from its window's messages (buildEvidence) and fold it in with
 * withEvidence (may escalate). People act through actOnAlert; the state of any alert is foldEvents(log).
 */
export { createSliceWatcher, WATCHER_DEFAULTS, WATCHER_DETECTOR, type SliceWatcher, type WatcherOptions, type WatcherSnapshot, type MinuteResult } from './watcher.ts';
export { advanceAlerts, peekAlerts, withImpact, withEvidence, actOnAlert, foldExternalEvent, emptyEngineState, ENGINE_DEFAULTS, type EngineOptions, type EngineState, type Notification, type StepOutput, type MinuteInput, type WindowInput } from './engine.ts';
export { groupFirings, headline, contributions } from './group.ts';
export { explainedByPlace, placeOf, topicContributions, COFIRE_DEFAULTS, type CofireOptions } from './cofire.ts';
export { assessSeverity, SEVERITY_DEFAULTS, TIER_WEIGHTS, type SeverityInput, type SeverityResult } from './severity.ts';
export { applyEvent, foldEvents, stateAt, transition, type TransitionRequest } from './lifecycle.ts';
export { noteOpen, STORM_DEFAULTS, type StormOptions, type StormState } from './storm.ts';
export { buildEvidence, pickExamples, breakdown, impactOf, type EvidenceMessage, type EvidenceOptions } from './evidence.ts';
export { sliceKey, parseSlice, contains, related, specificity, DIMENSION_ORDER } from './slices.ts';
export { sliceCounts, DEFAULT_CUTS, type CountRow } from './counts.ts';
export { sliceKeysOf } from './counts.ts';
export {
  createMeasureWatcher, sliceTotals, measureValue, measureN, measureFires, sampleZ, addTotals, MEASURE_GATES, MEASURE_DETECTOR, MEASURE_DETECTOR_5M, MEASURE_CUTS, RATE_METRICS, FIVE_MIN_RATE_METRICS,
  type MeasureWatcher, type MeasureRow, type SliceTotals, type ScoreTotals, type RateMetric, type MeasureGates
} from './measures.ts';
export { advanceMeasures, absorb, type MeasureStep, type JointState } from './joint.ts';
export { createBlockSum, blockOf, closesBlock, addCount, BLOCK_MIN, EXTRA_METRICS, COUNT_5M_OPTIONS, type ExtraMetric, type BlockSum, type BlockSumSnapshot } from './fivemin.ts';
export { MEASURE_TABLE, createRunner, runOrder, upgradeSnapshot, type MeasureSpec, type MeasureRunner, type MeasureSnapshot, type MeasureInput, type MinuteInputs, type LegacyMeasures } from './table.ts';
