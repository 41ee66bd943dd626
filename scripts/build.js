// The one build of the project: `npm run build` runs every `build:*` script of package.json in the
// order they are declared (today `build:server`, the TypeScript compile; a `build:web` added beside it
// joins the same build with no other change), then records what it built from in dist/.build-stamp.
//
//   node scripts/build.js             build everything (npm run build; `prepare` runs it at install)
//   node scripts/build.js --if-stale  build only when an input changed since the last build
//                                     (`npm start` and the CLIs: a start after install skips tsc)
//
// Why a stamp and not `tsc --incremental` alone: an incremental tsc with nothing to do still reads
// and hashes every file (seconds on a busy 2-core machine), and a web build has no incremental mode
// at all. Walking the inputs' modification times takes milliseconds. The stamp holds the newest
// modification time and a hash of the list of input files, so an edited, added or deleted file (a
// `git pull`, a checkout of another branch) makes the next start build again. Plain JavaScript, so it
// runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampPath = join(root, 'dist', '.build-stamp');
/** Folders whose files feed a build (missing ones are skipped) and single files that do too. */
const INPUT_DIRS = ['src', 'migrations', 'seeds', 'bench', 'scripts', 'web'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.data', 'coverage', '.vite']);

/** The inputs' fingerprint: newest modification time (ms) and a hash of the sorted file list. */
function fingerprint() {
  const files = [];
  let newest = 0;
  const visit = (path, stat) => {
    files.push(path);
    if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        visit(path, statSync(path));
      }
    }
  };
  for (const dir of INPUT_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of INPUT_FILES) if (existsSync(join(root, file))) visit(join(root, file), statSync(join(root, file)));
  files.sort();
  return { newest, files: createHash('sha256').update(files.join('\n')).digest('hex') };
}

function isCurrent(current) {
  if (!existsSync(stampPath)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    return stamp.newest === current.newest && stamp.files === current.files;
  } catch {
    return false;
  }
}

const ifStale = process.argv.includes('--if-stale');
// Taken before building: a file saved while the build runs makes the next start build again.
const before = fingerprint();
if (ifStale && isCurrent(before)) process.exit(0);

const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
const steps = Object.keys(scripts).filter((name) => name.startsWith('build:'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const step of steps) {
  const result = spawnSync(npm, ['run', '-s', step], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: "${step}" failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}
mkdirSync(dirname(stampPath), { recursive: true });
writeFileSync(stampPath, JSON.stringify({ ...before, steps, builtAt: new Date().toISOString() }) + '\n');
