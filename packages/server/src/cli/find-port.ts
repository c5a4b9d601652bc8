import { createServer } from "node:net";

/** The first port from `start` on (at most `tries` of them) that `host` can listen on. */
export async function findFreePort(start: number, host: string, tries = 100): Promise<number> {
  for (let port = start; port < start + tries && port <= 65535; port++) {
    if (await canListen(port, host)) return port;
  }
  throw new Error(`no free port in ${start}-${start + tries - 1} on ${host}`);
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
