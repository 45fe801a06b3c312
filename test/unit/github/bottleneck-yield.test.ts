/**
 * The retry and throttling plugins queue every request through Bottleneck; its store yields to
 * the event loop several times a request. Those yields must not be timers (each at least 1 ms),
 * and a limiter must still run, order and pace its jobs.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import Bottleneck from 'bottleneck/light.js';
import { yieldWithoutTimers } from '../../../shared/github/bottleneck-yield.js';

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Bottleneck without timer yields', () => {
  it('queues a job without setting a timer for the yields', async () => {
    yieldWithoutTimers();
    const limiter = new Bottleneck({ maxConcurrent: 1, minTime: 0 });
    await limiter.schedule(async () => 0); // warm: the first job may set up its own timers
    const timers = jest.spyOn(globalThis, 'setTimeout');
    expect(await limiter.schedule(async () => 42)).toBe(42);
    // Bottleneck's own start timer for the job (delay 0) remains; the store's yields are gone
    expect(timers.mock.calls.filter(([, ms]) => !ms).length).toBeLessThanOrEqual(1);
  });

  it('still runs jobs in order, one at a time, and keeps minTime between them', async () => {
    yieldWithoutTimers();
    const limiter = new Bottleneck({ maxConcurrent: 1, minTime: 40 });
    const starts: number[] = [];
    const order: number[] = [];
    const scheduled = Date.now();
    await Promise.all(
      [1, 2, 3].map((n) =>
        limiter.schedule(async () => {
          starts.push(Date.now());
          order.push(n);
        }),
      ),
    );
    expect(order).toEqual([1, 2, 3]);
    // Bottleneck spaces the times it schedules jobs for, minTime apart from the first: a job that
    // started late (a busy event loop) may start closer to the next, never before its own time
    // (less a millisecond or two of timer rounding)
    starts.forEach((start, i) => expect(start - scheduled).toBeGreaterThanOrEqual(40 * i - 2));
  });
});
