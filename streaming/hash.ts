/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. Shared by the sentiment
 * model's feature hashing and near-duplicate SimHash. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
