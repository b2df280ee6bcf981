// Builds the dashboard into ../dist (embedded by the Go package web):
// one minified, content-hashed JS bundle and CSS file plus index.html.
// Run: cd web/ui && npm ci && npm run build
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';

const out = new URL('../dist/', import.meta.url).pathname;
rmSync(out, { recursive: true, force: true });
mkdirSync(out + 'assets', { recursive: true });

const result = await esbuild.build({
  entryPoints: ['src/main.js', 'src/style.css'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  outdir: out + 'assets',
  entryNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'info',
});
const files = Object.keys(result.metafile.outputs).map((f) => basename(f));
const js = files.find((f) => f.startsWith('main-') && f.endsWith('.js'));
const css = files.find((f) => f.startsWith('style-') && f.endsWith('.css'));
const html = readFileSync('index.html', 'utf8')
  .replace('%JS%', `/assets/${js}`)
  .replace('%CSS%', `/assets/${css}`);
writeFileSync(out + 'index.html', html);
writeFileSync(out + 'assets/favicon.svg', readFileSync('favicon.svg'));
console.log('built', js, css);
