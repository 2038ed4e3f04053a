import { homedir } from 'node:os';
import path from 'node:path';
import { createDispatcher, type Dispatch } from '../handlers/dispatch';
import { createNodeServices } from '../nodeServices';

/** The CLI uses the same settings folder as the app on Linux, unless MHS_USER_DATA says otherwise. */
export function cliUserDataDir(): string {
  if (process.env.MHS_USER_DATA) return process.env.MHS_USER_DATA;
  const base = process.env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config');
  return path.join(base, 'Mail HA Studio');
}

let dispatch: Dispatch | undefined;

/** The same dispatcher (validation, handlers, errors) the app uses, with CLI services. */
export function cliDispatch(): Dispatch {
  if (!dispatch) {
    const services = createNodeServices({ userDataDir: cliUserDataDir(), transport: 'bridge' });
    dispatch = createDispatcher({ services, emit: () => {} });
  }
  return dispatch;
}
