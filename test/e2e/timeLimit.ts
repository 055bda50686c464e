/** Time limits for waiting on events: a hang becomes a failure that says what did not happen. */

export class TimeLimitError extends Error {}

/** The promise's value; rejects with a TimeLimitError naming `what` if it has not settled within `ms`. The timer never keeps the process alive. */
export async function withTimeLimit<T>(promise: PromiseLike<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(`${what}: not within ${ms / 1000} s`)), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}
