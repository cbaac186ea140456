/**
 * The minimum of `f` on [low, high] by golden-section search: enough for one smoothing parameter,
 * whose error curve is smooth and has one valley in practice.
 */
export function goldenSection(f: (x: number) => number, low: number, high: number, tolerance = 1e-4): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = low;
  let b = high;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * The minimum of `f` over a box by Nelder–Mead, starting at `start`: for the three or four
 * parameters of Holt and Holt-Winters. Points outside the box are clamped onto it.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  bounds: readonly (readonly [number, number])[],
  { iterations = 200, tolerance = 1e-7 } = {},
): number[] {
  const n = start.length;
  const clamp = (x: number[]) => x.map((v, i) => Math.min(bounds[i]![1], Math.max(bounds[i]![0], v)));
  const simplex: { x: number[]; fx: number }[] = [];
  const first = clamp([...start]);
  simplex.push({ x: first, fx: f(first) });
  for (let i = 0; i < n; i++) {
    const x = [...first];
    const [lo, hi] = bounds[i]!;
    x[i] = x[i]! + (x[i]! + 0.1 * (hi - lo) <= hi ? 0.1 : -0.1) * (hi - lo);
    const point = clamp(x);
    simplex.push({ x: point, fx: f(point) });
  }
  for (let iteration = 0; iteration < iterations; iteration++) {
    simplex.sort((p, q) => p.fx - q.fx);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.fx - best.fx) <= tolerance * (Math.abs(best.fx) + tolerance)) break;
    const centroid = Array.from({ length: n }, (_, i) => simplex.slice(0, n).reduce((s, p) => s + p.x[i]!, 0) / n);
    const along = (t: number) => clamp(centroid.map((c, i) => c + t * (worst.x[i]! - c)));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < best.fx) {
      const expanded = along(-2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { x: expanded, fx: fe } : { x: reflected, fx: fr };
    } else if (fr < simplex[n - 1]!.fx) {
      simplex[n] = { x: reflected, fx: fr };
    } else {
      const contracted = along(fr < worst.fx ? -0.5 : 0.5);
      const fk = f(contracted);
      if (fk < Math.min(fr, worst.fx)) simplex[n] = { x: contracted, fx: fk };
      else
        for (let i = 1; i <= n; i++) {
          const x = clamp(simplex[i]!.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!)));
          simplex[i] = { x, fx: f(x) };
        }
    }
  }
  simplex.sort((p, q) => p.fx - q.fx);
  return simplex[0]!.x;
}
