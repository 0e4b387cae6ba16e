/**
 * The provenance block every report page starts with: commit, profile, TF.js backend,
 * versions, date. (Wall time is measured by the site builder around the whole execution.)
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { activeProfile } from './profile';
import { BackendChoice, describeBackend } from '../core/backend';
import { lapackRoute, nativeTrainingRoute } from '../core/native-blas';

export interface Provenance {
  notebook: string;
  commit: string;
  dirty: boolean;
  profile: string;
  backend: string;
  /** What solves dense symmetric eigenproblems (LAPACK through the native addon, or the TypeScript solver). */
  eigen: string;
  /** What runs lib/networks training steps (the native epoch or TF.js), or 'not used'. */
  training: string;
  versions: Record<string, string>;
  date: string;
}

function pkgVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(path.join(name, 'package.json')), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function git(args: string): string {
  try {
    return execSync(`git ${args}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
}

/** Collect provenance for a notebook run (backend may be omitted in notebooks that train nothing). */
export function provenance(notebook: string, backend?: BackendChoice): Provenance {
  const commit = git('rev-parse --short HEAD') || 'unknown';
  return {
    notebook,
    commit,
    dirty: git('status --porcelain --untracked-files=no') !== '',
    profile: activeProfile(),
    backend: backend ? describeBackend(backend) : 'not used',
    eigen: lapackRoute(),
    training: backend ? nativeTrainingRoute(backend.name) : 'not used',
    versions: {
      node: process.version,
      tslab: pkgVersion('tslab'),
      typescript: pkgVersion('typescript'),
      '@tensorflow/tfjs': pkgVersion('@tensorflow/tfjs'),
      'nodejs-polars': pkgVersion('nodejs-polars'),
      mathjs: pkgVersion('mathjs'),
      'vega-lite': pkgVersion('vega-lite'),
    },
    date: new Date().toISOString(),
  };
}

/** The provenance block as HTML, for display at the top of a notebook. */
export function provenanceHtml(p: Provenance): string {
  const v = Object.entries(p.versions).map(([k, x]) => `${k} ${x}`).join(', ');
  return (
    `<div class="provenance"><b>Provenance.</b> commit <code>${p.commit}${p.dirty ? ' (uncommitted changes)' : ''}</code> · ` +
    `profile <code>${p.profile}</code> · TF.js backend: ${p.backend} · training step: ${p.training} · eigen-solver: ${p.eigen} · ${v} · run ${p.date}</div>`
  );
}
