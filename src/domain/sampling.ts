// Reproducible random draws for spot checks (抽查): the same seed and the same population give the same draw,
// so the supervision group can show how its sample was chosen. Pure.

/** mulberry32: a small, well-distributed 32-bit PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws up to `n` ids from `population` (sorted first, so the input order does not matter). */
export function drawSample(population: readonly number[], n: number, seed: number): number[] {
  const pool = [...new Set(population)].sort((a, b) => a - b);
  const rand = seededRandom(seed);
  // Partial Fisher–Yates: the first n slots are the sample.
  for (let i = 0; i < Math.min(n, pool.length); i++) {
    const j = i + Math.floor(rand() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, Math.min(n, pool.length)).sort((a, b) => a - b);
}
