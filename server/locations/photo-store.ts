// Where photo files live: a small key → bytes interface, and its filesystem implementation under DATA_DIR.
// Not GridFS: FerretDB 1.x would scan the whole chunks collection for every file read.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface PhotoStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the bytes under `key`; removing what is not there is no error. */
  delete(key: string): Promise<void>;
}

/** A photo file's key: the photo's id (a content hash), its width and its format, e.g. `3f…9a-640.webp`. */
export const PHOTO_FILE_KEY = /^[0-9a-f]{32}-\d{1,5}\.(webp|jpg)$/;

function assertKey(key: string): void {
  // Keys become file names: nothing but our own shape may reach the filesystem.
  if (!PHOTO_FILE_KEY.test(key)) throw new Error(`not a photo file key: ${key}`);
}

/** Files under `dir`, spread over subfolders by the key's first two characters so no folder grows too large. */
export function fileSystemPhotoStore(dir: string): PhotoStore {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key);
  return {
    async put(key, bytes) {
      assertKey(key);
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file.
      const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async get(key) {
      if (!PHOTO_FILE_KEY.test(key)) return undefined;
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      assertKey(key);
      await rm(fileOf(key), { force: true });
    },
  };
}
