#!/bin/sh
# Runs once inside the booted legacy node while its image is built: creates the mail accounts database
# from /root/lab-accounts.tsv (email<TAB>password<TAB>quota-bytes) and /root/lab-aliases.tsv (source<TAB>destination).
set -eu
DBPW='MailDB-2024!'
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }
{
  cat <<SQL
CREATE DATABASE IF NOT EXISTS mailserver CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'mailuser'@'127.0.0.1' IDENTIFIED BY '$DBPW';
CREATE USER IF NOT EXISTS 'mailuser'@'localhost' IDENTIFIED BY '$DBPW';
GRANT SELECT ON mailserver.* TO 'mailuser'@'127.0.0.1';
GRANT SELECT ON mailserver.* TO 'mailuser'@'localhost';
USE mailserver;
CREATE TABLE virtual_domains (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL UNIQUE
) ENGINE=InnoDB;
CREATE TABLE virtual_users (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  domain_id INT NOT NULL,
  email VARCHAR(190) NOT NULL UNIQUE,
  password VARCHAR(200) NOT NULL,
  quota BIGINT NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (domain_id) REFERENCES virtual_domains(id) ON DELETE CASCADE
) ENGINE=InnoDB;
CREATE TABLE virtual_aliases (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  domain_id INT NOT NULL,
  source VARCHAR(190) NOT NULL,
  destination VARCHAR(190) NOT NULL,
  FOREIGN KEY (domain_id) REFERENCES virtual_domains(id) ON DELETE CASCADE
) ENGINE=InnoDB;
SQL
  cut -f1 /root/lab-accounts.tsv | sed 's/.*@//' | sort -u | while read -r d; do
    echo "INSERT INTO virtual_domains (name) VALUES ($(q "$d"));"
  done
  while IFS="$(printf '\t')" read -r email pw quota; do
    hash="$(doveadm pw -s SHA512-CRYPT -p "$pw")"
    echo "INSERT INTO virtual_users (domain_id, email, password, quota) SELECT id, $(q "$email"), $(q "$hash"), $quota FROM virtual_domains WHERE name=$(q "${email#*@}");"
  done < /root/lab-accounts.tsv
  while IFS="$(printf '\t')" read -r src dst; do
    echo "INSERT INTO virtual_aliases (domain_id, source, destination) SELECT id, $(q "$src"), $(q "$dst") FROM virtual_domains WHERE name=$(q "${src#*@}");"
  done < /root/lab-aliases.tsv
} > /root/lab-accounts.sql
mariadb < /root/lab-accounts.sql
rm -f /root/lab-accounts.sql
# Postfix and Dovecot cached failed lookups while the database was empty.
systemctl restart postfix dovecot
