// Reading a multipart form (a file upload) with busboy, within limits: one file, a few short fields. A file past its
// limit is read no further and reported as cut short, so the service can say it is too large.
import busboy from 'busboy';
import type { Request } from 'express';
import { badRequest } from '../errors/app-error.ts';

export interface MultipartForm {
  fields: Record<string, string>;
  /** The first file, whatever its field's name. */
  file?: { field: string; bytes: Buffer; truncated: boolean; name?: string };
}

export interface MultipartLimits {
  fileBytes: number;
  fields?: number;
  fieldBytes?: number;
}

export const isMultipart = (req: Request): boolean => Boolean(req.is('multipart/form-data'));

/** The form's fields and file; a body that is not multipart, or is malformed, is a 400. */
export function readMultipart(req: Request, limits: MultipartLimits): Promise<MultipartForm> {
  if (!isMultipart(req)) return Promise.reject(badRequest([{ field: '_', key: 'validation.multipart' }]));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          fileSize: limits.fileBytes,
          fields: limits.fields ?? 20,
          fieldSize: limits.fieldBytes ?? 4096,
          parts: (limits.fields ?? 20) + 1,
        },
      });
    } catch {
      reject(badRequest([{ field: '_', key: 'validation.multipart' }]));
      return;
    }
    const fields = Object.create(null) as Record<string, string>;
    let file: MultipartForm['file'];
    let pending: Promise<void> = Promise.resolve();
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      pending = new Promise((done) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (!file) {
            const name = info.filename ? { name: info.filename } : {};
            file = { field, bytes: Buffer.concat(chunks), truncated: stream.truncated === true, ...name };
          }
          done();
        });
      });
    });
    parser.on('error', () => reject(badRequest([{ field: '_', key: 'validation.multipart' }])));
    parser.on('close', () => {
      void pending.then(() => resolve({ fields, ...(file ? { file } : {}) }));
    });
    req.pipe(parser);
  });
}
