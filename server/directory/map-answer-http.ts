// Sends a map answer the engine made, through Express or through node:http alone, with the same headers and bytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import fresh from 'fresh';
import { acceptedEncoding } from '../shared/http/content-encoding.ts';
import { answerBody, holdWhileSending, type MapAnswer } from './engine/map-answer-cache.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Sends `answer` as `res.send` sends JSON, with the answer's own ETag when the app sends ETags at all, compressed as
 * the reader asks (the `compression` middleware leaves an answer that names its encoding alone).
 */
export function sendMapAnswer(req: Request, res: Response, answer: MapAnswer): void {
  if (req.app.get('etag fn')) res.setHeader('ETag', answer.etag);
  holdWhileSending(res, answer);
  res.setHeader('Content-Type', JSON_TYPE);
  res.vary('Accept-Encoding');
  const encoding = acceptedEncoding(req.headers);
  const body = answerBody(answer, encoding);
  if (body !== answer.body) res.setHeader('Content-Encoding', encoding!);
  res.send(body);
}

/**
 * Writes `answer` with node:http alone after the headers in `head` (a flat list of names and values), as
 * `sendMapAnswer` and Express write it: with its ETag, and as a 304 without a body when the reader holds that ETag.
 */
export function writeMapAnswer(req: IncomingMessage, res: ServerResponse, answer: MapAnswer, head: string[]): void {
  holdWhileSending(res, answer);
  head.push('ETag', answer.etag);
  if (fresh(req.headers, { etag: answer.etag })) {
    res.writeHead(304, head).end();
    return;
  }
  const encoding = acceptedEncoding(req.headers);
  const body = answerBody(answer, encoding);
  head.push('Content-Type', JSON_TYPE);
  if (body !== answer.body) head.push('Content-Encoding', encoding!);
  head.push('Content-Length', String(body.length));
  res.writeHead(200, head).end(body);
}
