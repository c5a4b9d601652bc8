/**
 * Opens `count` connections, at most `parallel` at a time: thousands of simultaneous handshakes would overflow the
 * server's listen backlog and measure connection storms instead of the queue.
 */
export async function connectInBatches<T>(count: number, parallel: number, open: (index: number) => Promise<T>): Promise<T[]> {
  const opened: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      opened[index] = await open(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return opened;
}
