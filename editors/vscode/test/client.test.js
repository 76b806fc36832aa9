'use strict';
// The client really starts the configured executable as `hyp lsp` and speaks LSP to it over
// stdio. VS Code is not available in a test, so its API is a permissive stand-in (every member
// exists and does nothing) except for the few members this test depends on; the server is a fake
// `hyp` that records its command line and the first message it receives, then answers it.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

/** A stand-in for any part of the VS Code API: callable, constructible, every member present. */
function standIn(overrides = {}, name = 'vscode') {
  const target = function () {};
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(t, prop)) return t[prop];
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop];
      return standIn({}, `${name}.${prop}`);
    },
    apply() { return standIn({}, `${name}()`); },
    construct() { return standIn({}, `new ${name}`); },
  });
}

/** An executable `hyp` in dir that runs fixtures/fake-hyp.js, which records into dir. */
function fakeServer(dir) {
  const script = path.join(dir, 'hyp');
  const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(script, `#!/bin/sh\nHYP_FAKE_RECORD=${quote(dir)} exec ${quote(process.execPath)} ${quote(path.join(__dirname, 'fixtures', 'fake-hyp.js'))} "$@"\n`);
  fs.chmodSync(script, 0o755);
  return script;
}

test('the extension starts the configured hyp as `hyp lsp` and initializes it over stdio', { skip: process.platform === 'win32' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyperdsl-client-'));
  const server = fakeServer(dir);
  const vscode = standIn({
    version: '1.90.0',
    workspace: standIn({
      getConfiguration: () => ({ get: (key) => (key === 'server.path' ? server : undefined) }),
      workspaceFolders: undefined,
      textDocuments: [],
    }),
    env: standIn({ language: 'en', machineId: 'test', appName: 'test' }),
  });
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  let extension;
  try {
    extension = require('../src/extension.js');
    await extension.activate({ subscriptions: [] });
    const initialize = JSON.parse(fs.readFileSync(path.join(dir, 'initialize.json'), 'utf8'));
    assert.equal(initialize.method, 'initialize');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'argv.json'), 'utf8')), ['lsp']);
  } finally {
    if (extension) await extension.deactivate();
    Module._load = load;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an extension whose server cannot be started still deactivates cleanly', { skip: process.platform === 'win32' }, async () => {
  const errors = [];
  const vscode = standIn({
    version: '1.90.0',
    workspace: standIn({
      getConfiguration: () => ({ get: () => path.join(os.tmpdir(), 'no-such-hyp-here', 'hyp') }),
      workspaceFolders: undefined,
      textDocuments: [],
    }),
    window: standIn({
      showErrorMessage: (message) => { errors.push(message); return Promise.resolve(undefined); },
      showInformationMessage: () => Promise.resolve(undefined),
    }),
    env: standIn({ language: 'en', machineId: 'test', appName: 'test' }),
  });
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  try {
    const extensionPath = require.resolve('../src/extension.js');
    delete require.cache[extensionPath];
    const extension = require(extensionPath);
    await extension.activate({ subscriptions: [] });
    assert.ok(errors.some((e) => e.includes("could not start") && e.includes('hyperdsl.server.path')), errors.join('\n'));
    await extension.deactivate();
  } finally {
    Module._load = load;
  }
});
