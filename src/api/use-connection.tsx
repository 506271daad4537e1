import { createContext, use, useState, type ReactNode } from 'react';
import { backendIdOf, saveConnection, type BackendId, type Connection } from './connection';
import type { EmbeddedEmulator } from './embedded-emulator';

interface ConnectionState {
  connection: Connection;
  /** Root of every query key. */
  backend: BackendId;
  /** Switches backend: starts or stops the embedded emulator first, then saves the choice. */
  setConnection: (next: Connection) => Promise<void>;
  /** The embedded emulator's handle, for its settings. */
  embedded: EmbeddedEmulator;
}

const ConnectionContext = createContext<ConnectionState | null>(null);

export function ConnectionProvider({
  initial,
  embedded,
  children,
}: {
  initial: Connection;
  embedded: EmbeddedEmulator;
  children: ReactNode;
}) {
  const [connection, setState] = useState(initial);
  const setConnection = async (next: Connection) => {
    if (next.kind === 'embedded') await embedded.start();
    else embedded.stop();
    saveConnection(next);
    setState(next);
  };
  return (
    <ConnectionContext value={{ connection, backend: backendIdOf(connection), setConnection, embedded }}>
      {children}
    </ConnectionContext>
  );
}

/** The current backend connection. */
export function useConnection(): ConnectionState {
  const state = use(ConnectionContext);
  if (!state) throw new Error('useConnection must be used inside ConnectionProvider');
  return state;
}
