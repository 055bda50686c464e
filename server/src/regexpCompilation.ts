/**
 * V8 compiles a regular expression to bytecode on its first run and to machine code on its second: for the date
 * reader's expressions (case-insensitive Unicode alternations of hundreds of words) the bytecode is the costly part,
 * some 165 ms for the 91 expressions of German, Italian, English and French against 40 ms for the machine code
 * alone. Every analysis runs them thousands of times, so each isolate (the server's thread and each analysis thread
 * of the process: V8's flags are the process's) compiles them to machine code at once. Outputs are the same.
 */
import { setFlagsFromString } from 'node:v8';

export function compileRegularExpressionsOnce(): void {
  setFlagsFromString('--no-regexp-tier-up');
}
