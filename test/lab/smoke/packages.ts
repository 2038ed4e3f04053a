// The lab repository serves everything the product installs, dependency-complete for a bare node, and none
// of it is preinstalled on the secondary or the witness.
import { expect, it } from 'vitest';
import { repoPackageGroups } from '../lib/images.js';
import { ctx, has, root, tier, timed, wanted } from './context.js';

const groups = repoPackageGroups();
const all = [...new Set(Object.values(groups).flat())];
const installed = (pkgs: string[]): string =>
  `for p in ${pkgs.join(' ')}; do dpkg-query -W -f='\${Status}\\n' $p 2>/dev/null | grep -q "install ok installed" && echo "$p installed"; done; true`;
const apt = (args: string): string =>
  `apt-get update -q >/tmp/apt.log 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${args} >>/tmp/apt.log 2>&1; echo rc=$?; tail -5 /tmp/apt.log`;

/**
 * Only resolve (apt-get -s) the full stack on the secondary instead of installing it: always on vm (a real install
 * under TCG takes ~10 min), and on ct when LAB_SMOKE_RESOLVE_ONLY=1, which ci.sh may set after a commissioning
 * hook installed the plan's packages on a bare secondary from this same repository (2-5 min saved).
 */
const resolveOnly = tier === 'vm' || process.env.LAB_SMOKE_RESOLVE_ONLY === '1';

export function packageTests(): void {
  it('serves the HA stack, the mail stack as legacy runs it, hardening and tools; none of it is on the secondary or witness', async () => {
    expect(ctx.st.packageRepository.packages).toEqual(all);
    for (const p of ['pacemaker', 'corosync-qnetd', 'postfix-mysql', 'dovecot-lmtpd', 'mariadb-server', 'fail2ban', 'python3-systemd', 'nftables', 'rsync', 'xfsprogs', 'socat', 'psmisc']) expect(all).toContain(p);
    for (const n of wanted.filter((x) => x !== 'legacy')) {
      const r = await root(n, installed(all));
      expect(r.stdout.trim(), `preinstalled on ${n}`).toBe('');
    }
    if (has('legacy')) {
      // (rsync, socat and psmisc are there: Debian's mariadb-server depends on them)
      const r = await root('legacy', installed([...groups.ha, 'fail2ban', 'python3-systemd', 'nftables']));
      expect(r.stdout.trim(), 'preinstalled on legacy').toBe('');
      const candidate = await root('legacy', 'apt-get update -q >/dev/null 2>&1; apt-cache policy pacemaker | grep Candidate');
      expect(candidate.stdout).toMatch(/Candidate: 2\.1\./);
    }
  });

  it.runIf(has('secondary'))(
    resolveOnly ? 'a bare secondary can resolve the full mail + HA stack from the lab repository (apt-get -s)' : 'a bare secondary installs the full mail + HA stack from the lab repository',
    async () => {
      const r = await timed('secondaryFullStackInstallSeconds', () => root('secondary', apt(`${resolveOnly ? '-s ' : ''}${all.join(' ')}`), undefined, 900_000));
      expect(r.stdout).toContain('rc=0');
      if (!resolveOnly) {
        const missing = await root('secondary', `for p in ${all.join(' ')}; do dpkg-query -W -f='\${Status}\\n' $p 2>/dev/null | grep -q "install ok installed" || echo "$p missing"; done; true`);
        expect(missing.stdout.trim()).toBe('');
      }
    },
    900_000,
  );

  it.runIf(has('legacy'))('legacy can resolve what the plan installs there (HA stack, fail2ban, nftables, rsync)', async () => {
    const r = await root('legacy', apt(`-s ${[...groups.ha, 'fail2ban', 'python3-systemd', 'nftables', 'rsync'].join(' ')}`));
    expect(r.stdout).toContain('rc=0');
  });

  it.runIf(has('witness'))('the witness installs corosync-qnetd, fail2ban and nftables from the lab repository', async () => {
    const r = await timed('witnessInstallSeconds', () => root('witness', `${apt('corosync-qnetd fail2ban python3-systemd nftables')}; systemctl is-active corosync-qnetd`, undefined, 600_000));
    expect(r.stdout).toContain('rc=0');
    expect(r.stdout).toMatch(/^active$/m);
  });
}
