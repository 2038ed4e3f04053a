import { homedir } from 'node:os';
import path from 'node:path';
import type { Result } from '../../shared/contract';
import { createDispatcher, type Dispatch } from '../handlers/dispatch';
import { createNodeServices } from '../nodeServices';
import type { Services } from '../services';
import { CliExit, reportError, type CliIO } from './command';

/** The CLI uses the same settings folder as the app on Linux, unless MHS_USER_DATA says otherwise. */
export function cliUserDataDir(): string {
  if (process.env.MHS_USER_DATA) return process.env.MHS_USER_DATA;
  const base = process.env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config');
  return path.join(base, 'Mail HA Studio');
}

let dispatch: Dispatch | undefined;
let services: Services | undefined;

/** The same dispatcher (validation, handlers, errors) the app uses, with CLI services. */
export function cliDispatch(): Dispatch {
  if (!dispatch) {
    services = createNodeServices({ userDataDir: cliUserDataDir(), transport: 'bridge' });
    dispatch = createDispatcher({ services, emit: (event, payload) => listeners.forEach((l) => l(event, payload)) });
  }
  return dispatch;
}

type Listener = (event: string, payload: unknown) => void;
const listeners = new Set<Listener>();

/** Receives the handlers' pushed events (progress of long actions) until the returned function is called. */
export function onCliEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls one handler through the app's dispatcher. On failure the error is printed translated and the command
 * stops with the matching exit code (CliExit, which runCli turns into the process exit code).
 */
export async function callHandler<T>(io: CliIO, method: string, input: unknown): Promise<T> {
  const r = (await cliDispatch()(method, input)) as Result<T>;
  if (r.ok) return r.value;
  throw new CliExit(await reportError(io, r.error));
}

/** The services behind the CLI's dispatcher (for the audit log path of a project, the known_hosts file ...). */
export function cliServices(): Services {
  cliDispatch();
  if (!services) throw new Error('internal: CLI services missing');
  return services;
}
