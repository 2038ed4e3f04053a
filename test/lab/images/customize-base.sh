#!/bin/sh
# mmdebstrap --customize-hook for every lab image. Runs on the host as root; $1 is the new root.
# Node identity (hostname, address, /etc/hosts, SSH host keys, authorized key) is NOT baked in: the lab
# writes it per node at `up` (ct: into the node's overlay; vm: a tar handed over by qemu fw_cfg).
set -eu
R="$1"
HERE="$(dirname "$0")"

# Users: admin with a sudo password, a password-login user. Root logs in by key only.
chroot "$R" useradd -m -s /bin/bash -G sudo labadmin
chroot "$R" useradd -m -s /bin/bash labuser
printf '%s\n' 'labadmin:LabAdmin-2024!' 'labuser:LabUser-2024!' | chroot "$R" chpasswd
install -d -m 0700 "$R/root/.ssh" "$R/home/labadmin/.ssh"
chroot "$R" chown labadmin:labadmin /home/labadmin/.ssh

install -m 0644 "$HERE/files/sshd-lab.conf" "$R/etc/ssh/sshd_config.d/lab.conf"
rm -f "$R"/etc/ssh/ssh_host_*

# Identity from the lab at boot (vm tier reads it from fw_cfg; ct tier has it written beforehand).
install -m 0755 "$HERE/files/lab-identity" "$R/usr/local/sbin/lab-identity"
install -m 0644 "$HERE/files/lab-identity.service" "$R/etc/systemd/system/lab-identity.service"
chroot "$R" systemctl enable lab-identity.service systemd-networkd.service
chroot "$R" systemctl disable systemd-networkd-wait-online.service 2>/dev/null || true
# sshd must never start without the lab's per-node host keys.
install -d "$R/etc/systemd/system/ssh.service.d"
printf '[Unit]\nAfter=lab-identity.service\nWants=lab-identity.service\n' > "$R/etc/systemd/system/ssh.service.d/lab.conf"

# Packages come only from the lab's own repository inside the lab namespace.
rm -f "$R/etc/apt/sources.list.d/"*
printf 'deb [trusted=yes] http://10.77.0.1:8080 ./\n' > "$R/etc/apt/sources.list"
printf 'Acquire::Retries "0";\nAcquire::http::Timeout "10";\n' > "$R/etc/apt/apt.conf.d/80lab"

printf 'softdog\n' > "$R/etc/modules-load.d/lab-watchdog.conf"
ln -sf /usr/share/zoneinfo/Etc/UTC "$R/etc/localtime"
printf 'debian\n' > "$R/etc/hostname"
: > "$R/etc/machine-id"
