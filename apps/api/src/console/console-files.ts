/**
 * The web console's static files at /console (CONTRACT.md, "Console (web)"): the built
 * files of CONSOLE_DIR (Vite's output), public (the console signs in with an API key of
 * its own), outside the OpenAPI document.
 *
 *   - a real file answers with its bytes; the hashed assets under /console/assets/ are
 *     immutable (cached for a year), every other file is revalidated (`no-cache`);
 *   - a missing file under /console/assets/ is a 404 problem, never the page;
 *   - any other GET under /console (deep links such as /console/cases/<id>) answers the
 *     console's index.html, `no-cache`, so the SPA's router takes over;
 *   - without index.html, the console is not built: 404 problem saying how to build it;
 *   - only GET and HEAD are served (405 with `Allow` otherwise; OPTIONS 204).
 *
 * Every answer carries the console's security headers (http/security-headers.ts: a
 * Content-Security-Policy of the same origin only, no framing).
 */
import type { NextFunction, Request, Response } from 'express';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ProblemException } from '../problems/problem';

export const CONSOLE_PATH = '/console';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const SERVED_METHODS = ['GET', 'HEAD'];
const ALLOW = [...SERVED_METHODS, 'OPTIONS'].join(', ');

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The file under `root` a URL path names, or null when it would step outside it. */
function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // hidden files (.env, .git, ...) are never served
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** The middleware mounted at /console: `request.path` is the part after /console. */
export function consoleFiles(consoleDir: string) {
  const root = path.resolve(consoleDir);
  const index = path.join(root, 'index.html');
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      if (!SERVED_METHODS.includes(request.method)) {
        if (request.method === 'OPTIONS') {
          response.setHeader('Allow', ALLOW);
          response.status(204).end();
          return;
        }
        throw new ProblemException('method-not-allowed', `${request.method} is not served at ${request.originalUrl}; allowed: ${ALLOW}`, {}, { Allow: ALLOW });
      }
      const file = fileUnder(root, request.path);
      const isAsset = request.path.startsWith('/assets/');
      if (file && file !== root && (await isFile(file))) {
        await send(response, file, isAsset ? IMMUTABLE : REVALIDATE);
        return;
      }
      if (isAsset) throw new ProblemException('not-found', `no console asset ${request.originalUrl}`);
      if (!(await isFile(index))) {
        throw new ProblemException(
          'not-found',
          `the console is not built: ${index} does not exist. Build it with \`npm run build\` (Vite writes it to dist/console), or set CONSOLE_DIR to a built console`,
        );
      }
      await send(response, index, REVALIDATE);
    } catch (error) {
      next(error);
    }
  };
}

/** Express's sendFile (content type, length, ETag, HEAD, ranges) with our cache policy. */
function send(response: Response, file: string, cacheControl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    response.sendFile(file, { headers: { 'Cache-Control': cacheControl }, cacheControl: false, dotfiles: 'allow' }, (error) => {
      if (error && !response.headersSent) reject(error);
      else resolve();
    });
  });
}
