// Random bytes from the system's CSPRNG, drawn a block at a time. Each crypto.randomBytes() call has a fixed cost
// (about 20 µs on the small virtual machines this runs on) whatever its size; one 4 KB block costs about the same
// and serves a hundred tokens. Every byte is handed out once only. Shared by the app and the emulator.
import { randomBytes, randomFillSync } from 'node:crypto';

const BLOCK_BYTES = 4096;
const block = Buffer.alloc(BLOCK_BYTES);
let used = BLOCK_BYTES;

/** `size` fresh random bytes (a copy: the block is refilled later). */
export function poolRandomBytes(size: number): Buffer {
  if (size > BLOCK_BYTES / 4) return randomBytes(size);
  if (used + size > BLOCK_BYTES) {
    randomFillSync(block);
    used = 0;
  }
  const bytes = Buffer.from(block.subarray(used, used + size));
  // Handed out: cleared, so the block never holds a token that is in use.
  block.fill(0, used, used + size);
  used += size;
  return bytes;
}

/** A random token of `size` bytes, base64url-encoded (as uid-safe and the CSRF cookie use). */
export function randomToken(size: number): string {
  return poolRandomBytes(size).toString('base64url');
}
