/**
 * Cancellation for request handlers (`$/cancelRequest`): a cancelled request answers
 * LSPErrorCodes.RequestCancelled, and long-running handlers let waiting messages in so they can see one.
 */
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** Stops a request the client cancelled (`$/cancelRequest`): it answers LSPErrorCodes.RequestCancelled. */
export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/**
 * The cancellation token of a custom request's handler. The protocol library passes it last, after the params, or
 * after each element of params sent as an array, or alone when there are none: whatever a client sends, it is the
 * last argument.
 */
export function tokenOf(args: readonly unknown[]): CancellationToken {
  const last = args[args.length - 1];
  return CancellationToken.is(last) ? last : CancellationToken.None;
}

/**
 * Yields to the event loop, so that messages that arrived meanwhile are handled (a `$/cancelRequest` among them:
 * the protocol library cancels the token when it reads one), then stops the request if it was cancelled.
 * Synchronous code alone never sees a cancellation; long-running handlers call this first and every so often.
 */
export async function checkpoint(token: CancellationToken): Promise<void> {
  throwIfCancelled(token);
  await nextTurn();
  throwIfCancelled(token);
}

/** Resolves on the event loop's next turn, after the messages that arrived meanwhile (and their handlers' first steps). */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
