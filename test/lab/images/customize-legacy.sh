#!/bin/sh
# mmdebstrap --customize-hook for the legacy mail server (after customize-base.sh). Offline configuration
# only; the database, mailboxes and mail history are made by provision-legacy.sh and really sent mail
# while the image's build boots it once.
set -eu
R="$1"
HERE="$(dirname "$0")"
C() { chroot "$R" "$@"; }

# The mailbox root comes from Dovecot's mail_location (files/dovecot-local.conf), its only definition.
MAIL_ROOT="$(sed -n 's/^mail_location *= *[a-z]*:\(\/[^%]*\)\/%.*/\1/p' "$HERE/files/dovecot-local.conf")"
case "$MAIL_ROOT" in /?*) ;; *) echo "no mail root in dovecot-local.conf" >&2; exit 1 ;; esac
C groupadd -g 5000 vmail
C useradd -u 5000 -g vmail -d "$MAIL_ROOT" -s /usr/sbin/nologin -M vmail
install -d -m 0755 "$R$(dirname "$MAIL_ROOT")"
install -d -o 5000 -g 5000 -m 0770 "$R$MAIL_ROOT"

# Self-signed certificate for SMTP (STARTTLS/465), IMAP(S), POP3(S).
install -d -m 0755 "$R/etc/ssl/lab"
C openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/O=Example GmbH/CN=mail.example-gmbh.test" \
  -addext "subjectAltName=DNS:mail.example-gmbh.test,DNS:legacy.lab.test" \
  -keyout /etc/ssl/lab/mail.key -out /etc/ssl/lab/mail.crt 2>/dev/null
chmod 0600 "$R/etc/ssl/lab/mail.key"

printf 'example-gmbh.test\n' > "$R/etc/mailname"

# Postfix: MTA for virtual domains from MariaDB, delivery to Dovecot over LMTP, relay for the lab LAN and
# SASL users, outbound through a smarthost that lives inside the lab network (never a real address).
C postconf -e \
  'myhostname = mail.example-gmbh.test' \
  'mydomain = example-gmbh.test' \
  'myorigin = /etc/mailname' \
  'mydestination = localhost' \
  'inet_interfaces = all' \
  'inet_protocols = ipv4' \
  'mynetworks = 127.0.0.0/8 10.77.0.0/24' \
  'relayhost = [smarthost.lab.test]:25' \
  'smtp_host_lookup = native' \
  'smtp_dns_support_level = disabled' \
  'message_size_limit = 31457280' \
  'virtual_mailbox_domains = mysql:/etc/postfix/sql/virtual-domains.cf' \
  'virtual_mailbox_maps = mysql:/etc/postfix/sql/virtual-mailboxes.cf' \
  'virtual_alias_maps = mysql:/etc/postfix/sql/virtual-aliases.cf' \
  'virtual_transport = lmtp:unix:private/dovecot-lmtp' \
  'smtpd_tls_cert_file = /etc/ssl/lab/mail.crt' \
  'smtpd_tls_key_file = /etc/ssl/lab/mail.key' \
  'smtpd_tls_security_level = may' \
  'smtpd_tls_loglevel = 1' \
  'smtp_tls_security_level = may' \
  'smtpd_sasl_type = dovecot' \
  'smtpd_sasl_path = private/auth' \
  'smtpd_sasl_auth_enable = no' \
  'smtpd_helo_required = yes' \
  'smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination' \
  'smtpd_recipient_restrictions = permit_mynetworks permit_sasl_authenticated reject_unauth_destination reject_unlisted_recipient'
C postconf -M 'submission/inet=submission inet n - y - - smtpd' 'smtps/inet=smtps inet n - y - - smtpd'
for svc in submission smtps; do
  C postconf -P "$svc/inet/syslog_name=postfix/$svc" "$svc/inet/smtpd_sasl_auth_enable=yes" \
    "$svc/inet/smtpd_client_restrictions=permit_sasl_authenticated,reject" \
    "$svc/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject"
done
C postconf -P 'submission/inet/smtpd_tls_security_level=encrypt' 'submission/inet/smtpd_tls_auth_only=yes' \
  'smtps/inet/smtpd_tls_wrappermode=yes'
install -d -m 0750 "$R/etc/postfix/sql"
for f in virtual-domains virtual-mailboxes virtual-aliases; do
  install -m 0640 "$HERE/files/postfix-$f.cf" "$R/etc/postfix/sql/$f.cf"
done
C chgrp -R postfix /etc/postfix/sql

# Dovecot: IMAP, POP3, LMTP; users from MariaDB; SASL for Postfix.
sed -i 's/^!include auth-system.conf.ext/#!include auth-system.conf.ext/' "$R/etc/dovecot/conf.d/10-auth.conf"
install -m 0644 "$HERE/files/dovecot-local.conf" "$R/etc/dovecot/local.conf"
install -m 0640 "$HERE/files/dovecot-sql.conf.ext" "$R/etc/dovecot/dovecot-sql.conf.ext"
C chgrp dovecot /etc/dovecot/dovecot-sql.conf.ext

install -m 0755 "$HERE/provision-legacy.sh" "$R/usr/local/sbin/lab-provision-legacy"
C systemctl enable postfix dovecot mariadb rsyslog
