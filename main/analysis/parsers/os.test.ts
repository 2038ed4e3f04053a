import { describe, expect, it } from 'vitest';
import { out } from '../../../test/support/analysis/bundle.js';
import { parseOs } from './os.js';

const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"`;

const DPKG = `postfix\t3.7.11-0+deb12u1\tii 
postfix-mysql\t3.7.11-0+deb12u1\tii 
dovecot-core\t1:2.3.19.1+dfsg1-2.1+deb12u1\tii 
mariadb-server\t1:10.11.6-0+deb12u1\tii 
drbd-utils\t\tun 
corosync\t3.1.7-1\trc 
dpkg-query: no packages found matching pacemaker
dpkg-query: no packages found matching pcs`;

describe('os parser', () => {
  it('reads Debian 12 and the package states', () => {
    const r = parseOs(out({ osrelease: OS_RELEASE, uname: '6.1.0-18-amd64', dpkg: [DPKG, 1] }));
    expect(r.notes).toEqual([]);
    expect(r.os).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-18-amd64' });
    const pk = new Map(r.os?.packages?.map((p) => [p.name, p]));
    expect(pk.get('postfix')).toEqual({ name: 'postfix', version: '3.7.11-0+deb12u1', status: 'ii', installed: true });
    expect(pk.get('dovecot-core')?.version).toBe('1:2.3.19.1+dfsg1-2.1+deb12u1');
    expect(pk.get('drbd-utils')).toEqual({ name: 'drbd-utils', status: 'un', installed: false });
    expect(pk.get('corosync')?.installed).toBe(false);
    expect(pk.get('pacemaker')).toEqual({ name: 'pacemaker', installed: false });
  });

  it('reads Debian 11 and notes a missing dpkg', () => {
    const r = parseOs(out({ osrelease: OS_RELEASE.replaceAll('12', '11').replaceAll('bookworm', 'bullseye'), uname: '5.10.0-28-amd64', dpkg: ['sh: 1: dpkg-query: not found', 127] }));
    expect(r.os).toMatchObject({ versionId: '11', codename: 'bullseye' });
    expect(r.os?.packages).toBeUndefined();
    expect(r.notes).toEqual([{ key: 'analysis:notes.toolMissing', params: { section: 'dpkg' } }]);
  });
});
