/**
 * A small seeded PRNG, so the same --seed always gives the same firm. sfc32 (128 bits of state) seeded
 * through mulberry32: two seeds do not land on overlapping stretches of one short cycle, which matters
 * because the generated UUIDs come from it. Never Math.random.
 */

/** mulberry32: 32 bits per call; also the benchmark's generator for intake bodies. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` separates independent sequences drawn from one seed (users, cases, demo passwords...). */
  constructor(seed: number, stream = 0) {
    const init = mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    for (let i = 0; i < 16; i += 1) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number in [min, max) rounded to one decimal place. */
  decimal1(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 10) / 10;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** `count` different items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const taken: T[] = [];
    for (let i = 0; i < count && pool.length > 0; i += 1) {
      const index = Math.floor(this.next() * pool.length);
      taken.push(pool[index]);
      pool[index] = pool[pool.length - 1];
      pool.pop();
    }
    return taken;
  }

  /** A version-4 UUID whose bits come from this generator. */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = this.uint32();
    const w2 = this.uint32();
    const w3 = this.uint32();
    const b = (word: number, shift: number) => HEX[(word >>> shift) & 0xff];
    return (
      b(w0, 24) + b(w0, 16) + b(w0, 8) + b(w0, 0) + '-' +
      b(w1, 24) + b(w1, 16) + '-' +
      HEX[0x40 | ((w1 >>> 8) & 0x0f)] + b(w1, 0) + '-' +
      HEX[0x80 | ((w2 >>> 24) & 0x3f)] + b(w2, 16) + '-' +
      b(w2, 8) + b(w2, 0) + b(w3, 24) + b(w3, 16) + b(w3, 8) + b(w3, 0)
    );
  }
}

/** A fixed table of choices with weights, prepared once and drawn from many times. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item);
    let total = 0;
    this.cumulative = entries.map(([, weight]) => (total += weight));
    this.cumulative = this.cumulative.map((value) => value / total);
  }

  draw(prng: Prng): T {
    const roll = prng.next();
    for (let i = 0; i < this.cumulative.length; i += 1) {
      if (roll < (this.cumulative[i])) return this.items[i];
    }
    return this.items[this.items.length - 1];
  }
}
