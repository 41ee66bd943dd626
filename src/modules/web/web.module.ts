import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { WebController } from './web.controller.js';

/** Where the web app is served: deep links live under it, so they never collide with API paths. */
export const WEB_ROOT = '/app';

/** A path under /app whose last segment has a file extension: a file, never one of the app's routes. */
export const MISSING_FILE = /^\/app\/(?:.*\/)?[^/]*\.[A-Za-z0-9]+(?:\?.*)?$/;

/** The built web app (`npm run build` writes it with vite): `<repository>/dist/web`. */
export function webBuildDir(): string {
  // This file runs as src/modules/web/web.module.ts (tests) or dist/src/modules/web/web.module.js.
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here.replace(/[\\/](dist[\\/])?src[\\/]modules[\\/]web$/, ''), 'dist', 'web');
}

/**
 * Serves the officials' web app under /app (hashed assets cached for a year, index.html never),
 * falls back to index.html for deep links under /app/…, and redirects / to /app/. When the app was
 * not built (a test run of the API alone), /app answers 404 and the log says how to build it.
 */
@Module({})
export class WebModule {
  static forRoot(dir = webBuildDir()): DynamicModule {
    const built = existsSync(join(dir, 'index.html'));
    if (!built) new Logger('WebModule').warn(`The web app is not built (${dir}): run "npm run build" to serve it under ${WEB_ROOT}`);
    return {
      module: WebModule,
      controllers: [WebController],
      imports: built
        ? [
            ServeStaticModule.forRoot({
              rootPath: dir,
              serveRoot: WEB_ROOT,
              // A missing file (an old hashed script, a typo) is 404, not the app's page with 200:
              // only paths without a file extension are the app's routes.
              exclude: MISSING_FILE,
              serveStaticOptions: {
                index: 'index.html',
                setHeaders: (res: { setHeader(name: string, value: string): void }, path: string) => {
                  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
                },
              },
            }),
          ]
        : [],
    };
  }
}
