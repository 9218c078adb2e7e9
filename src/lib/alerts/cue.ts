import { severityRank, type Alert } from '../../../schemas/alerts.ts';

/**
 * Which alerts in an update deserve the on-call cue (flash, optional beep): a high or critical alert
 * that is new to this screen or has just been raised to high or above, while nobody has taken it yet.
 */
export function cueFor(before: ReadonlyMap<string, Alert>, incoming: readonly Alert[]): Alert[] {
  return incoming.filter((a) => {
    if (a.state.status !== 'open' || severityRank(a.severity) < severityRank('high')) return false;
    const prev = before.get(a.id);
    return !prev || severityRank(prev.severity) < severityRank('high');
  });
}
