import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { events as eventSchemas, methodNames, type EventName, type EventPayload, type Result } from '../../shared/contract';
import type { Dispatch } from '../handlers/dispatch';
import { isTrustedSender } from './security';

/** Channel names shared with preload.ts: one invoke channel per method, one push channel for events. */
export const METHOD_CHANNEL_PREFIX = 'mhs:';
export const EVENT_CHANNEL = 'mhs-event';

export interface FrameInfo {
  url: string | undefined;
  isMainFrame: boolean;
}

export type IpcHandler<E> = (event: E, method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The trust check in front of the dispatcher: a message whose sending frame is not the app's top-level
 * page is answered with errors:untrustedSender and never reaches a handler.
 */
export function createIpcHandler<E>(dispatch: Dispatch, getFrameInfo: (event: E) => FrameInfo | undefined): IpcHandler<E> {
  return async (event, method, input) => {
    const frame = getFrameInfo(event);
    if (!frame || !isTrustedSender(frame.url, frame.isMainFrame)) {
      return { ok: false, error: { code: 'errors:untrustedSender', params: { method } } };
    }
    return dispatch(method, input);
  };
}

/** senderFrame is null once the frame navigated away or was destroyed: then there is nobody to trust. */
export function frameInfoOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): FrameInfo | undefined {
  const frame = event.senderFrame;
  if (!frame) return undefined;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  const handle = createIpcHandler<IpcMainInvokeEvent>(dispatch, frameInfoOf);
  for (const name of methodNames) {
    ipcMain.handle(METHOD_CHANNEL_PREFIX + name, (event, input: unknown) => handle(event, name, input));
  }
}

export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, message: unknown): void;
}

/** HandlerContext.emit for the app: payloads are validated against the contract before they leave main. */
export function createEmitter(getTarget: () => EventSink | undefined) {
  return <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const checked = eventSchemas[event].parse(payload);
    const target = getTarget();
    if (!target || target.isDestroyed()) return;
    target.send(EVENT_CHANNEL, { event, payload: checked });
  };
}
