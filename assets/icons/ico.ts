/**
 * Windows .ico files: a 6-byte header, one 16-byte directory entry per image, then the images. Entries may
 * hold PNG data (Windows Vista and later); a 256 px image writes 0 as its width and height. Pure.
 */

/** Linux icon theme sizes (NxN.png) and the sizes inside the Windows .ico. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

export interface IcoImage {
  size: number;
  png: Buffer;
}

export function buildIco(images: readonly IcoImage[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const dir = Buffer.alloc(16 * images.length);
  let offset = header.length + dir.length;
  images.forEach((img, i) => {
    if (img.size < 1 || img.size > 256) throw new Error(`icon size ${img.size} not possible in an .ico`);
    const e = i * 16;
    dir.writeUInt8(img.size === 256 ? 0 : img.size, e);
    dir.writeUInt8(img.size === 256 ? 0 : img.size, e + 1);
    dir.writeUInt8(0, e + 2); // no palette
    dir.writeUInt8(0, e + 3); // reserved
    dir.writeUInt16LE(1, e + 4); // colour planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(img.png.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += img.png.length;
  });
  return Buffer.concat([header, dir, ...images.map((i) => i.png)]);
}

/** The entries of an .ico as written by buildIco (for the test). */
export function readIco(buf: Buffer): Array<{ size: number; png: Buffer }> {
  if (buf.readUInt16LE(0) !== 0 || buf.readUInt16LE(2) !== 1) throw new Error('not an icon file');
  const n = buf.readUInt16LE(4);
  return Array.from({ length: n }, (_, i) => {
    const e = 6 + i * 16;
    const w = buf.readUInt8(e);
    const len = buf.readUInt32LE(e + 8);
    const at = buf.readUInt32LE(e + 12);
    return { size: w === 0 ? 256 : w, png: buf.subarray(at, at + len) };
  });
}
