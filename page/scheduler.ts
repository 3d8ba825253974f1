// Runs work in slices between the page's own tasks.

/** Called with the idle time the browser offers, or undefined when the scheduler cannot tell. */
export type SliceTask = (idleMs: number | undefined) => void;

/** Queues one slice; returns a function that cancels it if it has not run yet. */
export type Schedule = (task: SliceTask) => () => void;

/** The clock the loop's slices and the annotator's checks are timed by. */
export const now = (): number => performance.now();

// An idle callback may wait for a quiet moment, but never longer than this.
const IDLE_TIMEOUT_MS = 50;

interface IdleDeadlineLike {
  timeRemaining(): number;
  didTimeout: boolean;
}
interface IdleGlobals {
  requestIdleCallback?: (cb: (deadline: IdleDeadlineLike) => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
}

/** requestIdleCallback where the browser has it (it yields to input and rendering first); otherwise a timeout. */
export function defaultSchedule(): Schedule {
  const g = globalThis as typeof globalThis & IdleGlobals;
  const ric = g.requestIdleCallback;
  const cic = g.cancelIdleCallback;
  if (typeof ric === 'function' && typeof cic === 'function') {
    return (task) => {
      const handle = ric.call(g, (deadline) => task(deadline.didTimeout ? undefined : deadline.timeRemaining()), {
        timeout: IDLE_TIMEOUT_MS,
      });
      return () => cic.call(g, handle);
    };
  }
  return timeoutSchedule();
}

export function timeoutSchedule(): Schedule {
  return (task) => {
    const handle = setTimeout(() => task(undefined), 0);
    return () => clearTimeout(handle);
  };
}
