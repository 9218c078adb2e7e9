/**
 * A sparse feature vector that is reused across messages (scoring must not allocate per message).
 * Indices are already reduced to the model's hash space; duplicates are allowed and simply add up.
 */
export class FeatureVector {
  idx: Int32Array;
  val: Float32Array;
  n = 0;
  /** a rule-based contribution to the margin that training never sees (English set phrases) */
  offset = 0;
  /**
   * Entries [0, sparse) are the n-gram block; the dense features (lexicon sums, length, flags) follow it.
   * Domain experts read only the n-grams.
   */
  sparse = 0;
  readonly mask: number;

  constructor(bits: number, capacity = 256) {
    this.mask = (1 << bits) - 1;
    this.idx = new Int32Array(capacity);
    this.val = new Float32Array(capacity);
  }

  reset(): void {
    this.n = 0;
    this.offset = 0;
    this.sparse = 0;
  }

  push(hash: number, value: number): void {
    if (this.n === this.idx.length) this.grow();
    this.idx[this.n] = hash & this.mask;
    this.val[this.n] = value;
    this.n++;
  }

  /** Scales entries [from, n) — used to L2-normalise the n-gram block so long reviews don't dominate. */
  scale(from: number, factor: number): void {
    for (let i = from; i < this.n; i++) this.val[i] *= factor;
  }

  /** A compact copy for training sets, where thousands of vectors are kept at once. */
  snapshot(): { idx: Int32Array; val: Float32Array; offset: number; sparse: number } {
    return { idx: this.idx.slice(0, this.n), val: this.val.slice(0, this.n), offset: this.offset, sparse: this.sparse };
  }

  private grow(): void {
    const idx = new Int32Array(this.idx.length * 2);
    const val = new Float32Array(this.val.length * 2);
    idx.set(this.idx);
    val.set(this.val);
    this.idx = idx;
    this.val = val;
  }
}
