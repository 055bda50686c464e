/**
 * How the language server's process is started, by the extension and by the benchmark alike (no vscode import: the
 * benchmark runs under Node alone).
 *
 * `MALLOC_ARENA_MAX`: glibc gives each thread that allocates its own arenas (up to eight per core), and the pages a
 * thread's arena keeps after the thread has ended (the summary blocks it packed live on in them) are not given back.
 * Two arenas for the whole process: a 10k cold index peaked 12-18 MiB lower, in the same time. Only glibc reads it,
 * and only when the process starts, which is why the launcher sets it.
 */
export const serverEnvironment: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
