/**
 * Bottleneck's in-memory store (used by the retry and throttling plugins for every request) yields
 * to the event loop with `setTimeout(resolve, 0)` several times per request: each is a timer of at
 * least 1 ms, so a request through both plugins waited about 20 ms doing nothing (measured against
 * the local sandbox; on a busy runner, more). `setImmediate` yields the same way, after pending I/O,
 * without the timer's floor. Bottleneck only ever calls `yieldLoop()` without a delay; a delay, if
 * one is ever passed, is still a timer.
 */
import Bottleneck from 'bottleneck/light.js';

interface Store {
  Promise: PromiseConstructor;
  yieldLoop(t?: number): Promise<void>;
}

let patched = false;

export function yieldWithoutTimers(): void {
  if (patched) return;
  patched = true;
  const store = (new Bottleneck() as unknown as { _store: Store })._store;
  Object.getPrototypeOf(store).yieldLoop = function (this: Store, t = 0): Promise<void> {
    return new this.Promise((resolve) => (t > 0 ? setTimeout(resolve, t) : setImmediate(resolve)));
  };
}
