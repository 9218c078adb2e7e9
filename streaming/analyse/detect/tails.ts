/**
 * Tail probabilities, returned as surprise = −log10(p) so that tiny p-values (a quiet topic jumping
 * to 40 messages has p ≈ 1e-25) neither underflow nor tie at 1.0 when mapped to a score.
 */

const LN10 = Math.LN10;

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  ];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * −log10 P(Z ≥ z) for a standard normal. Uses the erfc approximation of Numerical Recipes
 * (relative error < 1.2e-7) in log form, so it stays finite far into the tail.
 */
export function normalUpperSurprise(z: number): number {
  const x = z / Math.SQRT2;
  if (x <= 0) return -Math.log10(1 - 0.5 * erfcLinear(-x));
  const t = 1 / (1 + 0.5 * x);
  const lnErfc = Math.log(t) - x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return -(lnErfc + Math.log(0.5)) / LN10;
}

function erfcLinear(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  return t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
}

/** −log10 of the two-sided normal tail P(|Z| ≥ |z|). */
export function normalTwoSidedSurprise(z: number): number {
  return Math.max(0, normalUpperSurprise(Math.abs(z)) - Math.log10(2));
}

/**
 * log P(X = k) for a count with mean mu and variance v ≥ mu: Poisson when v ≈ mu, otherwise
 * negative binomial with size r = mu² / (v − mu) (overdispersion is the norm for feedback volume).
 */
function countLogPmf(k: number, mu: number, r: number): number {
  if (!Number.isFinite(r)) return k * Math.log(mu) - mu - logGamma(k + 1);
  return logGamma(k + r) - logGamma(r) - logGamma(k + 1) + r * Math.log(r / (r + mu)) + k * Math.log(mu / (r + mu));
}

const MAX_TERMS = 4000;

/**
 * Surprise of observing count x when the model expects mean mu and variance v, one-sided in the
 * direction of the deviation: P(X ≥ x) above the mean, P(X ≤ x) below it. The tail is summed
 * outward from x, term by term, so it is exact where it matters (low counts) and never suffers
 * the 1 − Σ cancellation; beyond MAX_TERMS the remaining mass is negligible for our purpose.
 */
export function countSurprise(x: number, mu: number, v: number): number {
  const k0 = Math.max(0, Math.round(x));
  mu = Math.max(mu, 1e-3);
  const r = v > mu * 1.0001 ? (mu * mu) / (v - mu) : Infinity;
  const q = Number.isFinite(r) ? mu / (r + mu) : 0;
  if (k0 <= mu) {
    if (k0 === 0 && mu < 1) return 0; // a zero where we expect less than one is never news
    // P(X ≤ k0), summed downward from k0: pmf ratio p(k-1)/p(k) = k / (mu) (Poisson) or k / ((k-1+r) q) (NB).
    let logP = countLogPmf(k0, mu, r);
    let term = 1, sum = 1;
    for (let k = k0; k > 0 && sum < 1e15; k--) {
      term *= Number.isFinite(r) ? k / ((k - 1 + r) * q) : k / mu;
      sum += term;
      if (term < sum * 1e-12 || k0 - k > MAX_TERMS) break;
    }
    logP += Math.log(sum);
    return Math.max(0, -logP / LN10);
  }
  // P(X ≥ k0), summed upward: ratio p(k+1)/p(k) = mu/(k+1) (Poisson) or (k+r) q/(k+1) (NB).
  let logP = countLogPmf(k0, mu, r);
  let term = 1, sum = 1;
  for (let k = k0; k - k0 < MAX_TERMS; k++) {
    term *= Number.isFinite(r) ? ((k + r) * q) / (k + 1) : mu / (k + 1);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  logP += Math.log(sum);
  return Math.max(0, -logP / LN10);
}
