import path from 'node:path';
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../security/csp';
import { readStatic } from '../staticFiles';
import { APP_HOST, APP_SCHEME } from './appOrigin';

/**
 * The renderer is served from app://mail-ha-studio/ instead of file://: a real origin that CSP, the
 * navigation guard and the IPC trust check can name, and no access to the rest of the disk.
 */

/**
 * Must run before app 'ready'. standard+secure gives the scheme a proper origin and a secure context;
 * corsEnabled lets Vite's `<script type="module" crossorigin>` load (no response carries
 * Access-Control-Allow-Origin, so no other origin can read anything); no bypassCSP, no service workers.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

/** The request handler itself, kept free of Electron so it can be tested with plain Request objects. */
export function createAppRequestHandler(rendererRoot: string) {
  const root = path.resolve(rendererRoot);
  return async (request: { url: string; method: string }): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('bad request', { status: 400, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) {
      return new Response('not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    const file = await readStatic(root, url.pathname);
    if (!file) return new Response('not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: securityHeaders(file.type),
    });
  };
}

/** Must run after 'ready'. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererRoot));
}
