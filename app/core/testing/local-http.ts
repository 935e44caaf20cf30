// Real HTTP servers on loopback for tests of the clients to a model server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts `server` on a free loopback port and gives the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A loopback port nothing listens on (it was free a moment ago): a connection there is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
