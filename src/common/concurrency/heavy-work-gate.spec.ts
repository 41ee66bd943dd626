import { DomainError } from '../errors/domain-error.js';
import { BusyError, HeavyWorkGate, defaultGateOptions } from './heavy-work-gate.js';

/** A promise the test settles when it decides: work that holds its slot until then. */
function held(): { promise: Promise<void>; finish: () => void } {
  let finish!: () => void;
  const promise = new Promise<void>((resolve) => (finish = resolve));
  return { promise, finish };
}

describe('HeavyWorkGate: one bound for every heavy request of an instance', () => {
  it('runs up to its slots at once; beyond them BusyError (429, Retry-After), never queued', async () => {
    const gate = new HeavyWorkGate({ slots: 2, retryAfterSeconds: 7 });
    const first = held();
    const second = held();
    const running = [gate.run(() => first.promise), gate.run(() => second.promise)];
    expect(gate.inUse).toBe(2);
    let refused: unknown;
    try {
      gate.enter();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: 'TOO_MANY_REQUESTS', code: 'SERVER_BUSY', retryAfterSeconds: 7 });
    expect((refused as Error).message).toMatch(/thử lại sau 7 giây \/ .*retry in 7 s/);
    await expect(gate.run(() => Promise.resolve('never'))).rejects.toBeInstanceOf(BusyError);
    first.finish();
    await running[0];
    expect(gate.inUse).toBe(1);
    await expect(gate.run(() => Promise.resolve('ran'))).resolves.toBe('ran');
    second.finish();
    await running[1];
    expect(gate.inUse).toBe(0);
  });

  it('frees the slot when the work fails, and a release called twice frees it once', async () => {
    const gate = new HeavyWorkGate({ slots: 1, retryAfterSeconds: 1 });
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.inUse).toBe(0);
    const release = gate.enter();
    const other = gate.enter.bind(gate);
    expect(other).toThrow(BusyError);
    release();
    release();
    expect(gate.inUse).toBe(0);
    const again = gate.enter();
    expect(gate.inUse).toBe(1);
    again();
  });

  it('lets queued jobs wait for a slot, first come first served; requests are refused while jobs wait', async () => {
    const gate = new HeavyWorkGate({ slots: 1, retryAfterSeconds: 1 });
    const release = gate.enter();
    const order: string[] = [];
    const a = gate.wait().then((free) => {
      order.push('a');
      return free;
    });
    const b = gate.wait().then((free) => {
      order.push('b');
      return free;
    });
    expect(() => gate.enter()).toThrow(BusyError); // no jumping the queue
    release();
    const freeA = await a;
    expect(order).toEqual(['a']);
    expect(gate.inUse).toBe(1);
    freeA();
    const freeB = await b;
    expect(order).toEqual(['a', 'b']);
    freeB();
    expect(gate.inUse).toBe(0);
  });

  it('takes its slot count from HEAVY_WORK_SLOTS, else the CPU count (at least 2)', () => {
    expect(defaultGateOptions({ HEAVY_WORK_SLOTS: '5' }).slots).toBe(5);
    expect(defaultGateOptions({ HEAVY_WORK_SLOTS: 'x' }).slots).toBeGreaterThanOrEqual(2);
    expect(defaultGateOptions({}).slots).toBeGreaterThanOrEqual(2);
  });
});
