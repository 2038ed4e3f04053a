import type { Handler } from '../types';

/** Only after the user explicitly chose "replace" in the changed-host-key dialog. */
export const knownHostsReplace: Handler<'knownHosts.replace'> = async ({ host, port, fingerprint }, { services }) => {
  await services.knownHosts.replace(host, port, fingerprint);
  return {};
};

export const knownHostsImportUser: Handler<'knownHosts.importUser'> = async (_input, { services }) => {
  const r = await services.knownHosts.importOpenSsh();
  return { added: r.imported, skipped: r.skipped };
};
