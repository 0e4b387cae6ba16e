/**
 * Rates over seeds for the bimodal outcomes of notebook 03 (a network learns or stalls; a ReLU layer is
 * alive or dead): the difference of two independent proportions with Newcombe's hybrid score interval
 * (Newcombe 1998, method 10), built from the two Wilson intervals of lib/core/statistics.
 */
import { assertInteger } from '../../core/guards';
import { wilsonInterval, type Interval } from '../../core/statistics';

/** Newcombe's interval for p1 − p2 = k1/n1 − k2/n2 (independent samples), at `level`. */
export function rateDifference(k1: number, n1: number, k2: number, n2: number, level = 0.95): Interval {
  assertInteger(n1, 'n1');
  assertInteger(n2, 'n2');
  assertInteger(k1, 'k1', 0);
  assertInteger(k2, 'k2', 0);
  if (k1 > n1) throw new RangeError(`k1 must be ≤ n1, but got k1 = ${k1}, n1 = ${n1}`);
  if (k2 > n2) throw new RangeError(`k2 must be ≤ n2, but got k2 = ${k2}, n2 = ${n2}`);
  const a = wilsonInterval(k1, n1, level), b = wilsonInterval(k2, n2, level);
  const p1 = k1 / n1, p2 = k2 / n2, d = p1 - p2;
  const lo = d - Math.sqrt((p1 - a.lo) ** 2 + (b.hi - p2) ** 2);
  const hi = d + Math.sqrt((a.hi - p1) ** 2 + (p2 - b.lo) ** 2);
  return { estimate: d, lo: Math.min(lo, d), hi: Math.max(hi, d), n: Math.min(n1, n2), level, method: 'Newcombe (Wilson) difference of rates' };
}
