'use strict';
// The bundled CLI's entry (bin/bundle.mjs writes it to dist/bundle/podpath.cjs,
// naming the entry chunk in ENTRY): loads the bundle's CommonJS chunks
// through V8's code cache. Node 20 has no compile cache of its own (that is
// Node 22's module.enableCompileCache), and compiling is a good part of a
// short command: the bundle's top level when it loads, then each function
// when it first runs (an iptables-restore of a kube-proxy dump compiles a
// few hundred). A chunk's cache (CHUNK.cache, made at build by a training
// run, see bundle.mjs) holds the bytecode of what that run compiled; the
// first run of a function it holds is not compiled again.
//
// Chunk files are named by their content (rolldown's [hash]), and a cache is
// named after its chunk: it is never read for other code (V8 checks little
// more than the source's length). V8 rejects a cache made by another node or
// with other flags (bin/podpath's are part of the check): the chunk is then
// compiled as without one, the result the same.
//
// PODPATH_CODE_CACHE=write: the run writes the cache of every chunk it loaded,
// as it exits (the training run).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const ENTRY = '__ENTRY__';
const write = process.env.PODPATH_CODE_CACHE === 'write';
delete process.env.PODPATH_CODE_CACHE;
/** Packages and builtins, required as the bundle's own files would (node_modules above dist/). */
const outside = createRequire(__filename);
const loaded = new Map();
const scripts = [];

/** A chunk's module.exports: its code run once as a CommonJS module would be (strict, as the ES modules it was made from). */
function load(name) {
  const known = loaded.get(name);
  if (known !== undefined) return known.exports;
  const file = path.join(__dirname, name);
  const module = { exports: {} };
  loaded.set(name, module);
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  if (!write)
    try {
      cachedData = fs.readFileSync(`${file}.cache`);
    } catch {
      cachedData = undefined;
    }
  // One line: the chunk's lines keep their numbers in stack traces.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (write) scripts.push([file, script]);
  const require = (id) => (id.startsWith('./') ? load(id.slice(2)) : outside(id));
  script.runInThisContext().call(module.exports, module.exports, require, module, file, __dirname);
  return module.exports;
}

if (write)
  process.on('exit', () => {
    for (const [file, script] of scripts) {
      // Written whole then renamed: a podpath starting meanwhile reads the old cache or the new one.
      const staging = `${file}.cache.${process.pid}`;
      fs.writeFileSync(staging, script.createCachedData());
      fs.renameSync(staging, `${file}.cache`);
    }
  });

load(ENTRY);
