import type { PreloadApi } from '../../shared/contract/preloadApi';
import { connectBridge } from './bridgeClient';
import type { ApiClient } from './client';

declare global {
  interface Window {
    mhs?: PreloadApi;
  }
}

/** In Electron the preload provides window.mhs; in the browser harness the token comes in the URL fragment. */
export async function connectApi(): Promise<ApiClient> {
  const mhs = window.mhs;
  if (mhs) {
    return {
      transport: 'electron',
      call: (method, input) => mhs.api[method](input as never) as never,
      on: (event, cb) => mhs.on(event, cb as never),
    };
  }
  const m = /bridge=([0-9a-f]+)/.exec(location.hash);
  const token = m?.[1] ?? sessionStorage.getItem('mhs-bridge');
  if (!token) throw new Error('no transport: open the app through Electron or the test bridge URL');
  // Keep the token out of the visible URL and out of screenshots; a reload finds it in this tab's session.
  history.replaceState(null, '', location.pathname);
  sessionStorage.setItem('mhs-bridge', token);
  return connectBridge(token);
}
