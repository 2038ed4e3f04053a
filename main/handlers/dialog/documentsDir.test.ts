import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentsDir, projectFileName, resolveProjectPath } from './documentsDir';

describe('save-as suggestion', () => {
  it('the documents folder: XDG_DOCUMENTS_DIR, else user-dirs.dirs (a German desktop: ~/Dokumente), else ~/Documents, else home', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'mhs-home-'));
    try {
      expect(documentsDir({ XDG_DOCUMENTS_DIR: '$HOME/Akten' }, home)).toBe(path.join(home, 'Akten'));
      expect(documentsDir({}, home)).toBe(home);
      mkdirSync(path.join(home, 'Documents'));
      expect(documentsDir({}, home)).toBe(path.join(home, 'Documents'));
      mkdirSync(path.join(home, '.config'));
      writeFileSync(path.join(home, '.config', 'user-dirs.dirs'), '# generated\nXDG_DESKTOP_DIR="$HOME/Schreibtisch"\nXDG_DOCUMENTS_DIR="$HOME/Dokumente"\n');
      expect(documentsDir({}, home)).toBe(path.join(home, 'Dokumente'));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('file names keep umlauts and ß; only what no file system takes is replaced', () => {
    expect(projectFileName('Kanzlei-Müller-Hochverfügbarer-Mailserver.mhs.json')).toBe('Kanzlei-Müller-Hochverfügbarer-Mailserver.mhs.json');
    expect(projectFileName('Straße: A/B <neu>')).toBe('Straße A B neu.mhs.json');
    expect(projectFileName('')).toBe('Projekt.mhs.json');
  });

  it('a bare file name goes into the documents folder, never the working directory', () => {
    expect(resolveProjectPath('mail.mhs.json', '/home/azubi/Dokumente')).toBe('/home/azubi/Dokumente/mail.mhs.json');
    expect(resolveProjectPath('/srv/projekte/mail.mhs.json', '/home/azubi/Dokumente')).toBe('/srv/projekte/mail.mhs.json');
    expect(resolveProjectPath('~/x.mhs.json', '/d')).toBe(path.join(os.homedir(), 'x.mhs.json'));
  });
});
