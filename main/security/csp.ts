/**
 * One Content-Security-Policy for the app (served through the app:// protocol) and the test bridge.
 * No inline scripts, no eval, no remote content. The bridge additionally allows its own WebSocket.
 */
export function contentSecurityPolicy(extraConnect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${extraConnect.map((c) => ' ' + c).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
