/**
 * A busy model (HTTP 429): say how many wait, count down the server's Retry-After, and
 * ask again — unless the user cancels. The server's queue is the only queue: nothing
 * is held here but the question being asked.
 */
import { ChatRefused } from './api';

/** Retries before giving up (about ten minutes at the longest Retry-After). */
export const MAX_RETRIES = 10;

/** A 429 answer: how many requests wait for the model and when to try again. */
export interface IBusy {
  waiting: number | null;
  retryAfter: number;
}

/** Retry after what the server said, within 1 s and a minute; 5 s when it said nothing. */
export function busyInfo(refusal: ChatRefused): IBusy {
  const seconds = refusal.retryAfter ?? 5;
  return {
    waiting: refusal.queue,
    retryAfter: Math.min(60, Math.max(1, Math.ceil(seconds)))
  };
}

/** "Model busy — 3 waiting, retrying in 4 s". */
export function busyMessage(busy: IBusy, secondsLeft: number): string {
  const waiting = busy.waiting === null ? '' : ` — ${busy.waiting} waiting`;
  return `Model busy${waiting}, retrying in ${Math.max(0, Math.ceil(secondsLeft))} s`;
}

/**
 * Wait `seconds`, calling `tick` with the seconds left at the start and once a second;
 * rejects with an AbortError when `signal` aborts (the user cancelled).
 */
export function countdown(
  seconds: number,
  signal: AbortSignal,
  tick: (left: number) => void
): Promise<void> {
  return new Promise((resolve, reject) => {
    let left = seconds;
    let timer = 0;
    const stop = () => {
      window.clearInterval(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      reject(new DOMException('Cancelled while the model was busy', 'AbortError'));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort);
    tick(left);
    timer = window.setInterval(() => {
      left -= 1;
      if (left <= 0) {
        stop();
        resolve();
      } else {
        tick(left);
      }
    }, 1000);
  });
}
