import type { ClientToServerEvents, ServerToClientEvents } from "@blockwork/core";
import type { Server, Socket } from "socket.io";

/** Socket.IO typed with the protocol's event maps. */
export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
