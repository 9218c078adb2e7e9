/**
 * Alerts on complaint spikes, pure logic. Per closed minute:
 *
 *   const watcher = createSliceWatcher();                     // one detector per slice
 *   for (const [minute, counts] of history) watcher.learn(minute, counts);
 *   const m = watcher.observe(minute, negCountsBySlice);      // readings + firings
 *   const out = advanceAlerts(state, m);                      // one alert per incident
 *   state = out.state; log(out.events); push(out.changed); notify(out.notifications);
 *
 * Slices: see slices.ts. Evidence (keywords, examples, breakdown, impact): evidence.ts, then withImpact.
 */
export { createSliceWatcher, WATCHER_DEFAULTS, WATCHER_DETECTOR, type SliceWatcher, type WatcherOptions, type WatcherSnapshot, type MinuteResult } from './watcher.ts';
export { advanceAlerts, withImpact, withEvidence, actOnAlert, emptyEngineState, ENGINE_DEFAULTS, type EngineOptions, type EngineState, type Notification, type StepOutput, type MinuteInput } from './engine.ts';
export { groupFirings, headline, contributions } from './group.ts';
export { assessSeverity, SEVERITY_DEFAULTS, TIER_WEIGHTS, type SeverityInput, type SeverityResult } from './severity.ts';
export { applyEvent, foldEvents, stateAt, transition, type TransitionRequest } from './lifecycle.ts';
export { noteOpen, STORM_DEFAULTS, type StormOptions, type StormState } from './storm.ts';
export { buildEvidence, pickExamples, breakdown, impactOf, type EvidenceMessage, type EvidenceOptions } from './evidence.ts';
export { sliceKey, parseSlice, contains, related, specificity, DIMENSION_ORDER } from './slices.ts';
export { sliceCounts, DEFAULT_CUTS, type CountRow } from './counts.ts';
