import * as fsp from 'node:fs/promises';

/**
 * The narrow file-system surface the store uses. It is a parameter of the store so tests can
 * count reads (a 100,000-message folder must open without opening its messages) and inject
 * faults such as ENOSPC that a healthy disk will not produce on demand.
 */
export interface StoreFile {
  write(data: Uint8Array): Promise<void>;
  read(buffer: Uint8Array, position: number | null): Promise<number>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly isDirectory: boolean;
}

export interface StoreFs {
  /** flags as in fs.open: 'r' to read, 'wx' to create a new file that must not exist. */
  open(path: string, flags: 'r' | 'wx' | 'w'): Promise<StoreFile>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<StoreStat>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  utimes(path: string, atime: Date, mtime: Date): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
}

class NodeFile implements StoreFile {
  constructor(private readonly handle: fsp.FileHandle) {}

  async write(data: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
  }

  async read(buffer: Uint8Array, position: number | null): Promise<number> {
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, position);
    return bytesRead;
  }

  sync(): Promise<void> {
    return this.handle.sync();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** The real file system (node:fs/promises). */
export const nodeStoreFs: StoreFs = {
  async open(path, flags) {
    return new NodeFile(await fsp.open(path, flags, 0o600));
  },
  readdir: (path) => fsp.readdir(path),
  async stat(path) {
    const s = await fsp.stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory() };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  async mkdir(path) {
    await fsp.mkdir(path, { recursive: true, mode: 0o700 });
  },
  rmdir: (path) => fsp.rmdir(path),
  utimes: (path, atime, mtime) => fsp.utimes(path, atime, mtime),
  readFile: (path) => fsp.readFile(path),
};
