/** Token buckets keyed by account, region and operation group; refilled from the injected clock. */
export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token; false when the bucket is empty. `rate` is tokens per second and the capacity. */
  take(key: string, rate: number, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
