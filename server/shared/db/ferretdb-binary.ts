// Finds or builds the FerretDB 1.24.2 binary that the embedded database runs on.
//
// Why not a plain `go install …/cmd/ferretdb@v1.24.2`: the binary it makes panics at start because the module
// ships without its generated build/version/version.txt (FerretDB issue 4001), and the module proxy reached
// here refuses the version listing that `go install` asks for. So we download exactly v1.24.2 through the
// proxy with `go mod download`, add the version file, and `go build` it once per machine into a shared cache.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logging/logger.ts';

const run = promisify(execFile);
export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'passerelle');
}

export function cachedBinaryPath(): string {
  return path.join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`);
}

export async function hasGo(): Promise<boolean> {
  try {
    await run('go', ['version']);
    return true;
  } catch {
    return false;
  }
}

/** Returns the path of a runnable FerretDB binary, building it with Go when it is not there yet. */
export async function ensureFerretDbBinary(logger: Logger, explicit?: string): Promise<string> {
  if (explicit) return explicit;
  const target = cachedBinaryPath();
  if (existsSync(target)) return target;

  logger.info({ version: FERRETDB_VERSION, target }, 'building FerretDB once with Go (takes a few minutes)');
  const { stdout } = await run('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {
    maxBuffer: 1 << 20,
  });
  const source = (JSON.parse(stdout) as { Dir: string }).Dir;
  const work = await mkdtemp(path.join(os.tmpdir(), 'ferretdb-build-'));
  try {
    const tree = path.join(work, 'src');
    await cp(source, tree, { recursive: true });
    // The module cache is read-only; the copy must be writable to add the version file.
    await run('chmod', ['-R', 'u+w', tree]);
    await writeFile(path.join(tree, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    await run('go', ['build', '-o', partial, './cmd/ferretdb'], {
      cwd: tree,
      env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
      maxBuffer: 16 << 20,
    });
    await chmod(partial, 0o755);
    // Rename is atomic, so a concurrent start never runs a half-written binary.
    await rename(partial, target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  logger.info({ target }, 'FerretDB built');
  return target;
}
