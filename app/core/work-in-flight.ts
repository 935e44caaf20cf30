// Long-running work (builds, imports, runs, log follows) that close() must be able to abort.

/** Ties each operation to both the caller's signal and close(), so quitting a face stops its work. */
export class WorkInFlight {
  private readonly running = new Set<AbortController>();

  async track<T>(signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const own = new AbortController();
    this.running.add(own);
    try {
      return await work(AbortSignal.any([signal, own.signal]));
    } finally {
      this.running.delete(own);
    }
  }

  abortAll(): void {
    for (const c of this.running) c.abort();
    this.running.clear();
  }
}
