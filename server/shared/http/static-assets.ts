// Our own front-end files under /assets: each page names a file by a URL holding a hash of its content
// (`/assets/v/<hash>/css/site.css`), which a browser may keep for a year, and each text file is sent compressed as the
// browser asks, from bytes compressed once per process, in memory, the first time they are asked for.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import fresh from 'fresh';
import {
  acceptedEncoding,
  COMPRESSION_THRESHOLD,
  compressSmallest,
  type ContentEncoding,
  isCompressibleType,
} from './content-encoding.ts';

/** A folder served under `/assets/<prefix>/`. */
export interface AssetFolder {
  /** '' for the root, or a path such as 'vendor/leaflet'. */
  prefix: string;
  dir: string;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * For a file asked for by its plain path (a stylesheet's relative `url()`, an old page) or under another hash: it may
 * change, so it is kept an hour, as before asset URLs carried hashes.
 */
const SHORT_LIVED = 'public, max-age=3600';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

interface Asset {
  body: Buffer;
  hash: string;
  type: string;
  compressible: boolean;
  mtimeMs: number;
  size: number;
}

/**
 * Compressed bodies by content hash and encoding. A hash names the content, so every catalog of the process (tests
 * build many apps) shares them: brotli at its best takes about a second for Leaflet. Only served files' contents
 * are ever added; edits in development add their new versions.
 */
const compressed = new Map<string, Promise<Buffer>>();

const VERSIONED = /^\/v\/([0-9a-f]{12})\/(.+)$/;

export class AssetCatalog {
  private readonly assets = new Map<string, Asset>();
  private readonly folders: readonly AssetFolder[];
  private readonly watch: boolean;

  /** `watch`: notice edited files (development); otherwise a file is read once. */
  constructor(folders: readonly AssetFolder[], { watch }: { watch: boolean }) {
    // The longest prefix first, so 'vendor/leaflet/…' is not looked for under the root.
    this.folders = [...folders].sort((a, b) => b.prefix.length - a.prefix.length);
    this.watch = watch;
  }

  /** The URL of the file at `relative` (as 'css/site.css'), with its content's hash; the one place asset URLs are made. */
  url(relative: string): string {
    const asset = this.find(relative);
    if (!asset) throw new Error(`No asset ${relative}`);
    return `/assets/v/${asset.hash}/${relative}`;
  }

  /** Middleware for `app.use('/assets', …)`: answers GET and HEAD for the files it knows, and leaves the rest. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const versioned = VERSIONED.exec(req.path);
    let relative: string;
    try {
      relative = decodeURIComponent(versioned ? versioned[2]! : req.path.slice(1));
    } catch {
      return next();
    }
    const asset = this.find(relative);
    if (!asset) return next();
    this.send(req, res, asset, versioned?.[1] === asset.hash).catch(next);
  };

  private async send(req: Request, res: Response, asset: Asset, immutable: boolean): Promise<void> {
    const encoding = asset.compressible ? acceptedEncoding(req.headers) : undefined;
    const body = encoding ? await this.encodedBody(asset, encoding) : asset.body;
    res.setHeader('Cache-Control', immutable ? IMMUTABLE : SHORT_LIVED);
    res.setHeader('Content-Type', asset.type);
    if (asset.compressible) res.setHeader('Vary', 'Accept-Encoding');
    // Each encoding is its own representation, with its own validator.
    const etag = `"${asset.hash}${encoding ? `-${encoding}` : ''}"`;
    res.setHeader('ETag', etag);
    if (fresh(req.headers, { etag })) {
      res.status(304).end();
      return;
    }
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(body.length));
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  }

  private encodedBody(asset: Asset, encoding: ContentEncoding): Promise<Buffer> {
    const key = `${asset.hash}:${encoding}`;
    let body = compressed.get(key);
    if (!body) {
      body = compressSmallest(asset.body, encoding);
      compressed.set(key, body);
    }
    return body;
  }

  /**
   * Compresses the stylesheets and scripts of the folders (not their subfolders, source maps or unminified builds) ahead of the first
   * reader, who would otherwise wait for brotli: `npm start` calls it once listening.
   */
  async warm(): Promise<void> {
    for (const { prefix, dir } of this.folders) {
      for (const sub of prefix === '' ? ['css', 'js'] : ['']) {
        const files = readdirSync(path.join(dir, sub), { withFileTypes: true }).filter(
          // Leaflet's unminified builds are there for debugging; pages name the minified ones.
          (f) => f.isFile() && /\.(css|js|svg)$/.test(f.name) && !f.name.includes('-src'),
        );
        for (const file of files) {
          const asset = this.find([prefix, sub, file.name].filter(Boolean).join('/'));
          if (asset?.compressible) await Promise.all([this.encodedBody(asset, 'br'), this.encodedBody(asset, 'gzip')]);
        }
      }
    }
  }

  private find(relative: string): Asset | undefined {
    const known = this.assets.get(relative);
    if (known && !this.watch) return known;
    const file = this.fileOf(relative);
    const stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    // Paths that name nothing are not remembered: anyone can ask for any number of them.
    if (!file || !stat?.isFile()) return undefined;
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known;
    const body = readFileSync(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const asset: Asset = {
      body,
      hash: createHash('sha256').update(body).digest('hex').slice(0, 12),
      type,
      compressible: isCompressibleType(type) && body.length >= COMPRESSION_THRESHOLD,
      mtimeMs: stat.mtimeMs,
      size: stat.size,
    };
    this.assets.set(relative, asset);
    return asset;
  }

  /** The file a relative path names in one of the folders, or undefined for a path that leaves them or hides. */
  private fileOf(relative: string): string | undefined {
    const segments = relative.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.') || s.includes('\\'))) {
      return undefined;
    }
    if (relative.includes('\0')) return undefined;
    for (const { prefix, dir } of this.folders) {
      if (prefix === '') return path.join(dir, relative);
      if (relative.startsWith(`${prefix}/`)) return path.join(dir, relative.slice(prefix.length + 1));
    }
    return undefined;
  }
}
