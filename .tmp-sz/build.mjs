import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const stub = (filter, contents) => ({ name: 'stub'+filter, setup(b) { b.onResolve({ filter }, (a) => ({ path: a.path, namespace: 'stub' + filter })); b.onLoad({ filter: /.*/, namespace: 'stub' + filter }, () => ({ contents, loader: 'js' })); } });
const variants = {
  full: [],
  nomm: [stub(/^minimatch$/, 'export class Minimatch{constructor(p){this.r=new RegExp(p)} match(n){return this.r.test(n)}}')],
  nommcfg: [stub(/^minimatch$/, 'export class Minimatch{constructor(p){this.r=new RegExp(p)} match(n){return this.r.test(n)}}'), stub(/resolve-config$/, 'export function resolveConfig(){return {}}')],
};
for (const [k, plugins] of Object.entries(variants)) {
  const r = await build({ stdin: { contents: "import { Tracker } from '/work/main/src/browser'; Tracker.getInstance().track('x');", resolveDir: '/work/main', loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, plugins, platform: 'browser', metafile: true });
  const t = r.outputFiles[0].contents; console.log(k, t.length, gzipSync(t).length);
}
