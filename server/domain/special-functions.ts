/**
 * Log-space probability masses, a digamma difference and the regularised incomplete beta, each
 * in a bounded number of steps and accurate to a few ulps of its log where the large terms of
 * a log-gamma difference would cancel (Loader's saddle-point form, as R's dbinom). Erlang A
 * starts its sums at the peak of its weights with them (erlang.ts, docs/metrics.md).
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(n + 1) for n >= 15 by Stirling's series: (n + ½) ln n − n + ln √(2π) + stirlerr(n). */
function stirlingSeries(n: number): number {
  const nn = n * n;
  // 1/12, 1/360, 1/1260, 1/1680, 1/1188, 691/360360, 1/156: below 1e-17 from n = 15 on.
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - (1 / 1188 - (691 / 360360 - 1 / 156 / nn) / nn) / nn) / nn) / nn) / nn) / n;
}

/** ln Γ(n + 1) for n >= 0. */
export function lnGamma1p(n: number): number {
  if (n >= 15) return (n + 0.5) * Math.log(n) - n + LN_SQRT_2PI + stirlingSeries(n);
  // Below 15 the series is short of double precision: step up to 15 and divide the factors out.
  let m = n;
  let logProduct = 0;
  while (m < 15) {
    m += 1;
    logProduct += Math.log(m);
  }
  return (m + 0.5) * Math.log(m) - m + LN_SQRT_2PI + stirlingSeries(m) - logProduct;
}

/** ln Γ(n + 1) − ((n + ½) ln n − n + ln √(2π)), Stirling's error, for n > 0. */
export function stirlerr(n: number): number {
  return n >= 15 ? stirlingSeries(n) : lnGamma1p(n) - ((n + 0.5) * Math.log(n) - n + LN_SQRT_2PI);
}

/** x ln(x / m) + m − x (>= 0), without the cancellation of the plain form when x is near m. */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    // With v = (x − m) / (x + m): 2x (v³/3 + v⁵/5 + ...) + (x − m) v, a series of positive terms.
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** ln(λ^m e^(−λ) / Γ(m + 1)) for real m >= 0 and λ > 0: the log of a Poisson mass at m. */
export function logPoisson(m: number, lambda: number): number {
  if (m < 1) return m * Math.log(lambda) - lambda - lnGamma1p(m);
  return -stirlerr(m) - bd0(m, lambda) - 0.5 * Math.log(2 * Math.PI * m);
}

/**
 * ln(Γ(n + 1) / (Γ(s + 1) Γ(n − s + 1)) p^s q^(n−s)) for real 0 < s < n, with q = 1 − p given
 * separately so that p near 1 keeps its precision: the log of a binomial mass at s.
 */
export function logBinomial(s: number, n: number, p: number, q: number): number {
  const lc = stirlerr(n) - stirlerr(s) - stirlerr(n - s) - bd0(s, n * p) - bd0(n - s, n * q);
  return lc - 0.5 * (Math.log(2 * Math.PI) + Math.log(s) + Math.log1p(-s / n));
}

/**
 * ln(Γ(r + k) / (Γ(r) k!) z^r (1 − z)^k) for whole k >= 0 and r >= 1, z = e^lnZ: the log of
 * the chance of k failures before the r-th success, success probability z.
 */
export function logNegativeBinomial(k: number, r: number, lnZ: number): number {
  if (k === 0) return r * lnZ;
  return Math.log(r / (r + k)) + logBinomial(r, r + k, Math.exp(lnZ), -Math.expm1(lnZ));
}

/** ψ(b) − ψ(a) for b >= a >= 1 (= Σ 1/(a + j), j = 0..b − a − 1, when b − a is whole). */
export function digammaDifference(a: number, b: number): number {
  let sum = 0;
  // ψ(t) = ψ(t + 1) − 1/t: both up to 10, where the asymptotic series is exact to 1e-16.
  while (a < 10) sum += 1 / a++;
  while (b < 10) sum -= 1 / b++;
  const tail = (t: number) => {
    const u = 1 / (t * t);
    return 1 / (2 * t) + u * (1 / 12 - u * (1 / 120 - u * (1 / 252 - u * (1 / 240 - u * (1 / 132 - u * (691 / 32760 - u / 12))))));
  };
  return sum + Math.log1p((b - a) / a) - tail(b) + tail(a);
}

/** Iterations after which the continued fraction stops: it needs at most about √max(a, b), under 100 for Erlang A within its limits. */
const BETA_MAX_ITERATIONS = 10_000;

/** The continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= BETA_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= Number.EPSILON) break;
  }
  return h;
}

/**
 * The regularised incomplete beta I_x(a, b) for a, b >= 1 and 0 <= x <= 1, with y = 1 − x given
 * separately (for x near 1): the chance that a negative binomial count of failures before the
 * a-th success, success probability x, is below b.
 */
export function regularizedBeta(a: number, b: number, x: number, y: number): number {
  // x^a y^b / (a B(a, b)), a binomial mass (of a + b trials) times b / (a + b).
  const front = Math.exp(logBinomial(a, a + b, x, y)) * (b / (a + b));
  if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(a, b, x);
  return 1 - front * (a / b) * betaContinuedFraction(b, a, y);
}
